/**
 * The text of a paragraph as Word shows it, mapped back to the `w:t` elements that hold it.
 *
 * Word cuts a word into several runs for many reasons (spell-check marks, revision ids, a
 * formatting change in the middle, a hyperlink or a tracked insertion around part of it). The
 * atoms below list the paragraph's text pieces in reading order, so a word can be found across
 * them. Paragraphs of text boxes nested in this one are left out: they are paragraphs of their own.
 */
import type { Element, Node } from '@xmldom/xmldom';

import { W_NS } from './xml';

export type TextAtom = { kind: 'text'; element: Element; text: string };

/** Content that ends a word: a tab, a break, a drawing, a field character, anything unknown. */
export type BreakAtom = { kind: 'tab' | 'break' };

export type Atom = TextAtom | BreakAtom;

/** Containers whose content reads as part of the paragraph's text. */
export const TRANSPARENT_CONTAINERS: ReadonlySet<string> = new Set([
  'r',
  'hyperlink',
  'ins',
  'moveTo',
  'smartTag',
  'customXml',
  'sdt',
  'sdtContent',
  'fldSimple',
  'dir',
  'bdo',
]);

/** Markup with no visible text, which does not end a word either. */
const INVISIBLE = new Set([
  'pPr',
  'rPr',
  'sdtPr',
  'sdtEndPr',
  'smartTagPr',
  'customXmlPr',
  'proofErr',
  'bookmarkStart',
  'bookmarkEnd',
  'commentRangeStart',
  'commentRangeEnd',
  'permStart',
  'permEnd',
  'moveFromRangeStart',
  'moveFromRangeEnd',
  'moveToRangeStart',
  'moveToRangeEnd',
  'customXmlInsRangeStart',
  'customXmlInsRangeEnd',
  'customXmlDelRangeStart',
  'customXmlDelRangeEnd',
  'lastRenderedPageBreak',
  // An optional hyphen shows only where Word breaks the line, so it does not cut a word.
  'softHyphen',
  // Deleted text and field codes are not shown.
  'del',
  'moveFrom',
  'delText',
  'instrText',
  'delInstrText',
]);

/** Lists the text pieces and word-ending content of `paragraph` in reading order. */
export function collectAtoms(paragraph: Element): Atom[] {
  const atoms: Atom[] = [];
  collectInto(paragraph, atoms);
  return atoms;
}

function collectInto(container: Node, atoms: Atom[]): void {
  for (let child = container.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType !== 1) {
      continue;
    }

    const element = child as Element;
    const name = element.namespaceURI === W_NS ? element.localName : null;
    if (name === 't') {
      atoms.push({ kind: 'text', element, text: element.textContent ?? '' });
    } else if (name !== null && TRANSPARENT_CONTAINERS.has(name)) {
      collectInto(element, atoms);
    } else if (name === 'tab' || name === 'ptab') {
      atoms.push({ kind: 'tab' });
    } else if (name === null || !INVISIBLE.has(name)) {
      atoms.push({ kind: 'break' });
    }
  }
}

/** Joins the paragraph's text, reading each break atom as a line feed so no word spans it. */
export function atomsText(atoms: readonly Atom[]): string {
  return atoms.map((atom) => (atom.kind === 'text' ? atom.text : '\n')).join('');
}
