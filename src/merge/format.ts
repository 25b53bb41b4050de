/**
 * French (fr-FR) formatting of the values that go into a letter.
 *
 * Amounts are integer cents and never pass through floating point, so that 0.1 + 0.2 can never
 * print as "0,30000000000000004" or round the wrong way.
 */

/** U+00A0, the no-break space French typography puts between groups of thousands. */
export const THOUSANDS_SEPARATOR = '\u00a0';

/** Formats integer cents as "1 554,12" (no-break space), "-54,55" or "0,00", with no currency. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`formatCents expects integer cents, got ${cents}`);
  }

  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  const units = digits.slice(0, -2);
  const decimals = digits.slice(-2);

  return `${sign}${groupThousands(units)},${decimals}`;
}

function groupThousands(units: string): string {
  const groups: string[] = [];

  for (let end = units.length; end > 0; end -= 3) {
    groups.unshift(units.slice(Math.max(0, end - 3), end));
  }

  return groups.join(THOUSANDS_SEPARATOR);
}

/** A calendar date as the contract writes it, "YYYY-MM-DD", with no time and no time zone. */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Tells whether `text` is a real calendar date in "YYYY-MM-DD" form (2018-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) {
    return false;
  }

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] ?? 0;
}

/** Formats "2018-10-29" as "29/10/2018". */
export function formatDate(date: CalendarDate): string {
  if (!isCalendarDate(date)) {
    throw new RangeError(`formatDate expects a YYYY-MM-DD calendar date, got "${date}"`);
  }

  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** Returns the calendar date of `now` in the time zone of the machine the code runs on. */
export function localCalendarDate(now: Date): CalendarDate {
  const year = String(now.getFullYear()).padStart(4, '0');
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');

  return `${year}-${month}-${day}`;
}

/**
 * Formats a percentage without the % sign: 5 → "5", 2.5 → "2,5", 12.25 → "12,25".
 * The record schema allows at most two decimals, so rounding to hundredths loses nothing.
 */
export function formatPercent(value: number): string {
  const hundredths = Math.round(value * 100);
  const sign = hundredths < 0 ? '-' : '';
  const magnitude = Math.abs(hundredths);
  const units = String(Math.trunc(magnitude / 100));
  const decimals = String(magnitude % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');

  return decimals ? `${sign}${units},${decimals}` : `${sign}${units}`;
}
