/**
 * Summary of a template check for the user: each field word with how often it occurs, and the
 * words that start with "opisto" but name no field, each with the nearest valid name.
 */
import type { FieldName } from './fields';
import { suggestFieldName } from './recognize';

export type FieldCount = { field: FieldName; count: number };
export type UnknownWord = {
  word: string;
  count: number;
  /** The nearest valid name, or null when none is close. */
  suggestion: FieldName | null;
};
export type TemplateSummary = { fields: FieldCount[]; unknown: UnknownWord[] };

type Word = { word: string; field: FieldName | null; duplicate: boolean };

/** Counts the words of a template; copies of text boxes kept for older readers are not counted. */
export function summarizeTemplate(words: readonly Word[]): TemplateSummary {
  const fields = new Map<FieldName, number>();
  const unknown = new Map<string, number>();

  for (const word of words.filter((candidate) => !candidate.duplicate)) {
    if (word.field) {
      fields.set(word.field, (fields.get(word.field) ?? 0) + 1);
    } else {
      unknown.set(word.word, (unknown.get(word.word) ?? 0) + 1);
    }
  }

  return {
    fields: [...fields].map(([field, count]) => ({ field, count })),
    unknown: [...unknown].map(([word, count]) => ({
      word,
      count,
      suggestion: suggestFieldName(word),
    })),
  };
}
