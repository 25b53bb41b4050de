/**
 * First compile step: finds the field words of each paragraph, gathers each one into the `w:t`
 * that contains its first character, so it takes that character's formatting, and puts a marker
 * in its place.
 */
import type { Document, Element } from '@xmldom/xmldom';

import { isConditionField, isListField, type FieldName } from '../fields';
import { findFieldWords, type FieldWordMatch } from '../recognize';
import { atomsText, collectAtoms, type Atom, type TextAtom } from './paragraph-text';
import type { MarkerSyntax } from './markers';
import { XML_NS } from './xml';

/** A field word found in the template. */
export type FoundWord = {
  word: string;
  field: FieldName | null;
  /** True for the VML copy of a text box, which repeats the DrawingML copy. */
  duplicate: boolean;
  /** True inside a text box, which Word.js search does not reach. */
  inTextBox: boolean;
};

/** Where a paragraph stands: in the VML copy of a text box, in a text box at all. */
export type ParagraphPlace = Pick<FoundWord, 'duplicate' | 'inTextBox'>;

/** Place of a field word: the field, and the tag of the `w:t` that contains it. */
export type Hole = {
  field: FieldName;
  /** "w:t" in files from Word; other tools may choose another prefix, or none. */
  textTag: string;
};

export type MarkContext = {
  markers: MarkerSyntax;
  /** Each hole, indexed by its id. */
  holes: Hole[];
  found: FoundWord[];
};

/** Replaces the field words of `paragraph` with markers and records every word found. */
export function markFieldWords(
  paragraph: Element,
  context: MarkContext,
  place: ParagraphPlace,
): void {
  const atoms = collectAtoms(paragraph);
  const matches = findFieldWords(atomsText(atoms));
  if (matches.length === 0) {
    return;
  }

  for (const match of matches) {
    context.found.push({ word: match.word, field: match.field, ...place });
  }

  const texts = atoms.map((atom) => (atom.kind === 'text' ? atom.text : '\n'));
  const textTag = atoms.find((atom) => atom.kind === 'text')?.element.tagName ?? 'w:t';
  const starts = atomStarts(texts);
  // Right to left, so that each edit leaves the offsets of the words before it unchanged.
  for (const match of matches.filter((candidate) => candidate.field !== null).reverse()) {
    const field = match.field as FieldName;
    const marker = context.markers.make(markerKind(field), context.holes.length);
    context.holes.push({ field, textTag });
    const replaced = isConditionField(field) ? withSpacesAfter(match, texts.join('')) : match;
    replaceAcrossAtoms(texts, starts, replaced, marker);
  }

  writeBack(atoms, texts);
}

function markerKind(field: FieldName): 'C' | 'L' | 'T' {
  if (isConditionField(field)) {
    return 'C';
  }
  return isListField(field) ? 'L' : 'T';
}

/** Extends a condition word's match over the spaces after it, which go with the word. */
function withSpacesAfter(match: FieldWordMatch, text: string): FieldWordMatch {
  let end = match.end;
  while (text[end] === ' ' || text[end] === '\u00a0' || text[end] === '\t') {
    end++;
  }
  return { ...match, end };
}

function atomStarts(texts: readonly string[]): number[] {
  const starts: number[] = [];
  let offset = 0;

  for (const text of texts) {
    starts.push(offset);
    offset += text.length;
  }
  return starts;
}

/**
 * Puts `marker` where the word begins and removes the word's other characters from the atoms
 * that follow. Field words are ASCII letters and digits, and the spaces after a condition word
 * stop at a break, so no break atom lies inside a match.
 */
function replaceAcrossAtoms(
  texts: string[],
  starts: readonly number[],
  match: FieldWordMatch,
  marker: string,
): void {
  let index = starts.findIndex(
    (start, atom) => start <= match.start && match.start < start + (texts[atom] ?? '').length,
  );
  let local = match.start - (starts[index] ?? 0);
  let remaining = match.end - match.start;
  let replacement = marker;

  while (remaining > 0 && index < texts.length) {
    const text = texts[index] ?? '';
    const taken = Math.min(text.length - local, remaining);
    texts[index] = text.slice(0, local) + replacement + text.slice(local + taken);

    remaining -= taken;
    replacement = '';
    local = 0;
    index++;
  }
}

function writeBack(atoms: readonly Atom[], texts: readonly string[]): void {
  atoms.forEach((atom, index) => {
    if (atom.kind === 'text' && texts[index] !== atom.text) {
      setAtomText(atom, texts[index] ?? '');
    }
  });
}

function setAtomText(atom: TextAtom, text: string): void {
  const element = atom.element;
  if (text === '') {
    element.parentNode?.removeChild(element);
    return;
  }

  while (element.firstChild) {
    element.removeChild(element.firstChild);
  }
  element.appendChild((element.ownerDocument as Document).createTextNode(text));
  // Values may start or end with spaces, which Word drops from a w:t without this.
  element.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  atom.text = text;
}
