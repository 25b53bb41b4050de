/**
 * The pieces a letter is about, for the reminder history: the kinds its list fields show, or the
 * invoices when the template lists none, because a reminder is always about unpaid invoices.
 */
import type { PieceKind } from '../api/contract';
import type { ClientRecord } from '../api/record';
import type { FieldName } from './fields';

export type ListedPiece = { kind: PieceKind; number: string };

const KINDS_BY_LIST_FIELD: Readonly<Partial<Record<FieldName, readonly PieceKind[]>>> = {
  opistolistefactures: ['invoices'],
  opistolisteavoirs: ['creditNotes'],
  opistolistefacturesavoirs: ['invoices', 'creditNotes'],
  opistolistetransactions: ['transactions'],
  opistolistepenalites: ['invoices'],
};

const PIECE_ORDER: readonly PieceKind[] = ['invoices', 'creditNotes', 'transactions'];

/** Lists the record's pieces of the kinds the template's list fields show, in record order. */
export function piecesListed(
  record: Pick<ClientRecord, PieceKind>,
  fieldsUsed: ReadonlySet<FieldName>,
): ListedPiece[] {
  const kinds = new Set([...fieldsUsed].flatMap((field) => KINDS_BY_LIST_FIELD[field] ?? []));
  if (kinds.size === 0) {
    kinds.add('invoices');
  }

  return PIECE_ORDER.filter((kind) => kinds.has(kind)).flatMap((kind) =>
    record[kind].map((piece) => ({ kind, number: piece.number })),
  );
}
