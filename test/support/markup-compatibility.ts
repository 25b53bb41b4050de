/**
 * Markup-compatibility processing (ECMA-376 Part 3), as a consumer does that understands only the
 * namespaces of the ECMA-376 transitional schemas.
 *
 * Word writes extensions from later versions (w14, w15, w16…, wp14) under `mc:Ignorable`, and
 * newer drawing markup inside `mc:AlternateContent` with an older `mc:Fallback`. Removing both the
 * way the standard prescribes gives the markup that `wml.xsd` can validate.
 */

import type { Document, Element } from '@xmldom/xmldom';

import { childElements, hasName, NS, parseXml, serializeXml } from './xml-dom';

/** Namespaces to ignore and elements whose content to keep, in scope at one element. */
interface CompatibilityScope {
  ignorableNamespaces: ReadonlySet<string>;
  /** `namespace URI + ' ' + local name`, or `namespace URI + ' *'` for every element. */
  processContent: ReadonlySet<string>;
}

/**
 * Applies markup-compatibility processing to an XML string and returns the result.
 *
 * @throws Error when the XML is not well-formed or an `mc:` attribute names an undeclared prefix.
 */
export function applyMarkupCompatibility(xml: string, label = 'XML part'): string {
  const document = parseXml(xml, label);
  applyMarkupCompatibilityToDocument(document);
  return serializeXml(document);
}

/**
 * Applies markup-compatibility processing to a parsed document, in place.
 *
 * It drops the elements and attributes of the namespaces that `mc:Ignorable` lists, but keeps the
 * content of elements named in `mc:ProcessContent`. It replaces each `mc:AlternateContent` with
 * the content of its `mc:Fallback`, or removes it when there is none. Last, it removes the `mc:`
 * attributes.
 */
export function applyMarkupCompatibilityToDocument(document: Document): void {
  const root = document.documentElement;
  if (root === null) {
    return;
  }
  processElement(root, { ignorableNamespaces: new Set(), processContent: new Set() });
}

function processElement(element: Element, outerScope: CompatibilityScope): void {
  const scope = extendScope(element, outerScope);
  removeCompatibilityAttributes(element, scope.ignorableNamespaces);

  for (const child of childElements(element)) {
    processChild(child, scope);
  }
}

/** Processes one child element: replaces, removes or descends into it. */
function processChild(child: Element, scope: CompatibilityScope): void {
  if (hasName(child, NS.mc, 'AlternateContent')) {
    const fallback = childElements(child).find((node) => hasName(node, NS.mc, 'Fallback'));
    const replacement = fallback === undefined ? [] : childElements(fallback);
    replaceWithNodes(child, replacement, scope);
    return;
  }

  const namespace = child.namespaceURI ?? '';
  if (!scope.ignorableNamespaces.has(namespace)) {
    processElement(child, scope);
    return;
  }

  const keepsContent =
    scope.processContent.has(`${namespace} ${child.localName}`) ||
    scope.processContent.has(`${namespace} *`);
  replaceWithNodes(child, keepsContent ? childElements(child) : [], scope);
}

/** Puts `nodes` where `element` was, removes `element`, then processes the moved nodes. */
function replaceWithNodes(element: Element, nodes: Element[], scope: CompatibilityScope): void {
  const parent = element.parentNode;
  if (parent === null) {
    return;
  }

  for (const node of nodes) {
    parent.insertBefore(node, element);
  }
  parent.removeChild(element);

  for (const node of nodes) {
    processChild(node, scope);
  }
}

function extendScope(element: Element, outerScope: CompatibilityScope): CompatibilityScope {
  const ignorable = element.getAttributeNS(NS.mc, 'Ignorable');
  const processContent = element.getAttributeNS(NS.mc, 'ProcessContent');
  if (!ignorable && !processContent) {
    return outerScope;
  }

  const ignorableNamespaces = new Set(outerScope.ignorableNamespaces);
  for (const prefix of splitList(ignorable)) {
    ignorableNamespaces.add(resolvePrefix(element, prefix, 'Ignorable'));
  }

  const processContentNames = new Set(outerScope.processContent);
  for (const qualifiedName of splitList(processContent)) {
    const [prefix = '', localName = ''] = qualifiedName.split(':');
    processContentNames.add(`${resolvePrefix(element, prefix, 'ProcessContent')} ${localName}`);
  }

  return { ignorableNamespaces, processContent: processContentNames };
}

/** Removes `mc:` attributes and the attributes of ignorable namespaces. */
function removeCompatibilityAttributes(element: Element, ignorable: ReadonlySet<string>): void {
  const attributes = Array.from(element.attributes);
  for (const attribute of attributes) {
    const namespace = attribute.namespaceURI;
    if (namespace !== null && (namespace === NS.mc || ignorable.has(namespace))) {
      element.removeAttributeNode(attribute);
    }
  }
}

function resolvePrefix(element: Element, prefix: string, attributeName: string): string {
  const namespace = element.lookupNamespaceURI(prefix);
  if (namespace === null) {
    throw new Error(
      `mc:${attributeName} on <${element.tagName}> names the prefix "${prefix}", ` +
        'which has no namespace declaration in scope',
    );
  }
  return namespace;
}

function splitList(value: string | null): string[] {
  return (value ?? '').split(/\s+/).filter((item) => item.length > 0);
}
