/**
 * Differences between the outlines of two letters made from the same template and record, one
 * by the .docx engine and one by the Word.js engine, as one-line messages such as
 * `word/document.xml block 7: paragraph "Toulouse, le 29/10/2018" ≠ "Toulouse, le opistodatejour"`
 * (the .docx engine's side first).
 */
import type { Block, Cell, Outline, Story } from './outline';

/** Compares two outlines story by story, block by block, table cell by table cell. */
export function compareOutlines(docxEngine: Outline, wordEngine: Outline): string[] {
  const parts = [...new Set([...partNames(docxEngine), ...partNames(wordEngine)])];

  return parts.flatMap((part) => {
    const left = findStory(docxEngine, part);
    const right = findStory(wordEngine, part);
    if (left === undefined || right === undefined) {
      const side = left === undefined ? 'Word.js' : '.docx';
      return [`${part}: only in the ${side} engine's letter`];
    }
    return compareBlockLists(part, left.blocks, right.blocks);
  });
}

function partNames(outline: Outline): string[] {
  return outline.stories.map((story) => story.part);
}

function findStory(outline: Outline, part: string): Story | undefined {
  return outline.stories.find((story) => story.part === part);
}

/** Compares two lists of blocks in order; `where` names the story or the cell they are in. */
function compareBlockLists(where: string, left: readonly Block[], right: readonly Block[]) {
  const differences: string[] = [];
  const count = Math.max(left.length, right.length);

  for (let index = 0; index < count; index++) {
    differences.push(...compareBlocks(`${where} block ${index}`, left[index], right[index]));
  }
  return differences;
}

function compareBlocks(where: string, left?: Block, right?: Block): string[] {
  if (left?.kind === 'paragraph' && right?.kind === 'paragraph') {
    return left.text === right.text ? [] : [`${where}: ${describe(left)} ≠ ${quote(right.text)}`];
  }
  if (left?.kind === 'table' && right?.kind === 'table') {
    return compareTables(where, left.rows, right.rows);
  }
  return [`${where}: ${describe(left)} ≠ ${describe(right)}`];
}

function compareTables(where: string, left: Cell[][], right: Cell[][]): string[] {
  const differences: string[] = [];
  if (left.length !== right.length) {
    differences.push(`${where}: table of ${left.length} rows ≠ table of ${right.length} rows`);
  }

  const count = Math.max(left.length, right.length);
  for (let row = 0; row < count; row++) {
    differences.push(...compareRows(`${where} row ${row}`, left[row] ?? [], right[row] ?? []));
  }
  return differences;
}

function compareRows(where: string, left: Cell[], right: Cell[]): string[] {
  if (left.length !== right.length) {
    return [`${where}: ${describeRow(left)} ≠ ${describeRow(right)}`];
  }
  return left.flatMap((cell, index) => compareCells(`${where} cell ${index}`, cell, right[index]));
}

function compareCells(where: string, left: Cell, right: Cell = []): string[] {
  // Most cells contain one paragraph, so their messages leave out the block index.
  const [onlyLeft] = left;
  const [onlyRight] = right;
  const singleParagraphs =
    left.length === 1 &&
    right.length === 1 &&
    onlyLeft?.kind === 'paragraph' &&
    onlyRight?.kind === 'paragraph';
  if (singleParagraphs) {
    return onlyLeft.text === onlyRight.text
      ? []
      : [`${where}: ${quote(onlyLeft.text)} ≠ ${quote(onlyRight.text)}`];
  }
  return compareBlockLists(where, left, right);
}

/** Describes a block in a few words: `paragraph "…"`, `table of 4 rows`, or `nothing`. */
export function describe(block: Block | undefined): string {
  if (block === undefined) {
    return 'nothing';
  }
  return block.kind === 'paragraph'
    ? `paragraph ${quote(block.text)}`
    : `table of ${block.rows.length} rows`;
}

function describeRow(cells: Cell[]): string {
  const texts = cells.map((cell) => cell.map(blockText).join(' / '));
  return `${cells.length} cells ${JSON.stringify(texts)}`;
}

function blockText(block: Block): string {
  return block.kind === 'paragraph' ? block.text : `[${describe(block)}]`;
}

/**
 * Quotes a text as JSON does, so that line feeds, tabs and control characters show, and writes
 * no-break spaces as `\u00a0`, because they look like spaces.
 */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/\u00a0/g, '\\u00a0');
}
