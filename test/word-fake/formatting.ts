/**
 * Character and paragraph formatting the fake writes: bold, size and font name on runs and
 * paragraph marks, spacing and alignment on paragraphs.
 */
import type { Element } from '@xmldom/xmldom';

import { invalidArgument, notImplemented } from './errors';
import {
  createW,
  ensureChildW,
  firstChildW,
  PARAGRAPH_ORDER,
  PARAGRAPH_PROPERTY_ORDER,
  removeW,
  replaceChildW,
  RUN_ORDER,
  RUN_PROPERTY_ORDER,
  setW,
} from './wordml';

/** Runs and paragraph marks a `Font` object formats. */
export type FontScope = { runs: Element[]; paragraphMarks: Element[] };

export type FontProperty = 'bold' | 'size' | 'name';

/** Font sizes Word accepts, in points. */
const MIN_FONT_SIZE = 1;
const MAX_FONT_SIZE = 1638;

/** Alignments of `Word.Alignment` that map to a `w:jc` value. */
const JUSTIFICATIONS: Readonly<Record<string, string>> = {
  Left: 'left',
  Centered: 'center',
  Right: 'right',
  Justified: 'both',
};

export function applyFont(scope: FontScope, property: FontProperty, value: unknown): void {
  const edit = fontEdit(property, value);
  for (const run of scope.runs) {
    edit(ensureChildW(run, 'rPr', RUN_ORDER));
  }
  for (const paragraph of scope.paragraphMarks) {
    edit(ensureChildW(paragraphProperties(paragraph), 'rPr', PARAGRAPH_PROPERTY_ORDER));
  }
}

function fontEdit(property: FontProperty, value: unknown): (properties: Element) => void {
  switch (property) {
    case 'bold':
      return boldEdit(value);
    case 'size':
      return sizeEdit(value);
    case 'name':
      return nameEdit(value);
  }
}

function boldEdit(value: unknown) {
  if (typeof value !== 'boolean') {
    throw invalidArgument('Font.bold must be true or false.');
  }
  return (properties: Element) => {
    const bold = createW(properties.ownerDocument!, 'b');
    if (!value) {
      setW(bold, 'val', '0');
    }
    replaceChildW(properties, bold, RUN_PROPERTY_ORDER);
  };
}

function sizeEdit(value: unknown) {
  if (typeof value !== 'number' || !(value >= MIN_FONT_SIZE && value <= MAX_FONT_SIZE)) {
    throw invalidArgument(`Font.size must be ${MIN_FONT_SIZE} to ${MAX_FONT_SIZE} points.`);
  }
  // w:sz is in half-points.
  const halfPoints = String(Math.round(value * 2));
  return (properties: Element) => {
    setW(ensureChildW(properties, 'sz', RUN_PROPERTY_ORDER), 'val', halfPoints);
  };
}

function nameEdit(value: unknown) {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidArgument('Font.name must be a font name.');
  }
  return (properties: Element) => {
    const fonts = createW(properties.ownerDocument!, 'rFonts', {
      ascii: value,
      hAnsi: value,
      eastAsia: value,
      cs: value,
    });
    replaceChildW(properties, fonts, RUN_PROPERTY_ORDER);
  };
}

export function paragraphProperties(paragraph: Element): Element {
  return ensureChildW(paragraph, 'pPr', PARAGRAPH_ORDER);
}

export type SpacingProperty = 'lineSpacing' | 'spaceBefore' | 'spaceAfter';

/** Sets a spacing in points as `w:spacing` in twips; line spacing becomes exact. */
export function applySpacing(paragraph: Element, property: SpacingProperty, value: unknown) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidArgument(`Paragraph.${property} must be a number of points, 0 or more.`);
  }

  const spacing = ensureChildW(paragraphProperties(paragraph), 'spacing', PARAGRAPH_PROPERTY_ORDER);
  const twips = String(Math.round(value * 20));
  if (property === 'lineSpacing') {
    setW(spacing, 'line', twips);
    setW(spacing, 'lineRule', 'exact');
    return;
  }

  const side = property === 'spaceBefore' ? 'before' : 'after';
  setW(spacing, side, twips);
  // Spacing in lines and automatic spacing would win over the value in twips.
  removeW(spacing, `${side}Lines`);
  removeW(spacing, `${side}Autospacing`);
}

/** Sets `w:jc` on each paragraph from a `Word.Alignment` value. */
export function applyAlignment(paragraphs: readonly Element[], alignment: unknown): void {
  const value = typeof alignment === 'string' ? JUSTIFICATIONS[alignment] : undefined;
  if (value === undefined) {
    if (alignment === 'Mixed' || alignment === 'Unknown') {
      throw invalidArgument(`The alignment ${alignment} cannot be set.`);
    }
    throw notImplemented(`the alignment ${String(alignment)}`);
  }

  for (const paragraph of paragraphs) {
    const jc = createW(paragraph.ownerDocument!, 'jc', { val: value });
    replaceChildW(paragraphProperties(paragraph), jc, PARAGRAPH_PROPERTY_ORDER);
  }
}

/** The paragraph mark's run properties, if any. */
export function markProperties(paragraph: Element): Element | undefined {
  return firstChildW(firstChildW(paragraph, 'pPr') ?? paragraph, 'rPr');
}
