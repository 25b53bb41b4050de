/**
 * Demo values of the debtor fields beyond the pieces: professional buyer or consumer, payments
 * not yet matched to invoices, and the reminders already sent.
 */
import type { ClientRecord, LastReminder, PaymentStatus } from '../api/record';
import { REMINDER_LEVELS, type ReminderLevel } from '../merge/reminder-levels';
import { addDays, type DayCalendar } from './demo-generator';
import type { StoredReminder } from './reminders';
import type { SeededRandom } from './seeded-random';

/** Days between two reminders of the same debtor's history. */
const REMINDER_INTERVAL_DAYS = 15;

/** The starter templates of assets/templates, one per level. */
const TEMPLATE_NAMES: Readonly<Record<ReminderLevel, string>> = {
  rappel1: 'Relance 1er rappel.docx',
  rappel2: 'Relance 2e rappel.docx',
  miseEnDemeure: 'Mise en demeure.docx',
};

/** First reminders are the most common, formal notices the rarest. */
const LEVEL_WEIGHTS: readonly ReminderLevel[] = [
  'rappel1',
  'rappel1',
  'rappel1',
  'rappel2',
  'rappel2',
  'miseEnDemeure',
];

/**
 * Returns `record` with `isProfessional`, `lastReminder` and `paymentStatus` drawn from
 * `random`. A company is a professional buyer and a person a consumer, except one debtor in 20
 * whose kind is unknown.
 */
export function addBackOfficeFields(
  record: ClientRecord,
  random: SeededRandom,
  day: DayCalendar,
): ClientRecord {
  const isProfessional = random.chance(0.05) ? null : Boolean(record.client.companyName);
  return {
    ...record,
    client: { ...record.client, isProfessional },
    lastReminder: drawLastReminder(record, random, day),
    paymentStatus: drawPaymentStatus(random, day),
  };
}

/**
 * Draws the last reminder of half the debtors with an invoice overdue by more than 15 days. Its
 * date falls in the last 15 days. Its level is lowered until the first reminder of its history
 * falls after the oldest due date, so that every letter of the history has an invoice to list.
 */
function drawLastReminder(
  record: ClientRecord,
  random: SeededRandom,
  day: DayCalendar,
): LastReminder | null {
  const dueDates = record.invoices.filter(isOpen).map((invoice) => invoice.dueDate);
  const oldestDue = dueDates.sort()[0];
  if (oldestDue === undefined || oldestDue >= day(-REMINDER_INTERVAL_DAYS)) {
    return null;
  }
  if (!random.chance(0.5)) {
    return null;
  }

  const date = day(-random.integer(1, REMINDER_INTERVAL_DAYS));
  let steps = REMINDER_LEVELS.indexOf(random.pick(LEVEL_WEIGHTS));
  while (steps > 0 && addDays(date, -REMINDER_INTERVAL_DAYS * steps) <= oldestDue) {
    steps -= 1;
  }
  return { level: REMINDER_LEVELS[steps] ?? 'rappel1', date };
}

/**
 * Draws what the back office reports on payments: nothing for one debtor in 10, unmatched
 * payments for about one in 12, and otherwise none unmatched since the last import.
 */
function drawPaymentStatus(random: SeededRandom, day: DayCalendar): PaymentStatus | null {
  const roll = random.next();
  if (roll < 0.1) {
    return null;
  }
  if (roll < 0.18) {
    return {
      unmatchedCount: random.integer(1, 3),
      unmatchedCents: random.integer(2000, 150000),
      lastImportDate: day(-random.integer(0, 3)),
    };
  }
  return { unmatchedCount: 0, unmatchedCents: 0, lastImportDate: day(-1) };
}

/**
 * Returns the history that leads to the record's last reminder, oldest first: every level up to
 * the last one, 15 days apart. Each reminder lists the invoices that were open and overdue on its
 * date. A record without a last reminder has no history.
 */
export function demoReminderHistory(record: ClientRecord): StoredReminder[] {
  const last = record.lastReminder;
  if (!last) {
    return [];
  }

  const levels = REMINDER_LEVELS.slice(0, REMINDER_LEVELS.indexOf(last.level) + 1);
  return levels.map((level, index) => {
    const date = addDays(last.date, -REMINDER_INTERVAL_DAYS * (levels.length - 1 - index));
    const pieces = record.invoices
      .filter((invoice) => isOpen(invoice) && invoice.dueDate < date)
      .map((invoice) => ({ kind: 'invoices' as const, number: invoice.number }));
    return {
      clientId: record.client.id,
      level,
      date,
      templateName: TEMPLATE_NAMES[level],
      pieces,
      // A fixed time of day keeps the demo the same from one run to the next.
      recordedAt: `${date}T08:30:00.000Z`,
    };
  });
}

function isOpen(invoice: { totalCents: number; paidCents: number }): boolean {
  return invoice.totalCents !== invoice.paidCents;
}
