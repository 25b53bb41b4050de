/**
 * The reminder columns of the debtor list, and the rows brought up to date once a merge's
 * reminders are recorded, without a new search that would reorder or drop them.
 */
import type { DebtorSummary, Reminder } from '../../api/contract';
import type { LastReminder } from '../../api/record';
import { formatDate, nextReminderLevel, REMINDER_LEVEL_LABELS } from '../../merge';

/** "2e rappel · 03/11/2026", or null when the client was never reminded. */
export function describeLastReminder(last: LastReminder | null): string | null {
  return last ? `${REMINDER_LEVEL_LABELS[last.level]} · ${formatDate(last.date)}` : null;
}

/**
 * Returns `debtors` with the last reminder and next level that the server now stores after
 * recording `reminders`. As the server does, a reminder dated before the client's last one
 * leaves it unchanged, and one dated the same day replaces it. Unchanged rows keep their object,
 * so that the list re-renders only the updated ones.
 */
export function applyRecordedReminders(
  debtors: readonly DebtorSummary[],
  reminders: readonly Reminder[],
): DebtorSummary[] {
  const latest = new Map<string, Reminder>();
  for (const reminder of reminders) {
    const previous = latest.get(reminder.clientId);
    if (!previous || previous.date <= reminder.date) {
      latest.set(reminder.clientId, reminder);
    }
  }

  return debtors.map((debtor) => {
    const reminder = latest.get(debtor.id);
    if (!reminder || (debtor.lastReminder && debtor.lastReminder.date > reminder.date)) {
      return debtor;
    }
    return {
      ...debtor,
      lastReminder: { level: reminder.level, date: reminder.date },
      nextLevel: nextReminderLevel(reminder.level),
    };
  });
}
