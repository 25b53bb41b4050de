/**
 * Plans the edits of one story (the body, a header or a footer) from what Word returned: the text
 * of its paragraphs and the ranges its search found for each field word. Planning is pure, so the
 * rules that both engines share (blank lines, conditional paragraphs, lists splitting a paragraph)
 * are tested without Word. Where Word.js cannot follow those rules, planning raises
 * WordFallbackError and the letter is made by the .docx engine.
 */
import { isConditionField, isListField, type ListFieldName } from '../fields';
import type { ListTable } from '../lists';
import type { LetterValues } from '../values';
import { findConditionWord, keepsCondition, spacesSearchText } from './conditions';
import { WordFallbackError } from './fallback-error';
import {
  locateOccurrences,
  type LocatedParagraph,
  type Occurrence,
  type ParagraphScan,
  type RangeRef,
  type StoryScan,
} from './locate';
import type { TemplateParagraph } from './template-paragraphs';

export type { ParagraphScan, RangeRef, StoryScan } from './locate';

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

/**
 * Fate of a paragraph that leaves the letter. It is deleted ("delete"), or emptied and kept as a
 * spacer ("spacer") between two tables, because Word joins two tables that touch. A paragraph the
 * document needs (the last one of its body or cell, or one that ends a section) is emptied and
 * keeps its properties ("empty"), as the .docx engine keeps it.
 */
export type Removal = 'delete' | 'spacer' | 'empty';

/** The condition word of a paragraph kept in the letter, to delete with the spaces after it. */
export type ConditionWordEdit = {
  range: RangeRef;
  /** Word's search text for those spaces (`^t` a tab, `^s` a no-break space); empty if none. */
  spacesSearchText: string;
};

export type StoryPlan = {
  replacements: { range: RangeRef; value: string }[];
  conditionWords: ConditionWordEdit[];
  /**
   * Paragraphs that leave the letter, each named by one of its field words: blank lines, and
   * paragraphs whose condition this client does not meet.
   */
  droppedParagraphs: { range: RangeRef; removal: Removal }[];
  lists: ListEdit[];
};

/** Options of a story that Word.js edits differently. */
export type StoryOptions = {
  /**
   * False in headers and footers: Word.js documents `insertBreak` for "the main document" only,
   * so a value with a line break there goes to the .docx engine.
   */
  allowLineBreaks: boolean;
};

