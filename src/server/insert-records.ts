/**
 * Writes client records, in the contract's shape, into the database: one row per client with
 * its search columns, one row per piece.
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
    search_phone2
  ) VALUES (
    @id, @firstName, @lastName, @companyName, @address1, @address2, @postalCode, @city, @email,
    @phone, @phone2, @vatNumber, @siret, @discountBasisPoints, @creditLimitCents, @balanceCents,
    @displayName, @searchName, @searchCity, @searchPostalCode, @searchEmail, @searchPhone,
    @searchPhone2
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

/** Deletes every client and, through the foreign keys' cascade, every piece. */
export function deleteAllRecords(db: Database): void {
  db.prepare('DELETE FROM clients').run();
}

function insertRecord(statements: InsertStatements, record: ClientRecord): void {
  statements.client.run(clientRow(record.client));
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
  };
}

/**
 * Converts a percentage to hundredths. The schema allows two decimals, so rounding loses nothing.
 */
function toBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}
