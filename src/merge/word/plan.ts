/**
 * Plans the edits of one story (the body, a header or a footer) from what Word returned: the text
 * of its paragraphs and the ranges its search found for each field word. Planning is pure, so the
 * rules that both engines share (blank lines, lists splitting a paragraph) are tested without Word.
 *
 * Word lists search results in document order, so the k-th range found for a word is its k-th
 * occurrence in the paragraphs' text. When the counts disagree (Word draws word boundaries a little
 * differently around some characters), the mapping cannot be trusted and planning stops.
 */
import { isListField, type FieldName, type ListFieldName } from '../fields';
import type { ListTable } from '../lists';
import { findFieldWords } from '../recognize';
import type { LetterValues } from '../values';

export type ParagraphScan = {
  text: string;
  isLastParagraph: boolean;
  /** 0 outside tables, 1 in a table, 2 in a table inside a table… */
  tableNestingLevel: number;
};

export type StoryScan = {
  paragraphs: readonly ParagraphScan[];
  /** The text of each range Word's search returned, per searched word in lower case. */
  results: ReadonlyMap<string, readonly string[]>;
};

/** The `index`-th range that searching `word` returned in the story. */
export type RangeRef = { word: string; index: number };

/** A piece of the content that replaces a list's paragraph. */
export type Block =
  { kind: 'table'; table: ListTable } | { kind: 'spacer' } | { kind: 'paragraph'; text: string };

export type ListEdit = {
  /** The range of the paragraph's first list word. */
  firstList: RangeRef;
  /**
   * The fate of the text before the first list word. It is kept ("keep") when something shows
   * there. Otherwise the paragraph is deleted ("delete"), or emptied and kept as a spacer
   * ("spacer") where a table ends right before it, because Word joins two tables that touch.
   */
  before: 'keep' | 'delete' | 'spacer';
  blocks: Block[];
};

export type StoryPlan = {
  replacements: { range: RangeRef; value: string }[];
  /**
   * Blank lines, each named by one of its field words. A blank line between two tables is
   * emptied and kept as a spacer instead of deleted, because Word joins two tables that touch.
   */
  blankParagraphs: { range: RangeRef; keepAsSpacer: boolean }[];
  lists: ListEdit[];
};

/** Raised when Word's search and the paragraphs' text disagree about a story's field words. */
export class SearchMismatchError extends Error {
  override readonly name = 'SearchMismatchError';
}

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

type Occurrence = { start: number; end: number; field: FieldName; range: RangeRef };

/** Plans the edits of one story; raises SearchMismatchError when Word's search disagrees. */
export function planStory(scan: StoryScan, values: LetterValues): StoryPlan {
  const occurrences = locateOccurrences(scan);
  const plan: StoryPlan = { replacements: [], blankParagraphs: [], lists: [] };

  // The last paragraph before the current one that stays in the letter.
  let previous: ParagraphScan | null = null;

  scan.paragraphs.forEach((paragraph, index) => {
    const found = occurrences[index] ?? [];
    const neighbours: Neighbours = {
      tableBefore: previous !== null && previous.tableNestingLevel > paragraph.tableNestingLevel,
      tableAfter:
        (scan.paragraphs[index + 1]?.tableNestingLevel ?? 0) > paragraph.tableNestingLevel,
    };
    const removed = found.length > 0 && planParagraph(paragraph, found, values, neighbours, plan);
    if (!removed) {
      previous = paragraph;
    }
  });
  return plan;
}

/**
 * Whether a table ends right before the paragraph, or starts right after it: the paragraph next
 * to it in document order lies deeper in tables than the paragraph itself.
 */
type Neighbours = { tableBefore: boolean; tableAfter: boolean };

/** Gives each known field word of each paragraph the search range that stands for it. */
function locateOccurrences(scan: StoryScan): Occurrence[][] {
  const seen = new Map<string, number>();

  const occurrences = scan.paragraphs.map((paragraph) =>
    findFieldWords(paragraph.text).flatMap((match): Occurrence[] => {
      if (match.field === null) {
        return [];
      }
      const word = match.word.toLowerCase();
      const index = seen.get(word) ?? 0;
      seen.set(word, index + 1);
      return [{ start: match.start, end: match.end, field: match.field, range: { word, index } }];
    }),
  );

  for (const word of new Set([...seen.keys(), ...scan.results.keys()])) {
    checkResults(word, seen.get(word) ?? 0, scan.results.get(word) ?? []);
  }
  return occurrences;
}