/** Plans the edits of one story; raises WordFallbackError where Word.js cannot follow the rules. */
export function planStory(
  scan: StoryScan,
  values: LetterValues,
  options: StoryOptions = { allowLineBreaks: true },
): StoryPlan {
  const located = locateOccurrences(scan);
  const plan: StoryPlan = {
    replacements: [],
    conditionWords: [],
    droppedParagraphs: [],
    lists: [],
  };

  // The last paragraph before the current one that stays in the letter.
  let previous: ParagraphScan | null = null;

  scan.paragraphs.forEach((paragraph, index) => {
    const { occurrences: found, template } = located[index] as LocatedParagraph;
    const neighbours: Neighbours = {
      tableBefore: previous !== null && previous.tableNestingLevel > paragraph.tableNestingLevel,
      tableAfter:
        (scan.paragraphs[index + 1]?.tableNestingLevel ?? 0) > paragraph.tableNestingLevel,
    };
    const removed =
      template !== null &&
      planParagraph({ paragraph, template, found, neighbours }, values, options, plan);
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

/** A paragraph with field words, as Word shows it and as the template's XML describes it. */
type FieldParagraph = {
  paragraph: ParagraphScan;
  template: TemplateParagraph;
  found: readonly Occurrence[];
  neighbours: Neighbours;
};

/** Plans one paragraph's edits; returns true when the paragraph leaves the letter. */
function planParagraph(
  target: FieldParagraph,
  values: LetterValues,
  options: StoryOptions,
  plan: StoryPlan,
): boolean {
  const { template, found } = target;
  const condition = findConditionWord(target);
  if (condition !== null && !keepsCondition(condition.field, values)) {
    return dropParagraph(target, condition.range, plan);
  }

  const lists = found.filter((occurrence) => isListField(occurrence.field));
  if (lists.length > 0) {
    checkListParagraph(template);
    return planListParagraph(target, lists, values, options, plan);
  }
  if (isBlankLine(target, values)) {
    return dropParagraph(target, (found[0] as Occurrence).range, plan);
  }
  for (const occurrence of found) {
    planWordEdit(occurrence, target, values, options, plan);
  }
  return false;
}

/**
 * Plans how a paragraph leaves the letter, named by the range of one of its field words. Returns
 * true when it is deleted, false when it stays emptied.
 */
function dropParagraph(target: FieldParagraph, range: RangeRef, plan: StoryPlan): boolean {
  const { neighbours } = target;
  let removal: Removal = 'delete';
  if (mustStay(target)) {
    removal = 'empty';
  } else if (neighbours.tableBefore && neighbours.tableAfter) {
    removal = 'spacer';
  }
  plan.droppedParagraphs.push({ range, removal });
  return removal === 'delete';
}

/**
 * Tells whether the document needs the paragraph, as the .docx engine judges it from the XML: the
 * last paragraph of its body, cell, header, footer or content control, or one that ends a
 * section. Emptying such a paragraph keeps its container and its section break, whatever Word
 * would do on deleting it.
 */
function mustStay({ paragraph, template }: FieldParagraph): boolean {
  return paragraph.isLastParagraph || template.endsContainer || template.carriesSection;
}

/**
 * Plans the edit of one field word in a paragraph that stays: a condition word goes with the
 * spaces after it, a text field takes its value.
 */
function planWordEdit(
  occurrence: Occurrence,
  target: FieldParagraph,
  values: LetterValues,
  options: StoryOptions,
  plan: StoryPlan,
): void {
  if (isConditionField(occurrence.field)) {
    const searchText = spacesSearchText(target.template.spacesAfterCondition);
    plan.conditionWords.push({ range: occurrence.range, spacesSearchText: searchText });
    return;
  }
  const value = checkLineBreaks(textValue(occurrence, values), options);
  plan.replacements.push({ range: occurrence.range, value });
}

/**
 * Sends to the .docx engine a list in a paragraph that Word.js cannot split as that engine does.
 * In a paragraph that carries a section break, the table would land in the next section. In a
 * block content control, Word deletes the control, table included, with its last paragraph.
 */
function checkListParagraph(template: TemplateParagraph): void {
  if (template.carriesSection) {
    throw new WordFallbackError('a list word in a paragraph that ends a section');
  }
  if (template.inBlockContentControl) {
    throw new WordFallbackError('a list word in a block content control');
  }
}

// eslint-disable-next-line no-control-regex -- U+000B is Word's manual line break.
const LINE_BREAK = /[\r\n\u000b\u2028\u2029]/;

function checkLineBreaks(text: string, options: StoryOptions): string {
  if (!options.allowLineBreaks && LINE_BREAK.test(text)) {
    throw new WordFallbackError('a value with a line break in a header or footer');
  }
  return text;
}

/**
 * Tells whether a paragraph is a blank line to drop: made only of text fields and spaces, all
 * blank for this client, as Word's mail merge drops blank address lines. A paragraph the document
 * needs stays (`mustStay`), and so does one with a picture or a manual line break, which make it
 * more than a line. A condition word counts as blank, so only text fields decide.
 */
function isBlankLine(target: FieldParagraph, values: LetterValues): boolean {
  const { paragraph, template, found } = target;
  const hasTextField = found.some((occurrence) => !isConditionField(occurrence.field));
  if (!template.textOnly || !hasTextField || mustStay(target) || paragraph.text.includes('\v')) {
    return false;
  }
  return substitute(paragraph.text, found, values).trim() === '';
}

/**
 * Splits a paragraph around its list words, as the .docx engine does. The text before the first
 * list stays in the paragraph. Each list becomes a table (or its empty-list sentence), and the
 * text between and after the lists becomes paragraphs of their own.
 */
function planListParagraph(
  target: FieldParagraph,
  lists: readonly Occurrence[],
  values: LetterValues,
  options: StoryOptions,
  plan: StoryPlan,
): boolean {
  const { paragraph, found, neighbours } = target;
  const firstList = lists[0] as Occurrence;
  const before = found.filter((occurrence) => occurrence.start < firstList.start);
  const beforeText = substitute(paragraph.text.slice(0, firstList.start), before, values, 0);
  const keepBefore = beforeText.trim() !== '';
  if (keepBefore) {
    for (const occurrence of before) {
      planWordEdit(occurrence, target, values, options, plan);
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
      blocks.push({ kind: 'paragraph', text: checkLineBreaks(text, options) });
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

/** Returns the text from `offset` on with its text fields replaced by this client's values. */
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
  const field = occurrence.field;
  return isListField(field) || isConditionField(field) ? '' : values.text[field];
}
