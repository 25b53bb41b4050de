/**
 * Dates typed the French way. The browser's own date field follows the browser's language, so an
 * English browser shows mm/dd/yyyy to French users. The pane's date fields take and show
 * dd/mm/yyyy whatever the browser.
 */
import { formatDate, isCalendarDate, type CalendarDate } from '../../merge/format';

const FRENCH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * Reads "4/12/2026", "04.12.2026", "04-12-2026" or a pasted "2026-12-04" as a calendar date.
 * Returns null for anything else, including dates that do not exist (31/02/2026).
 */
export function parseFrenchDate(text: string): CalendarDate | null {
  const trimmed = text.trim();
  if (isCalendarDate(trimmed)) {
    return trimmed;
  }

  const match = FRENCH_DATE.exec(trimmed);
  if (!match) {
    return null;
  }
  const month = (match[2] ?? '').padStart(2, '0');
  const day = (match[1] ?? '').padStart(2, '0');
  const iso = `${match[3]}-${month}-${day}`;
  return isCalendarDate(iso) ? iso : null;
}

/** Shows a calendar date as "04/12/2026", and any other text as it is. */
export function showFrenchDate(value: string): string {
  return isCalendarDate(value) ? formatDate(value) : value;
}