function checkResults(word: string, inText: number, found: readonly string[]): void {
  if (inText !== found.length) {
    throw new SearchMismatchError(
      `"${word}": ${inText} in the paragraphs' text, ${found.length} found by Word's search`,
    );
  }
  // Word may include an optional hyphen or a zero-width character inside the word it found.
  const other = found.find((text) => text.replace(INVISIBLE, '').toLowerCase() !== word);
  if (other !== undefined) {
    throw new SearchMismatchError(`"${word}": Word's search returned the range "${other}"`);
  }
}

/** Plans one paragraph's edits; returns true when the paragraph leaves the letter. */
function planParagraph(
  paragraph: ParagraphScan,
  found: readonly Occurrence[],
  values: LetterValues,
  neighbours: Neighbours,
  plan: StoryPlan,
): boolean {
  const lists = found.filter((occurrence) => isListField(occurrence.field));
  const first = found[0] as Occurrence;

  if (lists.length > 0) {
    return planListParagraph(paragraph, found, lists, values, neighbours, plan);
  }
  if (isBlankLine(paragraph, found, values)) {
    const keepAsSpacer = neighbours.tableBefore && neighbours.tableAfter;
    plan.blankParagraphs.push({ range: first.range, keepAsSpacer });
    return !keepAsSpacer;
  }
  for (const occurrence of found) {
    plan.replacements.push({ range: occurrence.range, value: textValue(occurrence, values) });
  }
  return false;
}

/**
 * Tells whether a paragraph is a blank line to drop: made only of text fields and spaces, all
 * blank for this client, as Word's mail merge drops blank address lines. The last paragraph of a
 * story or cell stays, because Word keeps it. A manual line break makes the paragraph more than
 * a line, so it stays too.
 */
function isBlankLine(
  paragraph: ParagraphScan,
  found: readonly Occurrence[],
  values: LetterValues,
): boolean {
  if (paragraph.isLastParagraph || paragraph.text.includes('\v')) {
    return false;
  }
  return substitute(paragraph.text, found, values).trim() === '';
}

/**
 * Splits a paragraph around its list words, as the .docx engine does: the text before the first
 * list stays in the paragraph; each list becomes a table (or its empty-list sentence), and the
 * text between and after the lists becomes paragraphs of its own.
 */
function planListParagraph(
  paragraph: ParagraphScan,
  found: readonly Occurrence[],
  lists: readonly Occurrence[],
  values: LetterValues,
  neighbours: Neighbours,
  plan: StoryPlan,
): boolean {
  const firstList = lists[0] as Occurrence;
  const before = found.filter((occurrence) => occurrence.start < firstList.start);
  const beforeText = substitute(paragraph.text.slice(0, firstList.start), before, values, 0);
  const keepBefore = beforeText.trim() !== '';
  if (keepBefore) {
    for (const occurrence of before) {
      plan.replacements.push({ range: occurrence.range, value: textValue(occurrence, values) });
    }
  }

  const blocks: Block[] = [];
  lists.forEach((list, index) => {
    blocks.push(...listBlocks(values.lists[list.field as ListFieldName]));

    const next = lists[index + 1];
    const end = next ? next.start : paragraph.text.length;
    const inside = found.filter(
      (occurrence) => occurrence.start >= list.end && occurrence.end <= end,
    );
    const text = substitute(paragraph.text.slice(list.end, end), inside, values, list.end).trim();
    if (text !== '') {
      blocks.push({ kind: 'paragraph', text });
    }
  });

  const startsWithTable = blocks[0]?.kind === 'table';
  const emptied = neighbours.tableBefore && startsWithTable ? 'spacer' : 'delete';
  plan.lists.push({ firstList: firstList.range, before: keepBefore ? 'keep' : emptied, blocks });
  return !keepBefore && emptied === 'delete';
}

function listBlocks(table: ListTable): Block[] {
  if (table.rows.length === 0) {
    return [{ kind: 'paragraph', text: table.emptySentence }];
  }
  // The spacer gives a cell or the body the paragraph Word needs after a table, and keeps the
  // table apart from a table that follows, which Word would otherwise join to it.
  return [{ kind: 'table', table }, { kind: 'spacer' }];
}

/** The text from `offset` on with its text fields replaced by this client's values. */
function substitute(
  text: string,
  found: readonly Occurrence[],
  values: LetterValues,
  offset = 0,
): string {
  let result = '';
  let last = 0;
  for (const occurrence of found) {
    result += text.slice(last, occurrence.start - offset) + textValue(occurrence, values);
    last = occurrence.end - offset;
  }
  return result + text.slice(last);
}

function textValue(occurrence: Occurrence, values: LetterValues): string {
  return isListField(occurrence.field) ? '' : values.text[occurrence.field];
}
