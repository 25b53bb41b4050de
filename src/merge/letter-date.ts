/**
 * A sanity check on the letter's date: penalties grow with it and the history records it, so a
 * slip of the year (2062 for 2026) must be caught before any letter is made.
 */
import { formatDate, type CalendarDate } from './format';
import { daysBetween } from './penalties';

/** A letter dated further than this from today is taken for a typing mistake. */
const MAX_DAYS_FROM_TODAY = 366;

/** Returns a French problem when `date` is more than a year from `today`, else null. */
export function implausibleLetterDate(date: CalendarDate, today: CalendarDate): string | null {
  if (Math.abs(daysBetween(today, date)) <= MAX_DAYS_FROM_TODAY) {
    return null;
  }
  return (
    `date du courrier improbable (${formatDate(date)}) : elle est à plus d’un an ` +
    `d’aujourd’hui (${formatDate(today)}). Vérifiez l’année.`
  );
}
