/**
 * Word's search within the text of one paragraph, with the options of `Word.SearchOptions`.
 */
import { FakeOfficeError, invalidArgument, notImplemented } from './errors';

export type SearchOptions = {
  matchCase?: boolean;
  matchWholeWord?: boolean;
  matchPrefix?: boolean;
  matchSuffix?: boolean;
  matchWildcards?: boolean;
  ignorePunct?: boolean;
  ignoreSpace?: boolean;
};

/** A match, as offsets in the paragraph's text. */
export type Match = { start: number; end: number };

/** The documented maximum length of a search text. */
const MAX_SEARCH_LENGTH = 255;

const KNOWN_OPTIONS = new Set([
  'matchCase',
  'matchWholeWord',
  'matchPrefix',
  'matchSuffix',
  'matchWildcards',
  'ignorePunct',
  'ignoreSpace',
]);

/** Characters that make a word, for whole-word, prefix and suffix matching. */
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** A checked search request: the text to find, its "^" codes decoded, and the options. */
export type SearchRequest = { needle: string; options: Required<SearchOptions> };

/**
 * Word's codes for characters in a search text that the fake models, from Microsoft's "Use search
 * options to find text in your Word add-in": a tab, a no-break space, and the caret itself.
 */
const SEARCH_CODES: Readonly<Record<string, string>> = { t: '\t', s: '\u00a0', '^': '^' };

/**
 * Checks a search request and returns the text to find with its options' defaults.
 *
 * @throws FakeOfficeError SearchStringInvalidOrTooLong for an empty text or one over 255
 * characters; NotImplemented for wildcards, `ignorePunct`, `ignoreSpace`, control characters and
 * the "^" codes other than `^t`, `^s` and `^^`, which the fake does not model.
 */
export function checkSearch(text: unknown, options: unknown): SearchRequest {
  if (typeof text !== 'string' || text === '' || text.length > MAX_SEARCH_LENGTH) {
    throw new FakeOfficeError(
      'SearchStringInvalidOrTooLong',
      `The search text must be 1 to ${MAX_SEARCH_LENGTH} characters long.`,
    );
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point.
  if (/[\u0000-\u001f]/.test(text)) {
    throw notImplemented('search text with control characters');
  }

  const checked = checkOptions(options);
  if (checked.matchWildcards || checked.ignorePunct || checked.ignoreSpace) {
    throw notImplemented('matchWildcards, ignorePunct and ignoreSpace searches');
  }
  return { needle: decodeSearchCodes(text), options: checked };
}

/** Replaces each "^" code of a search text with the character it stands for. */
function decodeSearchCodes(text: string): string {
  return text.replace(/\^(.?)/gs, (code, letter: string) => {
    const character = SEARCH_CODES[letter];
    if (character === undefined) {
      throw notImplemented(`the search code ${JSON.stringify(code)}`);
    }
    return character;
  });
}

function checkOptions(options: unknown): Required<SearchOptions> {
  const requested = (options ?? {}) as Record<string, unknown>;
  if (typeof requested !== 'object') {
    throw invalidArgument('The search options must be an object.');
  }
  for (const [name, value] of Object.entries(requested)) {
    if (!KNOWN_OPTIONS.has(name) || (value !== undefined && typeof value !== 'boolean')) {
      throw invalidArgument(`Unknown search option or value: ${name}=${String(value)}.`);
    }
  }

  const flag = (name: string) => requested[name] === true;
  return {
    matchCase: flag('matchCase'),
    matchWholeWord: flag('matchWholeWord'),
    matchPrefix: flag('matchPrefix'),
    matchSuffix: flag('matchSuffix'),
    matchWildcards: flag('matchWildcards'),
    ignorePunct: flag('ignorePunct'),
    ignoreSpace: flag('ignoreSpace'),
  };
}

/**
 * Finds the matches of `needle` in `text` from `from` to `to`, left to right, not overlapping
 * (Word's search does not return overlapping matches).
 */
export function findMatches(
  text: string,
  needle: string,
  options: Required<SearchOptions>,
  from = 0,
  to = text.length,
): Match[] {
  const matches: Match[] = [];
  let start = from;

  while (start + needle.length <= to) {
    const end = start + needle.length;
    if (
      sameText(text.slice(start, end), needle, options.matchCase) &&
      fits(text, start, end, options)
    ) {
      matches.push({ start, end });
      start = end;
    } else {
      start++;
    }
  }
  return matches;
}

function sameText(candidate: string, needle: string, matchCase: boolean): boolean {
  if (matchCase) {
    return candidate === needle;
  }
  // Compared character by character, so that offsets stay those of the paragraph's text.
  const candidateChars = [...candidate];
  const needleChars = [...needle];
  return (
    candidateChars.length === needleChars.length &&
    candidateChars.every((char, index) => {
      const other = needleChars[index] ?? '';
      return char === other || char.toLowerCase() === other.toLowerCase();
    })
  );
}

function fits(text: string, start: number, end: number, options: Required<SearchOptions>) {
  const startsWord = !isWordCharacter(characterBefore(text, start));
  const endsWord = !isWordCharacter(characterAt(text, end));

  if (options.matchWholeWord && !(startsWord && endsWord)) {
    return false;
  }
  if (options.matchPrefix && !startsWord) {
    return false;
  }
  return !options.matchSuffix || endsWord;
}

function characterBefore(text: string, offset: number): string {
  return offset === 0 ? '' : ([...text.slice(Math.max(0, offset - 2), offset)].pop() ?? '');
}

function characterAt(text: string, offset: number): string {
  return [...text.slice(offset, offset + 2)][0] ?? '';
}

function isWordCharacter(char: string): boolean {
  return char !== '' && WORD_CHARACTER.test(char);
}
