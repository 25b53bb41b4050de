/**
 * Reads client records, in the contract's shape, for a list of ids: the client, its open pieces
 * that a filter keeps (oldest due date first), its last reminder and its payment status.
 */
import type { Database } from 'better-sqlite3';

import type { DebtorFilter, PieceKind } from '../api/contract';
import type {
  Client,
  ClientRecord,
  CreditNote,
  Invoice,
  LastReminder,
  PaymentStatus,
  Transaction,
} from '../api/record';
import type { ReminderLevel } from '../merge/reminder-levels';
import { PIECE_TABLES, pieceConditions, selectedKinds } from './piece-filter';

interface ClientRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  address1: string | null;
  address2: string | null;
  postal_code: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
  phone2: string | null;
  vat_number: string | null;
  siret: string | null;
  discount_basis_points: number | null;
  credit_limit_cents: number | null;
  balance_cents: number | null;
  is_professional: 0 | 1 | null;
  unmatched_count: number | null;
  unmatched_cents: number | null;
  last_payment_import: string | null;
  last_reminder_level: ReminderLevel | null;
  last_reminder_date: string | null;
}

interface PieceRow {
  client_id: string;
  number: string;
  type?: string;
  date: string;
  due_date: string;
  total_cents: number;
  paid_cents?: number;
  used_cents?: number;
}

/** The ids travel as one JSON array parameter, whatever their number. */
const IDS_PARAMETER = 'SELECT value FROM json_each(@ids)';

/**
 * Returns the records of the clients among `ids`, keyed by id. An unknown id has no entry.
 * It runs one query per table, not per client, so a batch of 200 costs four queries.
 */
export function readRecords(
  db: Database,
  ids: readonly string[],
  filter: DebtorFilter,
): Map<string, ClientRecord> {
  const idsJson = JSON.stringify(ids);
  const clientRows = db
    .prepare(`SELECT * FROM clients WHERE id IN (${IDS_PARAMETER})`)
    .all({ ids: idsJson }) as ClientRow[];

  const records = new Map<string, ClientRecord>();
  for (const row of clientRows) {
    records.set(row.id, {
      client: toClient(row),
      invoices: [],
      creditNotes: [],
      transactions: [],
      lastReminder: toLastReminder(row),
      paymentStatus: toPaymentStatus(row),
    });
  }
  if (records.size === 0) {
    return records;
  }

  for (const kind of selectedKinds(filter.kinds)) {
    for (const row of readPieceRows(db, kind, idsJson, filter)) {
      const record = records.get(row.client_id);
      if (record) {
        addPiece(record, kind, row);
      }
    }
  }
  return records;
}

/** Reads the open pieces of one kind for the clients in `idsJson`, oldest due first. */
function readPieceRows(
  db: Database,
  kind: PieceKind,
  idsJson: string,
  filter: DebtorFilter,
): PieceRow[] {
  const table = PIECE_TABLES[kind];
  const conditions = pieceConditions(table, filter);
  const sql = `
    SELECT p.* FROM ${table.table} p
    WHERE p.client_id IN (${IDS_PARAMETER}) AND ${conditions.sql}
    ORDER BY p.client_id, p.due_date, p.date, p.number`;
  return db.prepare(sql).all({ ...conditions.parameters, ids: idsJson }) as PieceRow[];
}

function addPiece(record: ClientRecord, kind: PieceKind, row: PieceRow): void {
  const common = {
    number: row.number,
    date: row.date,
    dueDate: row.due_date,
    totalCents: row.total_cents,
  };

  if (kind === 'invoices') {
    const invoice: Invoice = { ...common, paidCents: row.paid_cents ?? 0 };
    record.invoices.push(invoice);
  } else if (kind === 'creditNotes') {
    const note: CreditNote = { ...common, usedCents: row.used_cents ?? 0 };
    record.creditNotes.push(note);
  } else {
    const transaction: Transaction = {
      number: row.number,
      type: row.type ?? '',
      date: row.date,
      dueDate: row.due_date,
      totalCents: row.total_cents,
      paidCents: row.paid_cents ?? 0,
    };
    record.transactions.push(transaction);
  }
}

function toClient(row: ClientRow): Client {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    companyName: row.company_name,
    address1: row.address1,
    address2: row.address2,
    postalCode: row.postal_code,
    city: row.city,
    email: row.email,
    phone: row.phone,
    phone2: row.phone2,
    vatNumber: row.vat_number,
    siret: row.siret,
    discountPercent: row.discount_basis_points === null ? null : row.discount_basis_points / 100,
    creditLimitCents: row.credit_limit_cents,
    balanceCents: row.balance_cents,
    isProfessional: row.is_professional === null ? null : row.is_professional === 1,
  };
}

function toLastReminder(row: ClientRow): LastReminder | null {
  const { last_reminder_level: level, last_reminder_date: date } = row;
  // The migration's checks keep the level and the date both set or both NULL.
  return level !== null && date !== null ? { level, date } : null;
}

/**
 * Returns null when the back office reports nothing on payments. The migration's checks keep the
 * count and the amount both set or both NULL, and the import date NULL without them.
 */
function toPaymentStatus(row: ClientRow): PaymentStatus | null {
  if (row.unmatched_count === null || row.unmatched_cents === null) {
    return null;
  }
  return {
    unmatchedCount: row.unmatched_count,
    unmatchedCents: row.unmatched_cents,
    lastImportDate: row.last_payment_import,
  };
}
