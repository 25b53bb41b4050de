/**
 * Late-payment penalties and the fixed recovery indemnity, as French law sets them for unpaid
 * invoices (Code de commerce, articles L441-10 and D441-5).
 *
 * For each invoice unpaid after its due date: remaining amount × annual rate × days late ÷ 365.
 * The penalties are summed exactly and rounded to the cent once, at the end, so that the total
 * does not drift with the number of invoices. A professional buyer also owes 40 € per late
 * invoice; a consumer never does.
 */
import type { Invoice } from '../api/record';
import { MergeError } from './errors';
import { isCalendarDate, type CalendarDate } from './format';

/** The fixed indemnity per late invoice owed by a professional buyer: 40 €. */
export const RECOVERY_INDEMNITY_CENTS = 4000;

/** An annual rate in hundredths of a percent: 13.15 % is 1315, so that it is held exactly. */
export type PenaltyRate = { hundredthsOfPercent: number };

/** One invoice past its due date and still unpaid, with its penalty. */
export type LateInvoice = {
  invoice: Invoice;
  daysLate: number;
  remainingCents: number;
  /** This invoice's penalty rounded to the cent, for the table; the total is rounded once. */
  penaltyCents: number;
};

export type Penalties = {
  lateInvoices: readonly LateInvoice[];
  /** Sum of the exact penalties, rounded to the cent at the end. */
  penaltyCents: number;
};

const MS_PER_DAY = 86_400_000;
/** remaining × (hundredths of %) × days ÷ DIVISOR = cents: 100 for the %, 100, 365 days. */
const DIVISOR = 10_000n * 365n;
const MAX_RATE_HUNDREDTHS = 100_00;

/**
 * Reads a rate as the user types it: "13.15", "13,15" or 13.15, between 0 and 100 %, two
 * decimals at most. Returns null when the text is not such a rate.
 */
export function parsePenaltyRate(input: string | number): PenaltyRate | null {
  const text = String(input).trim().replace(',', '.').replace(/\s*%$/, '');
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) {
    return null;
  }

  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return hundredths <= MAX_RATE_HUNDREDTHS ? { hundredthsOfPercent: hundredths } : null;
}

/** Counts the calendar days from `from` to `to`: 1 for the next day, negative before. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  if (!isCalendarDate(from) || !isCalendarDate(to)) {
    throw new RangeError(`daysBetween expects YYYY-MM-DD dates, got "${from}" and "${to}"`);
  }
  return Math.round((utcMidnight(to) - utcMidnight(from)) / MS_PER_DAY);
}

function utcMidnight(date: CalendarDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/**
 * Finds the invoices still unpaid after their due date on `letterDate` and computes their
 * penalties. An invoice due on the letter's date is not late yet; credit notes are not debts.
 */
export function computePenalties(
  invoices: readonly Invoice[],
  letterDate: CalendarDate,
  rate: PenaltyRate,
): Penalties {
  const lateInvoices: LateInvoice[] = [];
  let exactSum = 0n;

  for (const invoice of invoices) {
    const remainingCents = invoice.totalCents - invoice.paidCents;
    const daysLate = daysBetween(invoice.dueDate, letterDate);
    if (remainingCents <= 0 || daysLate <= 0) {
      continue;
    }

    const numerator = BigInt(remainingCents) * BigInt(rate.hundredthsOfPercent) * BigInt(daysLate);
    exactSum += numerator;
    lateInvoices.push({ invoice, daysLate, remainingCents, penaltyCents: roundCents(numerator) });
  }
  return { lateInvoices, penaltyCents: roundCents(exactSum) };
}

/** Rounds numerator ÷ DIVISOR to the nearest cent, halves up (every numerator is positive). */
function roundCents(numerator: bigint): number {
  const cents = (numerator * 2n + DIVISOR) / (DIVISOR * 2n);
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MergeError(
      'record_invalid',
      'Les pénalités de retard de ce client sont trop grandes pour être calculées au centime ' +
        'près : vérifiez les montants et les dates d’échéance de ses factures.',
    );
  }
  return Number(cents);
}

/** Computes the recovery indemnity: 40 € per late invoice for a professional, 0 for a consumer. */
export function recoveryIndemnityCents(lateInvoiceCount: number, isProfessional: boolean): number {
  return isProfessional ? lateInvoiceCount * RECOVERY_INDEMNITY_CENTS : 0;
}
