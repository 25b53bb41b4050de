/**
 * The normal forms that text filters compare. The database stores each client's searchable texts
 * in these forms, and the server normalises a query the same way, so one plain comparison in SQL
 * finds "Hélène" for "HELENE", "hélène" or "helene".
 */

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE_RUN = /\s+/gu;
const PHONE_SEPARATORS = /[\s.-]/gu;

/** Letters that NFKD leaves whole but that French writers also spell out. */
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/**
 * Lower-cases `text`, drops its accents and other combining marks, spells out œ, æ and ß, writes
 * typographic apostrophes as "'" and collapses whitespace runs to one space.
 */
export function normaliseSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[œæß]/gu, (letter) => LIGATURES[letter] ?? letter)
    .replace(/[\u2018\u2019\u02bc]/gu, "'")
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/** Drops whitespace, dots and dashes, so that "05.00-00 00 01" and "0500000001" compare equal. */
export function normalisePhone(phone: string): string {
  return phone.normalize('NFKC').replace(PHONE_SEPARATORS, '');
}

/** Normalises a postcode as other texts, without its spaces: "31 400" starts with "314". */
export function normalisePostalCode(postalCode: string): string {
  return normaliseSearchText(postalCode).replace(/ /gu, '');
}

/** Returns the normal form of a stored value, keeping null for a missing one. */
export function normaliseNullable(
  text: string | null | undefined,
  normalise: (text: string) => string,
): string | null {
  return text === null || text === undefined ? null : normalise(text);
}
