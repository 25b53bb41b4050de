/**
 * Check of the order of run properties (`w:rPr` children), which `wml.xsd` cannot make.
 *
 * The ECMA-376 transitional schema declares the run properties (group EG_RPrBase) as a repeated
 * choice, so any order validates. Word writes them in the order that choice lists them, and
 * Office's own schemas, which the Open XML SDK validator uses, require that order as a sequence.
 * So this check reads the order from `wml.xsd` and reports run properties out of it.
 */

import { readFileSync } from 'node:fs';

import type { Document, Element } from '@xmldom/xmldom';

import { childElements, descendantsByName, elementPath, NS, parseXml } from './xml-dom';

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** Position of each run property by local name, per schema file. */
const orderCache = new Map<string, Map<string, number>>();

/**
 * Returns an error for each run property that follows one that Word writes after it, or repeats
 * one, in every `w:rPr` of the document. Errors name the element by its path, as xmllint's do.
 */
export function findRunPropertyOrderErrors(document: Document, schemaPath: string): string[] {
  const order = runPropertyOrder(schemaPath);
  const errors: string[] = [];

  for (const properties of descendantsByName(document, NS.w, 'rPr')) {
    let latest: Element | undefined;
    for (const child of childElements(properties)) {
      const position = child.namespaceURI === NS.w ? order.get(child.localName ?? '') : undefined;
      if (position === undefined) {
        // Unknown elements are the schema validation's to report.
        continue;
      }

      const latestPosition = latest === undefined ? -1 : order.get(latest.localName ?? '')!;
      if (latest !== undefined && position < latestPosition) {
        errors.push(
          `${elementPath(child)}: Element '${child.tagName}': This element is out of order in ` +
            `w:rPr; it must come before '${latest.tagName}'.`,
        );
      } else if (latest !== undefined && position === latestPosition) {
        errors.push(`${elementPath(child)}: Element '${child.tagName}': This element is repeated.`);
      } else {
        latest = child;
      }
    }
  }
  return errors;
}

/**
 * Reads the order of run properties from the schema: the revision marks of a paragraph mark's
 * properties (EG_ParaRPrTrackChanges), then EG_RPrBase, then `rPrChange`.
 */
function runPropertyOrder(schemaPath: string): Map<string, number> {
  const cached = orderCache.get(schemaPath);
  if (cached !== undefined) {
    return cached;
  }

  const schema = parseXml(readFileSync(schemaPath, 'utf8'), schemaPath);
  const names = [
    ...groupElementNames(schema, schemaPath, 'EG_ParaRPrTrackChanges'),
    ...groupElementNames(schema, schemaPath, 'EG_RPrBase'),
    'rPrChange',
  ];
  const order = new Map(names.map((name, index) => [name, index]));
  orderCache.set(schemaPath, order);
  return order;
}

function groupElementNames(schema: Document, schemaPath: string, groupName: string): string[] {
  const group = descendantsByName(schema, XSD_NS, 'group').find(
    (candidate) => candidate.getAttribute('name') === groupName,
  );
  const names = group === undefined ? [] : descendantsByName(group, XSD_NS, 'element');
  if (names.length === 0) {
    throw new Error(`The schema ${schemaPath} has no element group ${groupName}`);
  }
  return names.map((element) => element.getAttribute('name') ?? '');
}
