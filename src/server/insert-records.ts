/**
 * Writes client records, in the contract's shape, into the database: one row per client with
 * its search columns, payment status and last reminder, one row per piece.
 */
import type { Database, Statement } from 'better-sqlite3';

import type { Client, ClientRecord } from '../api/record';
import { fullName } from '../merge/values';
import {
  normaliseNullable,
  normalisePhone,
  normalisePostalCode,
  normaliseSearchText,
} from './search-text';

const INSERT_CLIENT = `
  INSERT INTO clients (
    id, first_name, last_name, company_name, address1, address2, postal_code, city, email,
    phone, phone2, vat_number, siret, discount_basis_points, credit_limit_cents, balance_cents,
    display_name, search_name, search_city, search_postal_code, search_email, search_phone,
    search_phone2, is_professional, unmatched_count, unmatched_cents, last_payment_import,
    last_reminder_level, last_reminder_date
  ) VALUES (
    @id, @firstName, @lastName, @companyName, @address1, @address2, @postalCode, @city, @email,
    @phone, @phone2, @vatNumber, @siret, @discountBasisPoints, @creditLimitCents, @balanceCents,
    @displayName, @searchName, @searchCity, @searchPostalCode, @searchEmail, @searchPhone,
    @searchPhone2, @isProfessional, @unmatchedCount, @unmatchedCents, @lastPaymentImport,
    @lastReminderLevel, @lastReminderDate
  )`;

const INSERT_INVOICE = `
  INSERT INTO invoices (client_id, number, date, due_date, total_cents, paid_cents)
  VALUES (@clientId, @number, @date, @dueDate, @totalCents, @paidCents)`;

const INSERT_CREDIT_NOTE = `
  INSERT INTO credit_notes (client_id, number, date, due_date, total_cents, used_cents)
  VALUES (@clientId, @number, @date, @dueDate, @totalCents, @usedCents)`;

const INSERT_TRANSACTION = `
  INSERT INTO transactions (client_id, number, type, date, due_date, total_cents, paid_cents)
  VALUES (@clientId, @number, @type, @date, @dueDate, @totalCents, @paidCents)`;

interface InsertStatements {
  client: Statement;
  invoice: Statement;
  creditNote: Statement;
  transaction: Statement;
}

/**
 * Inserts `records` in one transaction with prepared statements, so that 10,000 clients take a
 * fraction of a second and a failure leaves the database as it was. Throws on a duplicate id.
 */
export function insertRecords(db: Database, records: Iterable<ClientRecord>): number {
  const statements: InsertStatements = {
    client: db.prepare(INSERT_CLIENT),
    invoice: db.prepare(INSERT_INVOICE),
    creditNote: db.prepare(INSERT_CREDIT_NOTE),
    transaction: db.prepare(INSERT_TRANSACTION),
  };

  const insertAll = db.transaction((all: Iterable<ClientRecord>) => {
    let count = 0;
    for (const record of all) {
      insertRecord(statements, record);
      count += 1;
    }
    return count;
  });
  return insertAll(records);
}

/**
 * Deletes every client and, through the foreign keys' cascade, every piece and reminder. The
 * idempotency keys go too, because the batches they recorded are gone.
 */
export function deleteAllRecords(db: Database): void {
  db.prepare('DELETE FROM clients').run();
  db.prepare('DELETE FROM reminder_requests').run();
}

function insertRecord(statements: InsertStatements, record: ClientRecord): void {
  statements.client.run({ ...clientRow(record.client), ...backOfficeColumns(record) });
  const clientId = record.client.id;

  for (const invoice of record.invoices) {
    statements.invoice.run({ clientId, ...invoice });
  }
  for (const note of record.creditNotes) {
    statements.creditNote.run({ clientId, ...note });
  }
  for (const transaction of record.transactions) {
    statements.transaction.run({ clientId, ...transaction });
  }
}

/** Client fields stored as they are, a missing one as NULL. */
const TEXT_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'address1',
  'address2',
  'postalCode',
  'city',
  'email',
  'phone',
  'phone2',
  'vatNumber',
  'siret',
] as const;

function clientRow(client: Client): Record<string, string | number | null> {
  const texts = Object.fromEntries(TEXT_FIELDS.map((field) => [field, client[field] ?? null]));
  const displayName = fullName(client);
  const discount = client.discountPercent;

  return {
    ...texts,
    id: client.id,
    discountBasisPoints:
      discount === null || discount === undefined ? null : toBasisPoints(discount),
    creditLimitCents: client.creditLimitCents ?? null,
    balanceCents: client.balanceCents ?? null,
    displayName,
    searchName: normaliseSearchText(displayName),
    searchCity: normaliseNullable(client.city, normaliseSearchText),
    searchPostalCode: normaliseNullable(client.postalCode, normalisePostalCode),
    searchEmail: normaliseNullable(client.email, normaliseSearchText),
    searchPhone: normaliseNullable(client.phone, normalisePhone),
    searchPhone2: normaliseNullable(client.phone2, normalisePhone),
    isProfessional: toSqlBoolean(client.isProfessional),
  };
}

/**
 * Returns the columns of the payment status and of the last reminder. A record's `lastReminder`
 * is stored as it is, even without a history behind it, because the back office may know of
 * reminders sent before the history began. Reminders recorded later replace it (reminders.ts).
 */
function backOfficeColumns(record: ClientRecord): Record<string, string | number | null> {
  const status = record.paymentStatus;
  return {
    unmatchedCount: status?.unmatchedCount ?? null,
    unmatchedCents: status?.unmatchedCents ?? null,
    lastPaymentImport: status?.lastImportDate ?? null,
    lastReminderLevel: record.lastReminder?.level ?? null,
    lastReminderDate: record.lastReminder?.date ?? null,
  };
}

function toSqlBoolean(value: boolean | null | undefined): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  return value ? 1 : 0;
}

/**
 * Converts a percentage to hundredths. The schema allows two decimals, so rounding loses nothing.
 */
function toBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}
