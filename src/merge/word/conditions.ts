/**
 * The rules of conditional paragraphs for the Word.js engine, the same as the .docx engine's. A
 * paragraph that starts with `opistosipro` stays only for professional buyers, and one that starts
 * with `opistosiparticulier` only for consumers. A paragraph that stays loses the word and the
 * spaces after it.
 */
import { isConditionField, type ConditionFieldName } from '../fields';
import type { LetterValues } from '../values';
import { WordFallbackError } from './fallback-error';
import type { Occurrence, ParagraphScan } from './locate';
import type { TemplateParagraph } from './template-paragraphs';

/** The occurrence of a condition word in Word's text. */
export type ConditionOccurrence = Occurrence & { field: ConditionFieldName };

/** A paragraph with field words, as Word shows it and as the template's XML describes it. */
type ConditionalParagraph = {
  paragraph: ParagraphScan;
  template: TemplateParagraph;
  found: readonly Occurrence[];
};

/**
 * Returns the paragraph's condition word, or null without one. Compiling the template already
 * rejects a condition word that is not first in its paragraph or comes twice. Word's text must
 * agree, with the spaces the template puts after the word, or the letter goes to the .docx
 * engine (WordFallbackError).
 */
export function findConditionWord({
  paragraph,
  template,
  found,
}: ConditionalParagraph): ConditionOccurrence | null {
  const conditions = found.filter((occurrence): occurrence is ConditionOccurrence =>
    isConditionField(occurrence.field),
  );
  const [condition, ...others] = conditions;
  if (condition === undefined) {
    return null;
  }

  const textBefore = paragraph.text.slice(0, condition.start);
  if (others.length > 0 || found[0] !== condition || textBefore.trim() !== '') {
    throw new WordFallbackError(
      `"${condition.range.word}": Word's text shows a condition word that does not start its ` +
        'paragraph',
    );
  }
  if (!paragraph.text.startsWith(template.spacesAfterCondition, condition.end)) {
    throw new WordFallbackError(
      `"${condition.range.word}": Word's text shows other spaces after the condition word`,
    );
  }
  return condition;
}

/**
 * Tells whether the letter keeps a conditional paragraph. A client of unknown kind gets neither,
 * so that a consumer is never asked for an indemnity only a professional owes. The merge rejects
 * such a client before planning anyway (`buildLetterValues`).
 */
export function keepsCondition(field: ConditionFieldName, values: LetterValues): boolean {
  return field === 'opistosipro' ? values.isProfessional === true : values.isProfessional === false;
}

/** Word's search rejects longer texts (SearchStringInvalidOrTooLong). */
const MAX_SEARCH_LENGTH = 255;

/**
 * Writes the spaces after a condition word as Word's search text: a tab as `^t` and a no-break
 * space as `^s`, the codes listed in Microsoft's "Use search options to find text in your Word
 * add-in". Raises WordFallbackError when the text is too long for Word's search.
 */
export function spacesSearchText(spaces: string): string {
  const text = spaces.replace(/\t/g, '^t').replace(/\u00a0/g, '^s');
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new WordFallbackError(`${spaces.length} spaces after a condition word`);
  }
  return text;
}
