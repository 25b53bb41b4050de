/**
 * Pieces the user leaves out of a client's letter (a disputed invoice), remembered for the
 * session. A piece is named by its kind and number. Numbers are unique per kind in the back
 * office's data, but the contract does not enforce it, so a number seen again in the same record
 * is named with its rank ("invoice:F-12#2") and each copy is left out on its own.
 */
import type { ClientRecord } from '../../api/record';

export type PieceKind = 'invoice' | 'creditNote' | 'transaction';

/** "invoice:518100007", or "invoice:518100007#2" for a second piece with that number. */
export type PieceKey = `${PieceKind}:${string}`;

/** Left-out pieces by debtor id. */
export type Exclusions = ReadonlyMap<string, ReadonlySet<PieceKey>>;

export function pieceKey(kind: PieceKind, number: string, rank = 1): PieceKey {
  return rank === 1 ? `${kind}:${number}` : `${kind}:${number}#${rank}`;
}

/** Names each piece of one kind, in the record's order, giving repeated numbers their rank. */
export function pieceKeys(kind: PieceKind, pieces: readonly { number: string }[]): PieceKey[] {
  const seen = new Map<string, number>();
  return pieces.map((piece) => {
    const rank = (seen.get(piece.number) ?? 0) + 1;
    seen.set(piece.number, rank);
    return pieceKey(kind, piece.number, rank);
  });
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
  const keep = <Piece extends { number: string }>(kind: PieceKind, pieces: readonly Piece[]) => {
    const keys = pieceKeys(kind, pieces);
    return pieces.filter((_, index) => !excluded.has(keys[index] as PieceKey));
  };

  return {
    ...record,
    invoices: keep('invoice', record.invoices),
    creditNotes: keep('creditNote', record.creditNotes),
    transactions: keep('transaction', record.transactions),
  };
}
