/**
 * A debtor's open pieces as the expanded row lists them: one line per invoice, credit note or
 * order, with what remains to pay and the key that leaves it out of the letter.
 */
import type { ClientRecord } from '../../api/record';
import { pieceKey, type PieceKey } from '../state/exclusions';

export type PieceLine = {
  key: PieceKey;
  /** "Facture", "Avoir", "Commande", "Proforma". */
  kindLabel: string;
  date: string;
  number: string;
  totalCents: number;
  remainingCents: number;
};

/** Labels of the transaction types the back office sends; others are shown as sent. */
const TRANSACTION_LABELS: Readonly<Record<string, string>> = {
  commande: 'Commande',
  proforma: 'Proforma',
};

function transactionLabel(type: string): string {
  return TRANSACTION_LABELS[type.toLowerCase()] ?? type.charAt(0).toUpperCase() + type.slice(1);
}

/** The record's pieces: invoices, then credit notes, then orders, each in the record's order. */
export function listPieces(record: ClientRecord): PieceLine[] {
  const invoices = record.invoices.map((invoice) => ({
    key: pieceKey('invoice', invoice.number),
    kindLabel: 'Facture',
    date: invoice.date,
    number: invoice.number,
    totalCents: invoice.totalCents,
    remainingCents: invoice.totalCents - invoice.paidCents,
  }));
  const creditNotes = record.creditNotes.map((note) => ({
    key: pieceKey('creditNote', note.number),
    kindLabel: 'Avoir',
    date: note.date,
    number: note.number,
    totalCents: note.totalCents,
    remainingCents: note.totalCents - note.usedCents,
  }));
  const transactions = record.transactions.map((transaction) => ({
    key: pieceKey('transaction', transaction.number),
    kindLabel: transactionLabel(transaction.type),
    date: transaction.date,
    number: transaction.number,
    totalCents: transaction.totalCents,
    remainingCents: transaction.totalCents - transaction.paidCents,
  }));
  return [...invoices, ...creditNotes, ...transactions];
}
