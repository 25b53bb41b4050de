/**
 * Third compile step: marks the paragraphs whose output depends on the letter. A list field's
 * paragraph becomes a table or the empty-list sentence; a paragraph made only of text fields is
 * dropped when they are all blank.
 */
import type { Document, Element, Node } from '@xmldom/xmldom';

import { isListField, type ConditionFieldName, type ListFieldName } from '../fields';
import { hasSectionBreak, isolateListMarkers } from './isolate-lists';
import type { MarkContext } from './mark-fields';
import type { MarkerSyntax } from './markers';
import { collectAtoms } from './paragraph-text';
import type { TableLook } from './table-xml';
import { childElements, escapeXmlAttribute, isW, W_NS } from './xml';

export function paragraphsOf(document: Document): Element[] {
  return Array.from(document.getElementsByTagNameNS(W_NS, 'p'));
}

export type Group =
  | { kind: 'list'; field: ListFieldName; look: TableLook }
  | { kind: 'blankable' }
  | { kind: 'condition'; field: ConditionFieldName; replacement: string };

export function markListParagraphs(
  document: Document,
  context: MarkContext,
  groups: Group[],
  textWidth: number,
): void {
  const listMarker = new RegExp(context.markers.make('L', 0).replace('L0', 'L\\d+'));

  // In reverse, so that splitting a paragraph never moves one still to be visited.
  for (const paragraph of paragraphsOf(document).reverse()) {
    for (const list of isolateListMarkers(paragraph, listMarker)) {
      const field = listFieldOf(list, context);
      const look = { fontXml: fontXmlOf(list), widthTwips: textWidth };
      keepWithNext(list);
      const group: Group = { kind: 'list', field, look };
      wrapInGroup(list, context.markers, groups, group);
    }
  }
}

function listFieldOf(paragraph: Element, context: MarkContext): ListFieldName {
  const text = collectAtoms(paragraph)
    .map((atom) => (atom.kind === 'text' ? atom.text : ''))
    .join('');
  const match = new RegExp(context.markers.pattern.source).exec(text);
  const field = context.holes[Number(match?.[2])]?.field;
  if (!field || !isListField(field)) {
    throw new Error('list paragraph without its list marker');
  }
  return field;
}

/**
 * Keeps the paragraph before a list on the page of its table, so that "the invoices below:" is
 * never left alone at the bottom of a page.
 */
function keepWithNext(list: Element): void {
  let previous = list.previousSibling;
  while (previous && previous.nodeType !== 1) {
    previous = previous.previousSibling;
  }
  if (!isW(previous, 'p')) {
    return;
  }

  const document = list.ownerDocument as Document;
  let properties = childElements(previous).find((child) => isW(child, 'pPr'));
  if (!properties) {
    properties = document.createElementNS(W_NS, 'w:pPr');
    previous.insertBefore(properties, previous.firstChild);
  }
  if (childElements(properties).some((child) => isW(child, 'keepNext'))) {
    return;
  }

  // In w:pPr the schema puts w:keepNext right after w:pStyle.
  const style = childElements(properties).find((child) => isW(child, 'pStyle'));
  const keepNext = document.createElementNS(W_NS, 'w:keepNext');
  properties.insertBefore(keepNext, style ? style.nextSibling : properties.firstChild);
}

const BLOCK_ELEMENTS = ['p', 'tbl', 'sdt', 'customXml', 'altChunk'];

/**
 * True when no paragraph or table follows `paragraph` in its container. Markup such as a
 * bookmark end may follow, but a table cell still needs the paragraph.
 */
export function endsContainer(paragraph: Element): boolean {
  for (let next = paragraph.nextSibling; next; next = next.nextSibling) {
    const element = next as Element;
    if (next.nodeType === 1 && element.namespaceURI === W_NS) {
      if (BLOCK_ELEMENTS.includes(element.localName ?? '')) {
        return false;
      }
    }
  }
  return true;
}

const FONT_PROPERTIES = ['rFonts', 'sz', 'szCs'];

/** Copies the font of the field word's run, to write it again on the table's cells. */
function fontXmlOf(paragraph: Element): string {
  const run = childElements(paragraph).find((child) => isW(child, 'r'));
  const properties = run ? childElements(run).find((child) => isW(child, 'rPr')) : undefined;
  if (!properties) {
    return '';
  }
  return childElements(properties)
    .filter(
      (child) => child.namespaceURI === W_NS && FONT_PROPERTIES.includes(child.localName ?? ''),
    )
    .map(emptyElementXml)
    .join('');
}

function emptyElementXml(element: Element): string {
  const attributes = Array.from(element.attributes)
    .map((attribute) => ` ${attribute.name}="${escapeXmlAttribute(attribute.value)}"`)
    .join('');
  return `<${element.tagName}${attributes}/>`;
}

export function wrapInGroup(
  paragraph: Element,
  markers: MarkerSyntax,
  groups: Group[],
  group: Group,
): void {
  const document = paragraph.ownerDocument as Document;
  const id = groups.length;
  groups.push(group);

  const parent = paragraph.parentNode as Node;
  parent.insertBefore(document.createTextNode(markers.make('B', id)), paragraph);
  parent.insertBefore(document.createTextNode(markers.make('E', id)), paragraph.nextSibling);
}

/**
 * Marks the paragraphs made only of text fields and spaces, which are dropped when every field
 * is blank, as Word's mail merge drops blank address lines. A paragraph that ends its container
 * or carries a section break stays, because the document needs it.
 */
export function markBlankableParagraphs(
  document: Document,
  context: MarkContext,
  groups: Group[],
): void {
  const textMarker = new RegExp(context.markers.make('T', 0).replace('T0', 'T\\d+'), 'g');
  const listMarker = new RegExp(context.markers.make('L', 0).replace('L0', 'L\\d+'));

  for (const paragraph of paragraphsOf(document)) {
    const atoms = collectAtoms(paragraph);
    const text = atoms.map((atom) => (atom.kind === 'text' ? atom.text : '')).join('');
    const onlyFields =
      atoms.every((atom) => atom.kind !== 'break') &&
      textMarker.test(text) &&
      !listMarker.test(text) &&
      text.replace(textMarker, '').trim() === '';

    if (onlyFields && !endsContainer(paragraph) && !hasSectionBreak(paragraph)) {
      wrapInGroup(paragraph, context.markers, groups, { kind: 'blankable' });
    }
    textMarker.lastIndex = 0;
  }
}
