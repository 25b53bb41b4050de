/**
 * A paragraph's text as Word shows it, as pieces mapped to the elements that hold them, with the
 * fake's range anchors between them.
 *
 * `collectAtoms` decides which `w:t` are visible (not deleted text, not field codes). Tabs read
 * as "\t" and text-wrapping breaks as "\v", Word's manual line break. Other content (drawings,
 * field characters, page breaks) adds no character.
 */
import type { Element, Node } from '@xmldom/xmldom';

import { collectAtoms, TRANSPARENT_CONTAINERS } from '../../src/merge/docx/paragraph-text';
import { childElements, isW, W_NS } from '../../src/merge/docx/xml';
import { FAKE_NS, getW, isNamedW } from './wordml';

export type Piece =
  | { kind: 'text'; element: Element; text: string }
  /** A tab or a line break, which are elements of their own in a run. */
  | { kind: 'char'; element: Element; text: string }
  | { kind: 'anchor'; element: Element };

/** `w:br` types that are not a line break: Word shows them as page and column breaks. */
const NOT_LINE_BREAKS = new Set(['page', 'column']);

export function isAnchor(node: Node | null): boolean {
  return node !== null && node.nodeType === 1 && (node as Element).namespaceURI === FAKE_NS;
}

/** Lists the pieces of `paragraph` in reading order. */
export function readPieces(paragraph: Element): Piece[] {
  const visible = new Set<Element>();
  for (const atom of collectAtoms(paragraph)) {
    if (atom.kind === 'text') {
      visible.add(atom.element);
    }
  }

  const pieces: Piece[] = [];
  collectPieces(paragraph, visible, pieces);
  return pieces;
}

function collectPieces(container: Node, visible: ReadonlySet<Element>, pieces: Piece[]): void {
  for (const child of childElements(container)) {
    if (isAnchor(child)) {
      pieces.push({ kind: 'anchor', element: child });
    } else if (child.namespaceURI !== W_NS) {
      continue;
    } else if (child.localName === 't' && visible.has(child)) {
      pieces.push({ kind: 'text', element: child, text: child.textContent ?? '' });
    } else if (isCharacter(child)) {
      pieces.push({
        kind: 'char',
        element: child,
        text: isNamedW(child, 'cr') ? '\v' : charOf(child),
      });
    } else if (TRANSPARENT_CONTAINERS.has(child.localName ?? '')) {
      collectPieces(child, visible, pieces);
    }
  }
}

function isCharacter(element: Element): boolean {
  if (!isW(element.parentNode, 'r')) {
    return false;
  }
  switch (element.localName) {
    case 'tab':
    case 'ptab':
    case 'cr':
      return true;
    case 'br':
      return !NOT_LINE_BREAKS.has(getW(element, 'type') ?? '');
    default:
      return false;
  }
}

function charOf(element: Element): string {
  return isNamedW(element, 'br') ? '\v' : '\t';
}

export function pieceText(piece: Piece): string {
  return piece.kind === 'anchor' ? '' : piece.text;
}

export function piecesText(pieces: readonly Piece[]): string {
  return pieces.map(pieceText).join('');
}

export function paragraphText(paragraph: Element): string {
  return piecesText(readPieces(paragraph));
}

/** Offset in the paragraph's text of an anchor of the paragraph. */
export function anchorOffset(paragraph: Element, anchor: Element): number {
  let offset = 0;
  for (const piece of readPieces(paragraph)) {
    if (piece.element === anchor) {
      return offset;
    }
    offset += pieceText(piece).length;
  }
  throw new Error('anchor not found in its paragraph');
}
