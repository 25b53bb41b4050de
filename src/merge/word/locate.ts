/**
 * Pairs each field word of a story with the Word.js range that stands for it, and checks that
 * Word and the template agree before anything is edited.
 *
 * Word lists search results in document order, so the k-th range found for a word is its k-th
 * occurrence in the paragraphs' text. Word may draw word boundaries differently from the
 * template's rules around some characters (an accented letter, an underscore, a zero-width space
 * glued to a field word): then the counts, the texts or the paragraphs disagree, and the letter
 * goes to the .docx engine instead of being merged in the wrong place.
 */
import type { FieldName } from '../fields';
import { findFieldWords, removeInvisibleCharacters } from '../recognize';
import { WordFallbackError } from './fallback-error';
import type { TemplateParagraph } from './template-paragraphs';

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
  /** The template's paragraphs with field words, in the same order, read from its XML. */
  template: readonly TemplateParagraph[];
};

/** The `index`-th range that searching `word` returned in the story. */
export type RangeRef = { word: string; index: number };

export type Occurrence = { start: number; end: number; field: FieldName; range: RangeRef };

/** A paragraph's field words, and the template's facts on it when it has any. */
export type LocatedParagraph = {
  occurrences: readonly Occurrence[];
  template: TemplateParagraph | null;
};

/** Locates the field words of every paragraph; raises WordFallbackError on any disagreement. */
export function locateOccurrences(scan: StoryScan): LocatedParagraph[] {
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
  return pairWithTemplate(occurrences, scan.template);
}

function checkResults(word: string, inText: number, found: readonly string[]): void {
  if (inText !== found.length) {
    throw new WordFallbackError(
      `"${word}": ${inText} in the paragraphs' text, ${found.length} found by Word's search`,
    );
  }
  // Word may include an optional hyphen or a zero-width character inside the word it found.
  const other = found.find((text) => removeInvisibleCharacters(text).toLowerCase() !== word);
  if (other !== undefined) {
    throw new WordFallbackError(`"${word}": Word's search returned the range "${other}"`);
  }
}

/**
 * Pairs the paragraphs that show field words with the template's, in order. A word the template
 * holds but Word's text does not show (glued to a character Word's text leaves out) would
 * otherwise go out unmerged.
 */
function pairWithTemplate(
  occurrences: readonly Occurrence[][],
  template: readonly TemplateParagraph[],
): LocatedParagraph[] {
  let next = 0;

  const located = occurrences.map((found, index): LocatedParagraph => {
    if (found.length === 0) {
      return { occurrences: found, template: null };
    }
    const expected = template[next++];
    const words = found.map((occurrence) => occurrence.range.word);
    if (!expected || expected.words.join(' ') !== words.join(' ')) {
      throw new WordFallbackError(
        `paragraph ${index}: Word's text shows [${words.join(', ')}], ` +
          `the template [${expected?.words.join(', ') ?? ''}]`,
      );
    }
    return { occurrences: found, template: expected };
  });

  if (next !== template.length) {
    throw new WordFallbackError(
      `${template.length} template paragraphs with field words, ${next} in Word's text`,
    );
  }
  return located;
}
