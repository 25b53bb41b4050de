/**
 * Pieces the user leaves out of a client's letter (a disputed invoice), remembered for the
 * session. A piece is named by its kind and number, which the back office keeps unique per kind.
 */
import type { ClientRecord } from '../../api/record';

export type PieceKind = 'invoice' | 'creditNote' | 'transaction';

/** "invoice:518100007". */
export type PieceKey = `${PieceKind}:${string}`;

/** Left-out pieces by debtor id. */
export type Exclusions = ReadonlyMap<string, ReadonlySet<PieceKey>>;

export function pieceKey(kind: PieceKind, number: string): PieceKey {
  return `${kind}:${number}`;
}

/** Returns the exclusions with one piece of one debtor left out, or put back. */
export function toggleExclusion(
  exclusions: Exclusions,
  debtorId: string,
  key: PieceKey,
  excluded: boolean,
): Exclusions {
  const pieces = new Set(exclusions.get(debtorId));
  if (excluded) {
    pieces.add(key);
  } else {
    pieces.delete(key);
  }

  const next = new Map(exclusions);
  if (pieces.size > 0) {
    next.set(debtorId, pieces);
  } else {
    next.delete(debtorId);
  }
  return next;
}

/** Returns the record without the pieces the user left out. */
export function applyExclusions(
  record: ClientRecord,
  excluded: ReadonlySet<PieceKey> | undefined,
): ClientRecord {
  if (!excluded || excluded.size === 0) {
    return record;
  }
  const keeps = (kind: PieceKind) => (piece: { number: string }) =>
    !excluded.has(pieceKey(kind, piece.number));

  return {
    ...record,
    invoices: record.invoices.filter(keeps('invoice')),
    creditNotes: record.creditNotes.filter(keeps('creditNote')),
    transactions: record.transactions.filter(keeps('transaction')),
  };
}
