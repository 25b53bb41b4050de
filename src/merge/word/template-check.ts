/**
 * The template check of the task pane, on the document open in Word: the field words found in the
 * body and in every header and footer, the unknown ones with a suggestion, selecting a word in
 * the document, and inserting a field word at the cursor.
 *
 * NOTE: Word.js reaches neither text boxes nor footnotes (text boxes only through WordApiDesktop
 * 1.2 shapes, on Windows and Mac), so words there are not listed. The merge itself still sees
 * them, because it reads the template's file.
 */
import type { FieldName } from '../fields';
import { findFieldWords } from '../recognize';
import { summarizeTemplate, type TemplateSummary } from '../summary';
import type { WordHost } from './host';

const HEADER_FOOTER_TYPES = ['Primary', 'FirstPage', 'EvenPages'] as const;
const SEARCH_OPTIONS = { matchCase: false, matchWholeWord: true };

/** Lists the field words of the open document. Two round trips, whatever its size. */
export async function checkOpenTemplate(host: WordHost): Promise<TemplateSummary> {
  const texts = await host.run(async (context) => {
    const sections = context.document.sections.load('items');
    const body = context.document.body.paragraphs.load('items/text');
    await context.sync();

    const stories = sections.items.map((section) => storiesOf(section));
    await context.sync();

    const bodyText = body.items.map((paragraph) => paragraph.text);
    return [bodyText, ...distinctStories(stories)];
  });

  const words = texts.flat().flatMap((text) =>
    findFieldWords(text).map((match) => ({
      word: match.word,
      field: match.field,
      duplicate: false,
    })),
  );
  return summarizeTemplate(words);
}

/** Queues the loading of the paragraphs of a section's six headers and footers. */
function storiesOf(section: Word.Section): Word.ParagraphCollection[] {
  return HEADER_FOOTER_TYPES.flatMap((type) => [
    section.getHeader(type).paragraphs.load('items/text'),
    section.getFooter(type).paragraphs.load('items/text'),
  ]);
}

/**
 * Keeps the text of each header and footer once. A section linked to the previous one shows the
 * same story again, so a story that repeats the previous section's one at the same place
 * is left out.
 */
function distinctStories(sections: readonly Word.ParagraphCollection[][]): string[][] {
  const distinct: string[][] = [];
  let previous: string[] = [];

  for (const stories of sections) {
    const texts = stories.map((story) => story.items.map((paragraph) => paragraph.text));
    texts.forEach((text, index) => {
      if (text.join('\n') !== previous[index]) {
        distinct.push(text);
      }
    });
    previous = texts.map((text) => text.join('\n'));
  }
  return distinct;
}

/** Word's search rejects longer texts (SearchStringInvalidOrTooLong). */
const MAX_SEARCH_LENGTH = 255;

/**
 * Selects the `occurrence`-th appearance (from 0) of `word` in the body, then in the headers and
 * footers, so the user sees where an unknown word is. Returns false when the document no longer
 * contains that many.
 */
export async function selectWordInDocument(
  host: WordHost,
  word: string,
  occurrence = 0,
): Promise<boolean> {
  if (word.length === 0 || word.length > MAX_SEARCH_LENGTH) {
    return false;
  }

  return host.run(async (context) => {
    const inBody = context.document.body.search(word, SEARCH_OPTIONS).load('items/text');
    const sections = context.document.sections.load('items');
    await context.sync();

    let found = inBody.items;
    if (found.length <= occurrence) {
      const inStories = sections.items.flatMap((section) =>
        HEADER_FOOTER_TYPES.flatMap((type) => [
          section.getHeader(type).search(word, SEARCH_OPTIONS).load('items/text'),
          section.getFooter(type).search(word, SEARCH_OPTIONS).load('items/text'),
        ]),
      );
      await context.sync();
      found = [...found, ...inStories.flatMap((collection) => collection.items)];
    }

    const range = found[occurrence];
    if (!range) {
      return false;
    }
    range.select();
    await context.sync();
    return true;
  });
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * Inserts a field word at the cursor, in place of the selection, and puts the cursor after it.
 * A space is added on each side where the cursor stands inside a word, because a field word
 * glued to other letters would not be recognised.
 */
export async function insertFieldAtCursor(host: WordHost, field: FieldName): Promise<void> {
  await host.run(async (context) => {
    const selection = context.document.getSelection();
    const paragraph = selection.paragraphs.getFirst();
    const before = paragraph.getRange('Start').expandTo(selection.getRange('Start')).load('text');
    const after = selection.getRange('End').expandTo(paragraph.getRange('End')).load('text');
    await context.sync();

    const spaceBefore = WORD_CHARACTER.test(before.text.slice(-1)) ? ' ' : '';
    const spaceAfter = WORD_CHARACTER.test(after.text.slice(0, 1)) ? ' ' : '';
    const inserted = selection.insertText(`${spaceBefore}${field}${spaceAfter}`, 'Replace');
    inserted.select('End');
    await context.sync();
  });
}
