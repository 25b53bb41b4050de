/**
 * Second compile step: gives each list field a paragraph of its own, so that a table can take its
 * place. Where the field stands inside a sentence, the paragraph is split in three: the text
 * before, the field, the text after. Each piece keeps the paragraph's properties; only the last
 * keeps a section break, since a table cannot carry one.
 */
import type { Document, Element, Node } from '@xmldom/xmldom';

import { collectAtoms, type TextAtom } from './paragraph-text';
import { childElements, isW, W_NS, XML_NS } from './xml';

/** Splits `paragraph` around each list marker; returns the paragraphs that hold one marker. */
export function isolateListMarkers(paragraph: Element, listMarker: RegExp): Element[] {
  const isolated: Element[] = [];
  let rest: Element | null = paragraph;

  while (rest) {
    const atom = findMarkerAtom(rest, listMarker);
    if (!atom) {
      break;
    }
    const pieces = splitAround(rest, atom.marker);
    isolated.push(pieces.list);
    rest = pieces.after;
  }
  return isolated;
}

type MarkerAtom = { atom: TextAtom; marker: string };

function findMarkerAtom(paragraph: Element, listMarker: RegExp): MarkerAtom | null {
  for (const atom of collectAtoms(paragraph)) {
    if (atom.kind !== 'text') {
      continue;
    }
    const match = new RegExp(listMarker.source).exec(atom.text);
    if (match) {
      return { atom, marker: match[0] };
    }
  }
  return null;
}

type Pieces = { list: Element; after: Element | null };

function splitAround(paragraph: Element, marker: string): Pieces {
  const parent = paragraph.parentNode as Node;
  const before = paragraph.cloneNode(true) as Element;
  const after = paragraph.cloneNode(true) as Element;

  keepBeforeMarker(before, marker);
  keepAfterMarker(after, marker);
  const list = buildListParagraph(paragraph, marker);
  const carriesSection = hasSectionBreak(paragraph);
  removeSectionBreak(before);
  removeSectionBreak(list);

  const keepBefore = !isBlank(before);
  if (keepBefore) {
    parent.insertBefore(before, paragraph);
    removeStartProperties(list);
  }
  removeStartProperties(after);
  parent.insertBefore(list, paragraph);
  const keepAfter = carriesSection || !isBlank(after);
  if (keepAfter) {
    parent.insertBefore(after, paragraph);
  }
  parent.removeChild(paragraph);

  return { list, after: keepAfter ? after : null };
}

function markerText(paragraph: Element, marker: string): { element: Element; at: number } {
  for (const atom of collectAtoms(paragraph)) {
    if (atom.kind === 'text' && atom.text.includes(marker)) {
      return { element: atom.element, at: atom.text.indexOf(marker) };
    }
  }
  throw new Error(`marker ${marker} lost while splitting a paragraph`);
}

function keepBeforeMarker(paragraph: Element, marker: string): void {
  const { element, at } = markerText(paragraph, marker);
  setText(element, (element.textContent ?? '').slice(0, at).trimEnd());

  for (let node: Node = element; node !== paragraph; node = node.parentNode as Node) {
    while (node.nextSibling) {
      node.parentNode?.removeChild(node.nextSibling);
    }
  }
}

/** Property elements stay when the content before the marker goes. */
const PROPERTY_ELEMENTS = new Set(['pPr', 'rPr', 'sdtPr', 'sdtEndPr', 'smartTagPr', 'customXmlPr']);

function keepAfterMarker(paragraph: Element, marker: string): void {
  const { element, at } = markerText(paragraph, marker);
  setText(element, (element.textContent ?? '').slice(at + marker.length).trimStart());

  for (let node: Node = element; node !== paragraph; node = node.parentNode as Node) {
    let previous = node.previousSibling;
    while (previous) {
      const next: Node | null = previous.previousSibling;
      const isProperty =
        previous.nodeType === 1 && PROPERTY_ELEMENTS.has((previous as Element).localName ?? '');
      if (!isProperty) {
        previous.parentNode?.removeChild(previous);
      }
      previous = next;
    }
  }
}

function buildListParagraph(paragraph: Element, marker: string): Element {
  const document = paragraph.ownerDocument as Document;
  const { element } = markerText(paragraph, marker);
  const run = element.parentNode as Element;
  const list = document.createElementNS(W_NS, 'w:p');

  const paragraphProperties = childElements(paragraph).find((child) => isW(child, 'pPr'));
  if (paragraphProperties) {
    list.appendChild(paragraphProperties.cloneNode(true));
  }

  const newRun = document.createElementNS(W_NS, 'w:r');
  const runProperties = childElements(run).find((child) => isW(child, 'rPr'));
  if (runProperties) {
    newRun.appendChild(runProperties.cloneNode(true));
  }
  const text = document.createElementNS(W_NS, 'w:t');
  text.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  text.appendChild(document.createTextNode(marker));
  newRun.appendChild(text);
  list.appendChild(newRun);

  return list;
}

function setText(element: Element, text: string): void {
  while (element.firstChild) {
    element.removeChild(element.firstChild);
  }
  element.appendChild((element.ownerDocument as Document).createTextNode(text));
}

/**
 * Removes what belongs to the start of the original paragraph only: a page break before it and
 * its list number, which would otherwise repeat on every piece.
 */
function removeStartProperties(paragraph: Element): void {
  const properties = childElements(paragraph).find((child) => isW(child, 'pPr'));
  const startOnly = properties
    ? childElements(properties).filter(
        (child) => isW(child, 'pageBreakBefore') || isW(child, 'numPr'),
      )
    : [];

  for (const element of startOnly) {
    properties?.removeChild(element);
  }
}

function sectionBreakOf(paragraph: Element): Element | undefined {
  const properties = childElements(paragraph).find((child) => isW(child, 'pPr'));
  return properties ? childElements(properties).find((child) => isW(child, 'sectPr')) : undefined;
}

export function hasSectionBreak(paragraph: Element): boolean {
  return sectionBreakOf(paragraph) !== undefined;
}

function removeSectionBreak(paragraph: Element): void {
  const sectionBreak = sectionBreakOf(paragraph);
  sectionBreak?.parentNode?.removeChild(sectionBreak);
}

/** True when the paragraph shows nothing: only white space, no break, tab or drawing. */
export function isBlank(paragraph: Element): boolean {
  return collectAtoms(paragraph).every((atom) => atom.kind === 'text' && atom.text.trim() === '');
}
