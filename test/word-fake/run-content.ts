/**
 * Runs of a paragraph between two anchors: finding them, emptying them, and creating the runs
 * that inserted text and breaks go into.
 */
import type { Element, Node } from '@xmldom/xmldom';

import { TRANSPARENT_CONTAINERS } from '../../src/merge/docx/paragraph-text';
import { childElements, removeNonXmlCharacters, W_NS } from '../../src/merge/docx/xml';
import { invalidArgument } from './errors';
import { isAnchor } from './text-pieces';
import { createTextElement, createW, firstChildW, isNamedW } from './wordml';

/** Containers a run can sit in while its text still belongs to the paragraph. */
const RUN_CONTAINERS = new Set([...TRANSPARENT_CONTAINERS].filter((name) => name !== 'r'));

/** Run content that emptying a run keeps, so that fields stay well formed. */
const FIELD_STRUCTURE = new Set(['rPr', 'fldChar', 'instrText', 'delInstrText']);

/** Paragraph-mark properties that only apply to the mark: tracked changes of the mark itself. */
const MARK_ONLY_PROPERTIES = new Set(['ins', 'del', 'moveFrom', 'moveTo', 'rPrChange']);

/** Control characters other than tab: Word's handling of them in inserted text is unverified. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f]/;

/** Lists the runs and anchors of `paragraph` in reading order. */
export function runsAndAnchors(paragraph: Element): Element[] {
  const found: Element[] = [];
  const visit = (container: Node): void => {
    for (const child of childElements(container)) {
      if (isAnchor(child) || isNamedW(child, 'r')) {
        found.push(child);
      } else if (child.namespaceURI === W_NS && RUN_CONTAINERS.has(child.localName ?? '')) {
        visit(child);
      }
    }
  };
  visit(paragraph);
  return found;
}

/** Lists the runs between two anchors of `paragraph`; null is the paragraph's start or end. */
export function runsBetween(paragraph: Element, from: Element | null, to: Element | null) {
  const items = runsAndAnchors(paragraph);
  const first = from === null ? 0 : items.indexOf(from) + 1;
  const last = to === null ? items.length : items.indexOf(to);
  return items.slice(first, last).filter((item) => !isAnchor(item));
}

/** Removes the content of the runs between two anchors, keeping field characters and codes. */
export function removeContent(paragraph: Element, from: Element | null, to: Element | null): void {
  for (const run of runsBetween(paragraph, from, to)) {
    const content = childElements(run).filter((child) => !isNamedW(child, 'rPr'));
    const removable = content.filter(
      (child) => child.namespaceURI !== W_NS || !FIELD_STRUCTURE.has(child.localName ?? ''),
    );
    removable.forEach((child) => run.removeChild(child));
    if (removable.length === content.length) {
      run.parentNode!.removeChild(run);
    }
  }
}

/** Tells whether a run shows something: text, a tab, a break, a drawing. */
export function hasVisibleContent(run: Element): boolean {
  return childElements(run).some(
    (child) => child.namespaceURI !== W_NS || !FIELD_STRUCTURE.has(child.localName ?? ''),
  );
}

/**
 * Checks text for `insertText`, `insertParagraph` and table values.
 *
 * @throws FakeOfficeError InvalidArgument for line feeds, carriage returns and other control
 * characters but tab, because what Word does with them is not documented.
 */
export function checkInsertedText(text: unknown): string {
  if (typeof text !== 'string') {
    throw invalidArgument('The text must be a string.');
  }
  if (CONTROL_CHARACTERS.test(text)) {
    throw invalidArgument(
      'The text contains a line feed, carriage return or other control character: what Word ' +
        "does with them is unverified, so the fake rejects them. Use insertBreak('Line', …) " +
        'for a line break.',
    );
  }
  return removeNonXmlCharacters(text);
}

/** Creates a run with a copy of `properties`, holding `text` (tabs become `w:tab`). */
export function createTextRun(node: Node, properties: Element | undefined, text: string) {
  const document = node.ownerDocument!;
  const run = createRun(node, properties);
  text.split('\t').forEach((part, index) => {
    if (index > 0) {
      run.appendChild(createW(document, 'tab'));
    }
    if (part !== '') {
      run.appendChild(createTextElement(document, part));
    }
  });
  return run;
}

export function createBreakRun(node: Node, properties: Element | undefined): Element {
  const run = createRun(node, properties);
  run.appendChild(createW(node.ownerDocument!, 'br'));
  return run;
}

function createRun(node: Node, properties: Element | undefined): Element {
  const run = createW(node.ownerDocument!, 'r');
  if (properties && childElements(properties).length > 0) {
    run.appendChild(runPropertiesCopy(properties));
  }
  return run;
}

/**
 * Copies run properties, or a paragraph mark's properties as run properties: without tracked
 * changes, which belong to the original run or mark.
 */
function runPropertiesCopy(properties: Element): Element {
  const copy = createW(properties.ownerDocument!, 'rPr');
  for (const child of childElements(properties)) {
    if (child.namespaceURI !== W_NS || !MARK_ONLY_PROPERTIES.has(child.localName ?? '')) {
      copy.appendChild(child.cloneNode(true));
    }
  }
  return copy;
}

/**
 * The run properties inserted text takes: those of the first (or last) run of the range that
 * shows something, else of the nearest run before it, else after it, else the paragraph mark's.
 */
export function referenceProperties(
  paragraph: Element,
  from: Element | null,
  to: Element | null,
  which: 'first' | 'last',
): Element | undefined {
  const inside = runsBetween(paragraph, from, to).filter(hasVisibleContent);
  const before = from === null ? [] : runsBetween(paragraph, null, from).filter(hasVisibleContent);
  const after = to === null ? [] : runsBetween(paragraph, to, null).filter(hasVisibleContent);

  const run =
    (which === 'first' ? inside[0] : inside[inside.length - 1]) ??
    before[before.length - 1] ??
    after[0];
  if (run) {
    return firstChildW(run, 'rPr');
  }
  return firstChildW(firstChildW(paragraph, 'pPr') ?? paragraph, 'rPr');
}
