/**
 * Anchors: empty elements of the fake's namespace that mark where a range starts and ends.
 *
 * Word's ranges follow the text they cover while other edits happen. Anchors do the same: they
 * sit between runs (runs and `w:t` are split to make room for them), so edits elsewhere in the
 * paragraph leave them in place. They are removed when a part is written.
 */
import type { Element, Node } from '@xmldom/xmldom';

import { childElements, XML_NS } from '../../src/merge/docx/xml';
import { readPieces, type Piece } from './text-pieces';
import { createTextElement, FAKE_NS, firstChildW, isNamedW } from './wordml';

/** A place between two nodes: before `next` among the children of `parent`. */
export type Point = { parent: Node; next: Node | null };

export function createAnchor(node: Node): Element {
  return node.ownerDocument!.createElementNS(FAKE_NS, 'fake:anchor');
}

export function insertAt(point: Point, node: Node): void {
  point.parent.insertBefore(node, point.next);
}

export function pointBefore(node: Node): Point {
  return { parent: node.parentNode!, next: node };
}

export function pointAfter(node: Node): Point {
  return { parent: node.parentNode!, next: node.nextSibling };
}

/** Inserts two adjacent anchors, a collapsed range, at `point`. */
export function insertCollapsedPair(point: Point): [Element, Element] {
  const start = createAnchor(point.parent);
  const end = createAnchor(point.parent);
  insertAt(point, start);
  insertAt(pointAfter(start), end);
  return [start, end];
}

/** Inserts anchors around the text from `start` to `end` (offsets in the paragraph's text). */
export function anchorText(paragraph: Element, start: number, end: number): [Element, Element] {
  if (start === end) {
    return insertCollapsedPair(pointAtOffset(paragraph, start));
  }

  const startAnchor = createAnchor(paragraph);
  insertAt(pointBeforeOffset(paragraph, start), startAnchor);
  const endAnchor = createAnchor(paragraph);
  insertAt(pointAfterOffset(paragraph, end), endAnchor);
  return [startAnchor, endAnchor];
}

/** Returns the place right after the text before `offset`, or the paragraph's start at 0. */
export function pointAtOffset(paragraph: Element, offset: number): Point {
  return offset === 0 ? pointBeforeOffset(paragraph, 0) : pointAfterOffset(paragraph, offset);
}

/** Returns the place right before the character at `offset`, splitting its run if needed. */
function pointBeforeOffset(paragraph: Element, offset: number): Point {
  let position = 0;
  for (const piece of contentPieces(paragraph)) {
    const length = piece.text.length;
    if (offset < position + length) {
      const element =
        offset > position ? splitText(piece.element, offset - position) : piece.element;
      return pointBeforeRunChild(element);
    }
    position += length;
  }
  return offset === 0 ? paragraphStart(paragraph) : pointAfterOffset(paragraph, offset);
}

/** Returns the place right after the character before `offset`, splitting its run if needed. */
function pointAfterOffset(paragraph: Element, offset: number): Point {
  let position = 0;
  for (const piece of contentPieces(paragraph)) {
    const length = piece.text.length;
    if (offset <= position + length && offset > position) {
      if (offset < position + length) {
        splitText(piece.element, offset - position);
      }
      return pointAfterRunChild(piece.element);
    }
    position += length;
  }
  if (offset > position) {
    throw new Error(`offset ${offset} is past the paragraph's ${position} characters`);
  }
  return paragraphStart(paragraph);
}

function contentPieces(paragraph: Element): Exclude<Piece, { kind: 'anchor' }>[] {
  return readPieces(paragraph).filter((piece) => piece.kind !== 'anchor');
}

/** Returns the place after the paragraph properties, where the paragraph's content starts. */
export function paragraphStart(paragraph: Element): Point {
  const properties = firstChildW(paragraph, 'pPr');
  return properties ? pointAfter(properties) : { parent: paragraph, next: paragraph.firstChild };
}

export function paragraphEnd(paragraph: Element): Point {
  return { parent: paragraph, next: null };
}

/** Cuts a `w:t` in two at `at`; `text` keeps the first half. Returns the second. */
function splitText(text: Element, at: number): Element {
  const value = text.textContent ?? '';
  const second = createTextElement(text.ownerDocument!, value.slice(at));
  text.textContent = value.slice(0, at);
  text.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  text.parentNode!.insertBefore(second, text.nextSibling);
  return second;
}

/** Returns the place before `child` at the level of its run, splitting the run if needed. */
function pointBeforeRunChild(child: Element): Point {
  const run = child.parentNode as Element;
  const before = childElements(run).filter((sibling) => !isNamedW(sibling, 'rPr'));
  if (before[0] === child) {
    return pointBefore(run);
  }
  return pointBefore(splitRunBefore(run, child));
}

function pointAfterRunChild(child: Element): Point {
  const run = child.parentNode as Element;
  const next = nextElement(child);
  return next ? pointBefore(splitRunBefore(run, next)) : pointAfter(run);
}

function nextElement(node: Node): Element | undefined {
  for (let sibling = node.nextSibling; sibling !== null; sibling = sibling.nextSibling) {
    if (sibling.nodeType === 1) {
      return sibling as Element;
    }
  }
  return undefined;
}

/** Moves `child` and the run content after it into a new run, with the same properties. */
function splitRunBefore(run: Element, child: Element): Element {
  const second = run.cloneNode(false) as Element;
  const properties = firstChildW(run, 'rPr');
  if (properties) {
    second.appendChild(properties.cloneNode(true));
  }

  for (let node: Node | null = child; node !== null;) {
    const following: Node | null = node.nextSibling;
    second.appendChild(node);
    node = following;
  }
  run.parentNode!.insertBefore(second, run.nextSibling);
  return second;
}
