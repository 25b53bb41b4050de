/**
 * Queues the Word.js calls that carry out a story's plan. Nothing here syncs or reads: the caller
 * runs every story's calls in one `context.sync()`, whatever the number of fields and rows.
 */
import { removeNonXmlCharacters } from '../docx/xml';
import { insertListTable, type TableAbilities } from './list-table';
import type { Block, ConditionWordEdit, ListEdit, RangeRef, Removal, StoryPlan } from './plan';

/** The ranges each searched word returned, loaded by the previous sync. */
export type SearchResults = ReadonlyMap<string, Word.RangeCollection>;

/** Line height and font size of a spacer paragraph, in points. */
const SPACER_POINTS = 1;

export function applyStoryPlan(
  plan: StoryPlan,
  results: SearchResults,
  abilities: TableAbilities,
): void {
  // Lists first: their paragraphs are cut from the first list word on, and the ranges of the text
  // fields before it must still be where they were found when they are replaced.
  for (const list of plan.lists) {
    applyListEdit(list, results, abilities);
  }
  for (const { range, value } of plan.replacements) {
    replaceWithValue(rangeOf(results, range), value);
  }
  for (const edit of plan.conditionWords) {
    deleteConditionWord(rangeOf(results, edit.range), edit);
  }
  for (const { range, removal } of plan.droppedParagraphs) {
    removeParagraph(rangeOf(results, range).paragraphs.getFirst(), removal);
  }
}

/**
 * Deletes a condition word and the spaces after it. Word.js cannot move a range by a number of
 * characters, so the spaces are found by searching them from the word's end, where the planner
 * checked that Word's text shows them.
 *
 * NOTE: a search text made only of spaces and `^t`/`^s` codes follows Word's documented search
 * syntax, but has run only against the fake Word object model.
 */
function deleteConditionWord(word: Word.Range, edit: ConditionWordEdit): void {
  if (edit.spacesSearchText === '') {
    word.delete();
    return;
  }
  const rest = word.getRange('End').expandTo(word.paragraphs.getFirst().getRange('End'));
  const spaces = rest.search(edit.spacesSearchText).getFirst();
  word.expandTo(spaces).delete();
}

function removeParagraph(paragraph: Word.Paragraph, removal: Removal): void {
  if (removal === 'delete') {
    paragraph.delete();
    return;
  }
  paragraph.getRange('Content').delete();
  if (removal === 'spacer') {
    makeSpacer(paragraph);
  }
}

function rangeOf(results: SearchResults, ref: RangeRef): Word.Range {
  const range = results.get(ref.word)?.items[ref.index];
  if (!range) {
    throw new Error(`no search result ${ref.index} for "${ref.word}"`);
  }
  return range;
}

/**
 * Replaces a field word with its value, keeping the word's formatting. Line breaks in the value
 * become Word's manual line breaks (`insertBreak`), because what `insertText` makes of a line
 * feed is not documented.
 */
export function replaceWithValue(range: Word.Range, value: string): void {
  const lines = splitLines(value);
  if (lines.every((line) => line === '')) {
    range.insertText('', 'Replace');
    if (lines.length > 1) {
      appendLines(range, lines);
    }
    return;
  }

  const first = range.insertText(lines[0] ?? '', 'Replace');
  appendLines(first, lines);
}

/**
 * Writes lines 2 to n after `range`, each after a line break. Each call inserts right after the
 * range, ahead of what earlier calls inserted, so the lines are queued from the last one back.
 */
function appendLines(range: Word.Range, lines: readonly string[]): void {
  for (let index = lines.length - 1; index >= 1; index--) {
    const line = lines[index] as string;
    if (line !== '') {
      range.insertText(line, 'After');
    }
    range.insertBreak('Line', 'After');
  }
}

/**
 * Cuts a value at its line breaks (line feeds, Word's vertical tab U+000B, the Unicode line and
 * paragraph separators), then cleans each line of characters XML cannot hold. Cutting comes
 * first, because the vertical tab is one of those characters.
 */
function splitLines(value: string): string[] {
  // eslint-disable-next-line no-control-regex -- U+000B is Word's manual line break.
  return value.split(/\r\n|[\r\n\u000b\u2028\u2029]/).map(removeNonXmlCharacters);
}

/**
 * Replaces a list's paragraph with its blocks. Each block is inserted right after the paragraph,
 * so the blocks are queued from the last one back. Then the paragraph loses the text from its
 * first list word on, or is emptied or deleted when nothing showed before that word.
 */
function applyListEdit(list: ListEdit, results: SearchResults, abilities: TableAbilities): void {
  const firstList = rangeOf(results, list.firstList);
  const paragraph = firstList.paragraphs.getFirst();

  for (const block of [...list.blocks].reverse()) {
    insertBlock(paragraph, block, abilities);
  }

  switch (list.before) {
    case 'keep':
      firstList.expandTo(paragraph.getRange('End')).delete();
      break;
    case 'spacer':
    case 'delete':
      removeParagraph(paragraph, list.before);
      break;
  }
}

function insertBlock(paragraph: Word.Paragraph, block: Block, abilities: TableAbilities): void {
  switch (block.kind) {
    case 'table':
      insertListTable(paragraph, block.table, abilities);
      break;
    case 'spacer':
      makeSpacer(paragraph.insertParagraph('', 'After'));
      break;
    case 'paragraph': {
      const lines = splitLines(block.text);
      const inserted = paragraph.insertParagraph(lines[0] ?? '', 'After');
      appendLines(inserted.getRange('End'), lines);
      break;
    }
  }
}

/** Makes an empty paragraph one point high, which shows as no blank line. */
function makeSpacer(paragraph: Word.Paragraph): void {
  paragraph.lineSpacing = SPACER_POINTS;
  paragraph.spaceBefore = 0;
  paragraph.spaceAfter = 0;
  paragraph.font.size = SPACER_POINTS;
}
