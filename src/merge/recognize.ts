/**
 * Recognition of field words in text.
 *
 * A candidate is a maximal run of ASCII letters and digits that starts with "opisto" in any case.
 * Digits belong to words because two field names end with one (opistoclientadresse1 and 2).
 * Taking whole runs settles prefixes: "opistoclientnom" never matches inside
 * "opistoclientnomcomplet". A candidate that names no field is reported as unknown, with the
 * nearest valid name as a suggestion.
 *
 * Invisible characters that Word may leave inside a word (an optional hyphen from manual
 * hyphenation, a zero-width space or joiner) do not cut it: Word shows the word whole, so the
 * candidate spans them and its `word` leaves them out.
 */
import { distance } from 'fastest-levenshtein';

import { FIELD_ALIASES, FIELD_NAMES, FIELD_PREFIX, type FieldName } from './fields';

export type FieldWordMatch = {
  /** Offset of the first character in the searched text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** The word as written in the text, without invisible characters. */
  word: string;
  /** The field the word names, or null when it names none. */
  field: FieldName | null;
};

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const WORD = /[A-Za-z0-9](?:[A-Za-z0-9\u00ad\u200b-\u200d\u2060\ufeff]*[A-Za-z0-9])?/g;

const FIELDS_BY_NAME: ReadonlyMap<string, FieldName> = new Map<string, FieldName>([
  ...FIELD_NAMES.map((name): [string, FieldName] => [name, name]),
  ...Object.entries(FIELD_ALIASES),
]);

/** Tells which field a word names, ignoring case, or null when it names none. */
export function resolveFieldName(word: string): FieldName | null {
  return FIELDS_BY_NAME.get(word.toLowerCase()) ?? null;
}

/** Removes the invisible characters Word may leave inside a word (see the module's comment). */
export function removeInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Finds every word of `text` that starts with "opisto", known field or not, in text order. */
export function findFieldWords(text: string): FieldWordMatch[] {
  const matches: FieldWordMatch[] = [];

  for (const match of text.matchAll(WORD)) {
    const word = removeInvisibleCharacters(match[0]);
    if (!word.toLowerCase().startsWith(FIELD_PREFIX)) {
      continue;
    }

    const start = match.index;
    matches.push({ start, end: start + match[0].length, word, field: resolveFieldName(word) });
  }
  return matches;
}

/**
 * Returns the valid name closest to an unknown word (edit distance, ignoring case). Returns null
 * when even the closest one differs by more than about a third of what follows "opisto",
 * because a suggestion that shares nothing with the typo would only mislead.
 */
export function suggestFieldName(word: string): FieldName | null {
  const lower = word.toLowerCase();
  let best: FieldName = FIELD_NAMES[0] as FieldName;
  let bestDistance = Infinity;

  for (const name of FIELDS_BY_NAME.keys()) {
    const candidateDistance = distance(lower, name);
    if (candidateDistance < bestDistance) {
      best = FIELDS_BY_NAME.get(name) as FieldName;
      bestDistance = candidateDistance;
    }
  }
  const allowed = Math.max(2, Math.round((lower.length - FIELD_PREFIX.length) * 0.3));
  return bestDistance <= allowed ? best : null;
}
