/**
 * The structure of a letter as a reader sees it, per story: the main body and each header and
 * footer part, as ordered blocks (paragraphs and tables). Two letters with equal outlines read
 * the same, whatever runs, properties or revision ids the engines wrote.
 *
 * Paragraphs inside text boxes are left out of their story. The Word.js engine never touches
 * text boxes (its search cannot reach them), and a template with field words in a text box is
 * merged by the .docx engine alone. Footnotes and endnotes are left out for the same reason.
 */
import type { Document, Element } from '@xmldom/xmldom';

import { collectAtoms, type Atom } from '../../src/merge/docx/paragraph-text';
import {
  findMainDocumentPart,
  listTextParts,
  readDocx,
  readPartText,
} from '../support/docx-package';
import { childElements, descendantsByName, hasName, NS, parseXml } from '../support/xml-dom';

export type ParagraphBlock = { kind: 'paragraph'; text: string };

/** A table: rows of cells, each cell being the blocks it contains (nested tables included). */
export type TableBlock = { kind: 'table'; rows: Cell[][] };

export type Cell = Block[];

export type Block = ParagraphBlock | TableBlock;

/** The blocks of one part: `word/document.xml`, `word/header1.xml`… */
export type Story = { part: string; blocks: Block[] };

/** The main body first, then headers and footers in archive order. */
export type Outline = { stories: Story[] };

/** Block-level containers whose children read as blocks of the story they sit in. */
const TRANSPARENT_BLOCKS = new Set(['sdt', 'sdtContent', 'customXml', 'ins', 'moveTo']);

/** Reads the outline of a .docx: its body, headers and footers. */
export function outlineLetter(docx: Uint8Array): Outline {
  const parts = readDocx(docx);
  const main = findMainDocumentPart(parts);
  const others = listTextParts(parts).filter((part) => /^(header|footer)$/.test(part.kind));

  return {
    stories: [main, ...others.map((part) => part.name)].map((part) => ({
      part,
      blocks: storyBlocks(parseXml(readPartText(parts, part), part)),
    })),
  };
}

function storyBlocks(document: Document): Block[] {
  const root = document.documentElement;
  if (root === null) {
    return [];
  }

  // The main document's story is w:body; a header or footer is its own root element.
  const body = childElements(root).find((child) => hasName(child, NS.w, 'body'));
  return containerBlocks(body ?? root);
}

/** Lists the paragraphs and tables of a body, header, footer or table cell, in order. */
function containerBlocks(container: Element): Block[] {
  const blocks: Block[] = [];
  for (const child of childElements(container)) {
    if (child.namespaceURI !== NS.w) {
      continue;
    }
    if (child.localName === 'p') {
      blocks.push({ kind: 'paragraph', text: paragraphText(child) });
    } else if (child.localName === 'tbl') {
      blocks.push({ kind: 'table', rows: tableRows(child) });
    } else if (TRANSPARENT_BLOCKS.has(child.localName ?? '')) {
      blocks.push(...containerBlocks(child));
    }
  }
  return blocks;
}

function tableRows(table: Element): Cell[][] {
  return transparentDescendants(table, 'tr').map((row) =>
    transparentDescendants(row, 'tc').flatMap(expandedCells),
  );
}

/**
 * Returns a cell followed by one empty cell per extra grid column it spans, so that a row whose
 * first cell spans five columns equals a row of six cells with five empty ones.
 */
function expandedCells(cell: Element): Cell[] {
  const span = Number(gridSpan(cell) ?? '1');
  const extra = Number.isInteger(span) && span > 1 ? span - 1 : 0;
  const empty = (): Cell => [{ kind: 'paragraph', text: '' }];

  return [containerBlocks(cell), ...Array.from({ length: extra }, empty)];
}

function gridSpan(cell: Element): string | undefined {
  const properties = childElements(cell).find((child) => hasName(child, NS.w, 'tcPr'));
  const span = properties && childElements(properties).find((c) => hasName(c, NS.w, 'gridSpan'));
  return span?.getAttributeNS(NS.w, 'val') ?? undefined;
}

/**
 * Returns the `w:tr` of a table or the `w:tc` of a row, looking through content controls and
 * custom XML that may wrap them, but not into nested tables.
 */
function transparentDescendants(parent: Element, localName: 'tr' | 'tc'): Element[] {
  const found: Element[] = [];
  for (const child of childElements(parent)) {
    if (hasName(child, NS.w, localName)) {
      found.push(child);
    } else if (child.namespaceURI === NS.w && TRANSPARENT_BLOCKS.has(child.localName ?? '')) {
      found.push(...transparentDescendants(child, localName));
    }
  }
  return found;
}

/**
 * Returns the text a paragraph shows, with tabs and line breaks. Deleted text, field codes and
 * the text of text boxes anchored in the paragraph are left out. White space at both ends is
 * trimmed, because a reader cannot see it.
 *
 * The engine's `collectAtoms` tells which markup hides text and which is transparent. It reports
 * a line break and a drawing alike, so line breaks are turned into text before it reads them.
 */
export function paragraphText(paragraph: Element): string {
  const copy = paragraph.cloneNode(true) as Element;
  markLineBreaks(copy);

  return collectAtoms(copy).map(atomText).join('').trim();
}

/** Returns an atom's visible text: drawings, field characters and other breaks show none. */
function atomText(atom: Atom): string {
  if (atom.kind === 'text') {
    return atom.text;
  }
  return atom.kind === 'tab' ? '\t' : '';
}

const LINE_BREAKS = ['br', 'cr'];

/** Replaces each `w:br` and `w:cr` with a `w:t` holding a line feed. */
function markLineBreaks(paragraph: Element): void {
  const document = paragraph.ownerDocument;
  if (document === null) {
    return;
  }
  const breaks = LINE_BREAKS.flatMap((name) => descendantsByName(paragraph, NS.w, name));

  for (const lineBreak of breaks) {
    const text = document.createElementNS(NS.w, lineBreak.prefix ? `${lineBreak.prefix}:t` : 't');
    text.appendChild(document.createTextNode('\n'));
    lineBreak.parentNode?.replaceChild(text, lineBreak);
  }
}
