/**
 * Merges one letter with Word's own engine: a new document is created from the template, its field
 * words found with Word.js search, replaced, lists inserted as native tables, and the document
 * opened. The template itself is never touched.
 *
 * A letter costs two round trips, whatever the number of fields and rows. The first sync creates
 * the document, reads the paragraphs' text and runs every search. The second applies every edit
 * and opens the document.
 */
import type { LetterValues } from '../values';
import { applyStoryPlan } from './apply-plan';
import type { WordHost } from './host';
import type { TableAbilities } from './list-table';
import { planStory, type StoryOptions, type StoryPlan } from './plan';
import { WORD_API_MERGE_CELLS } from './requirements';
import type { HeaderFooterStory, WordTemplate } from './template';
import type { TemplateParagraph } from './template-paragraphs';

export type MergeLetterOptions = {
  /** Opens the document in Word once merged; tests may leave it closed. Default true. */
  open?: boolean;
};

/** A story of the new document with its queued reads, and the template's facts about it. */
type StoryQuery = {
  paragraphs: Word.ParagraphCollection;
  results: Map<string, Word.RangeCollection>;
  template: readonly TemplateParagraph[];
  options: StoryOptions;
};

const SEARCH_OPTIONS = { matchCase: false, matchWholeWord: true };

/**
 * Makes one letter in a new Word document. Raises `WordFallbackError` where Word.js cannot make
 * the letter as the .docx engine would; the document is then left unopened.
 */
export async function mergeLetterWithWord(
  host: WordHost,
  template: WordTemplate,
  values: LetterValues,
  options: MergeLetterOptions = {},
): Promise<void> {
  const abilities: TableAbilities = {
    mergeCells: host.isSetSupported(WORD_API_MERGE_CELLS.name, WORD_API_MERGE_CELLS.version),
  };

  await host.run(async (context) => {
    const document = context.application.createDocument(template.base64);
    const queries = queryStories(document, template);
    await context.sync();

    const plans = queries.map((query): [StoryQuery, StoryPlan] => [
      query,
      planQuery(query, values),
    ]);
    for (const [query, plan] of plans) {
      applyStoryPlan(plan, query.results, abilities);
    }
    if (options.open ?? true) {
      document.open();
    }
    await context.sync();
  });
}

function planQuery(query: StoryQuery, values: LetterValues): StoryPlan {
  const results = new Map(
    [...query.results].map(([word, found]) => [word, found.items.map((range) => range.text)]),
  );
  const paragraphs = query.paragraphs.items.map((paragraph) => ({
    text: paragraph.text,
    isLastParagraph: paragraph.isLastParagraph,
    tableNestingLevel: paragraph.tableNestingLevel,
  }));
  return planStory({ paragraphs, results, template: query.template }, values, query.options);
}

/** Queues, for the body and each header and footer with field words, its reads and searches. */
function queryStories(document: Word.DocumentCreated, template: WordTemplate): StoryQuery[] {
  const queries = [queryStory(document.body, template, template.mainPart, true)];
  const sections = sectionProxies(document, template.headerFooters);

  for (const story of template.headerFooters) {
    const section = sections[story.section] as Word.Section;
    const body =
      story.kind === 'header' ? section.getHeader(story.type) : section.getFooter(story.type);
    queries.push(queryStory(body, template, story.part, false));
  }
  return queries;
}

function queryStory(
  body: Word.Body,
  template: WordTemplate,
  part: string,
  allowLineBreaks: boolean,
): StoryQuery {
  const words = wordsOf(template, part);
  const paragraphs = body.paragraphs.load(
    'items/text,items/isLastParagraph,items/tableNestingLevel',
  );
  const results = new Map<string, Word.RangeCollection>();

  for (const word of words) {
    results.set(word, body.search(word, SEARCH_OPTIONS).load('items/text'));
  }
  return {
    paragraphs,
    results,
    template: template.paragraphs.get(part) ?? [],
    options: { allowLineBreaks },
  };
}

/** Returns the distinct spellings, in lower case, of the known field words of one part. */
function wordsOf(template: WordTemplate, part: string): string[] {
  const words = template.compiled.words.filter(
    (word) => word.part === part && word.field !== null && !word.inTextBox,
  );
  return [...new Set(words.map((word) => word.word.toLowerCase()))];
}

/**
 * Reaches the sections up to the last one needed by walking `getNext()`, which queues no round
 * trip, where loading the collection's items would cost one.
 */
function sectionProxies(
  document: Word.DocumentCreated,
  stories: readonly HeaderFooterStory[],
): Word.Section[] {
  const last = Math.max(-1, ...stories.map((story) => story.section));
  const sections: Word.Section[] = [];

  for (let index = 0; index <= last; index++) {
    const previous = sections[index - 1];
    sections.push(previous ? previous.getNext() : document.sections.getFirst());
  }
  return sections;
}
