/**
 * The reminder that a made letter adds to the client's history: the merge's level, the letter's
 * date, the template's name and the pieces the letter listed.
 */
import type { PieceKind, Reminder } from '../../api/contract';
import type { ClientRecord, Invoice } from '../../api/record';
import {
  computePenalties,
  isListField,
  type CalendarDate,
  type FieldName,
  type ListFieldName,
  type ReminderLevel,
} from '../../merge';

/** The kinds of pieces each list field shows in full; the penalty table is handled apart. */
const LIST_KINDS: Readonly<Record<ListFieldName, readonly PieceKind[]>> = {
  opistolistefactures: ['invoices'],
  opistolisteavoirs: ['creditNotes'],
  opistolistefacturesavoirs: ['invoices', 'creditNotes'],
  opistolistetransactions: ['transactions'],
  opistolistepenalites: [],
};

export type ReminderContext = {
  level: ReminderLevel;
  letterDate: CalendarDate;
  templateName: string;
  /** The field words of the template, which show which lists the letter contains. */
  fieldsUsed: ReadonlySet<FieldName>;
};

/** Builds the reminder of one client whose letter was made from `record`. */
export function buildReminder(record: ClientRecord, context: ReminderContext): Reminder {
  return {
    clientId: record.client.id,
    level: context.level,
    date: context.letterDate,
    templateName: context.templateName,
    pieces: listedPieces(record, context.fieldsUsed, context.letterDate),
  };
}

/**
 * Returns the pieces the letter listed, in the record's order: `record` is the one the letter
 * was made from, so pieces the user left out are already gone. `opistolistepenalites` lists the
 * invoices late on the letter's date. A template with no list field names no piece, but its
 * letter still claims what the record's pieces leave to pay, so they are all recorded.
 */
export function listedPieces(
  record: ClientRecord,
  fieldsUsed: ReadonlySet<FieldName>,
  letterDate: CalendarDate,
): Reminder['pieces'] {
  const lists = [...fieldsUsed].filter(isListField);
  const kinds = new Set<PieceKind>(
    lists.length === 0
      ? ['invoices', 'creditNotes', 'transactions']
      : lists.flatMap((field) => LIST_KINDS[field]),
  );
  const lateInvoices = lists.includes('opistolistepenalites')
    ? lateInvoicesOf(record, letterDate)
    : new Set<Invoice>();

  const invoices = record.invoices.filter(
    (invoice) => kinds.has('invoices') || lateInvoices.has(invoice),
  );
  return [
    ...invoices.map((invoice) => ({ kind: 'invoices' as const, number: invoice.number })),
    ...(kinds.has('creditNotes') ? record.creditNotes : []).map((note) => ({
      kind: 'creditNotes' as const,
      number: note.number,
    })),
    ...(kinds.has('transactions') ? record.transactions : []).map((transaction) => ({
      kind: 'transactions' as const,
      number: transaction.number,
    })),
  ];
}

/** Finds the invoices the penalty table lists; the rate does not change which are late. */
function lateInvoicesOf(record: ClientRecord, letterDate: CalendarDate): Set<Invoice> {
  const late = computePenalties(record.invoices, letterDate, { hundredthsOfPercent: 0 });
  return new Set(late.lateInvoices.map((entry) => entry.invoice));
}
