/**
 * A debtor's open pieces as the expanded row lists them: one line per invoice, credit note or
 * order, with what remains to pay and the key that leaves it out of the letter.
 */
import type { ClientRecord } from '../../api/record';
import { transactionTypeLabel } from '../../merge/lists';
import { pieceKeys, type PieceKey } from '../state/exclusions';

export type PieceLine = {
  key: PieceKey;
  /** "Facture", "Avoir", "Commande", "Proforma". */
  kindLabel: string;
  date: string;
  number: string;
  totalCents: number;
  remainingCents: number;
};

/** The record's pieces: invoices, then credit notes, then orders, each in the record's order. */
export function listPieces(record: ClientRecord): PieceLine[] {
  const invoiceKeys = pieceKeys('invoice', record.invoices);
  const creditNoteKeys = pieceKeys('creditNote', record.creditNotes);
  const transactionKeys = pieceKeys('transaction', record.transactions);

  const invoices = record.invoices.map((invoice, index) => ({
    key: invoiceKeys[index] as PieceKey,
    kindLabel: 'Facture',
    date: invoice.date,
    number: invoice.number,
    totalCents: invoice.totalCents,
    remainingCents: invoice.totalCents - invoice.paidCents,
  }));
  const creditNotes = record.creditNotes.map((note, index) => ({
    key: creditNoteKeys[index] as PieceKey,
    kindLabel: 'Avoir',
    date: note.date,
    number: note.number,
    totalCents: note.totalCents,
    remainingCents: note.totalCents - note.usedCents,
  }));
  const transactions = record.transactions.map((transaction, index) => ({
    key: transactionKeys[index] as PieceKey,
    kindLabel: transactionTypeLabel(transaction.type),
    date: transaction.date,
    number: transaction.number,
    totalCents: transaction.totalCents,
    remainingCents: transaction.totalCents - transaction.paidCents,
  }));
  return [...invoices, ...creditNotes, ...transactions];
}
