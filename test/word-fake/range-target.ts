/**
 * What a `Range` proxy resolves to: two anchors in a story, and whether the range also covers the
 * mark that ends its last paragraph (as a paragraph's "Whole" range does).
 */
import type { Element, Node } from '@xmldom/xmldom';

import { childElements } from '../../src/merge/docx/xml';
import {
  createAnchor,
  insertAt,
  insertCollapsedPair,
  paragraphEnd,
  paragraphStart,
  type Point,
} from './anchors';
import { itemNotFound, notImplemented } from './errors';
import { isInStory, storyParagraphs, type Story } from './story';
import { pieceText, readPieces, type Piece } from './text-pieces';
import { closestW, isNamedW, precedes } from './wordml';

export type RangeTarget = {
  readonly story: Story;
  readonly start: Element;
  readonly end: Element;
  readonly includesMark: boolean;
};

const PARAGRAPH = new Set(['p']);

/** Returns the paragraph that contains an anchor or a run of the story. */
export function paragraphOf(node: Element, story: Story): Element {
  const paragraph = closestW(node, PARAGRAPH);
  if (!paragraph || !isInStory(paragraph, story)) {
    throw itemNotFound('The range is no longer in the document: its paragraph was deleted.');
  }
  return paragraph;
}

export function paragraphRange(story: Story, paragraph: Element, includesMark: boolean) {
  const start = createAnchor(paragraph);
  const end = createAnchor(paragraph);
  insertAt(paragraphStart(paragraph), start);
  insertAt(paragraphEnd(paragraph), end);
  return { story, start, end, includesMark };
}

export function collapsedRange(story: Story, point: Point): RangeTarget {
  const [start, end] = insertCollapsedPair(point);
  return { story, start, end, includesMark: false };
}

/** Lists the paragraphs the range touches, in document order. */
export function rangeParagraphs(target: RangeTarget): Element[] {
  const first = paragraphOf(target.start, target.story);
  const last = paragraphOf(target.end, target.story);
  if (first === last) {
    return [first];
  }

  const paragraphs = storyParagraphs(target.story);
  return paragraphs.slice(paragraphs.indexOf(first), paragraphs.indexOf(last) + 1);
}

/**
 * Lists the pieces of `paragraph` between two of its anchors. A null bound is the paragraph's
 * start or end.
 */
export function piecesBetween(paragraph: Element, from: Element | null, to: Element | null) {
  const pieces = readPieces(paragraph);
  const first = from === null ? 0 : pieces.findIndex((piece) => piece.element === from) + 1;
  const last = to === null ? pieces.length : pieces.findIndex((piece) => piece.element === to);
  return pieces.slice(first, last);
}

/** Text of the range; paragraphs after the first start with "\r", Word's paragraph mark. */
export function rangeText(target: RangeTarget): string {
  const paragraphs = rangeParagraphs(target);
  return paragraphs
    .map((paragraph, index) => {
      const from = index === 0 ? target.start : null;
      const to = index === paragraphs.length - 1 ? target.end : null;
      return piecesBetween(paragraph, from, to).map(pieceText).join('');
    })
    .join('\r');
}

/** Bounds of the range within one of its paragraphs: anchors, or null for the paragraph's ends. */
export function boundsIn(target: RangeTarget, paragraph: Element) {
  const paragraphs = rangeParagraphs(target);
  return {
    from: paragraph === paragraphs[0] ? target.start : null,
    to: paragraph === paragraphs[paragraphs.length - 1] ? target.end : null,
  };
}

/**
 * Checks that a range spanning several paragraphs covers whole paragraphs that are siblings,
 * the only such ranges the fake models.
 */
export function checkSpan(target: RangeTarget): void {
  const first = paragraphOf(target.start, target.story);
  const last = paragraphOf(target.end, target.story);
  if (first === last) {
    return;
  }

  const hasText = (pieces: Piece[]) => pieces.some((piece) => pieceText(piece) !== '');
  const partial =
    hasText(piecesBetween(first, null, target.start)) ||
    hasText(piecesBetween(last, target.end, null));
  if (partial || first.parentNode !== last.parentNode || tableBetween(first, last)) {
    throw notImplemented(
      'a range spanning several paragraphs must cover whole paragraphs of one container, ' +
        'with no table between them',
    );
  }
}

function tableBetween(first: Element, last: Element): boolean {
  return childElements(first.parentNode as Node).some(
    (sibling) => isNamedW(sibling, 'tbl') && precedes(first, sibling) && precedes(sibling, last),
  );
}
