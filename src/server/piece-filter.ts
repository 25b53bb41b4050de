/**
 * SQL fragments that select the pieces the API shows, shared by the search and the record routes.
 * The fragments are fixed text with named parameters, so no value is ever spliced into the SQL.
 */
import { PIECE_KINDS, type DebtorFilter, type PieceKind } from '../api/contract';

/** Storage of one kind of piece. `settled` is the column of the part already paid (or used). */
export interface PieceTable {
  kind: PieceKind;
  table: string;
  settled: 'paid_cents' | 'used_cents';
}

export const PIECE_TABLES: Readonly<Record<PieceKind, PieceTable>> = {
  invoices: { kind: 'invoices', table: 'invoices', settled: 'paid_cents' },
  creditNotes: { kind: 'creditNotes', table: 'credit_notes', settled: 'used_cents' },
  transactions: { kind: 'transactions', table: 'transactions', settled: 'paid_cents' },
};

/** Values bound to the fragments' named parameters. */
export type PieceParameters = Partial<Record<'dueBefore' | 'invoicedFrom' | 'invoicedTo', string>>;

export interface PieceConditions {
  /** Conditions on a piece table aliased `p`, to be joined with AND. */
  sql: string;
  parameters: PieceParameters;
}

/** Returns the selected kinds in the contract's order, or all kinds when `kinds` is absent. */
export function selectedKinds(kinds: string | undefined): PieceKind[] {
  if (kinds === undefined) {
    return [...PIECE_KINDS];
  }
  const listed = new Set(kinds.split(','));
  return PIECE_KINDS.filter((kind) => listed.has(kind));
}

/**
 * Builds the conditions that keep a piece: it is open, meaning that some of it is still unpaid
 * (an invoice or a transaction with total ≠ paid) or unused (a credit note with total ≠ used).
 * `dueBefore` is strict (due date < dueBefore) so that "due by 31/10" is sent as 2018-11-01.
 * `invoicedFrom` and `invoicedTo` include their day. ISO dates compare correctly as text.
 */
export function pieceConditions(table: PieceTable, filter: DebtorFilter): PieceConditions {
  const conditions = [`p.total_cents <> p.${table.settled}`];
  const parameters: PieceParameters = {};

  if (filter.dueBefore !== undefined) {
    conditions.push('p.due_date < @dueBefore');
    parameters.dueBefore = filter.dueBefore;
  }
  if (filter.invoicedFrom !== undefined) {
    conditions.push('p.date >= @invoicedFrom');
    parameters.invoicedFrom = filter.invoicedFrom;
  }
  if (filter.invoicedTo !== undefined) {
    conditions.push('p.date <= @invoicedTo');
    parameters.invoicedTo = filter.invoicedTo;
  }
  return { sql: conditions.join(' AND '), parameters };
}
