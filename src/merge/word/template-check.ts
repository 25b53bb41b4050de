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
 * Keeps the text of each header and footer once. A section linked to the previous one shows the same
 * story again, so a story that repeats the previous section's one at the same place is left out.
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

/**
 * Selects the `occurrence`-th appearance (from 0) of `word` in the body, so the user sees where an
 * unknown word is. Returns false when the body no longer contains that many.
 */
export async function selectWordInDocument(
  host: WordHost,
  word: string,
  occurrence = 0,
): Promise<boolean> {
  return host.run(async (context) => {
    const found = context.document.body.search(word, SEARCH_OPTIONS).load('items/text');
    await context.sync();

    const range = found.items[occurrence];
    if (!range) {
      return false;
    }
    range.select();
    await context.sync();
    return true;
  });
}

/** Inserts a field word at the cursor, in place of the selection, and puts the cursor after it. */
export async function insertFieldAtCursor(host: WordHost, field: FieldName): Promise<void> {
  await host.run(async (context) => {
    const inserted = context.document.getSelection().insertText(field, 'Replace');
    inserted.select('End');
    await context.sync();
  });
}
