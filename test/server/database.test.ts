/**
 * The database layer without HTTP: migrations (and the upgrade of a version-1 database), checks,
 * pragmas, indexes, insertion and the search texts' normal forms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import BetterSqlite3 from 'better-sqlite3';

import { REMINDER_LEVELS } from '../../src/merge/reminder-levels';
import { countClients, listTables, openDatabase, type Database } from '../../src/server/database';
import { readRecords } from '../../src/server/debtor-records';
import { searchDebtors } from '../../src/server/debtor-search';
import { demoRecords } from '../../src/server/demo-data';
import { fillDemoDatabase } from '../../src/server/demo-database';
import { insertRecords } from '../../src/server/insert-records';
import { applyMigrations, currentVersion, MIGRATIONS } from '../../src/server/migrations';
import { readReminderHistory, recordReminderBatch } from '../../src/server/reminders';
import {
  normalisePhone,
  normalisePostalCode,
  normaliseSearchText,
} from '../../src/server/search-text';
import { REFERENCE_DATE } from './helpers';

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

let folder: string;
let file: string;
let db: Database;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'opisto-db-'));
  file = path.join(folder, 'test.sqlite');
  db = openDatabase(file);
});

afterEach(() => {
  if (db.open) {
    db.close();
  }
  rmSync(folder, { recursive: true, force: true });
});

function countRows(table: string): number {
  const row = db.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number };
  return row.count;
}

function indexNames(): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
    .all() as { name: string }[];
  return rows.map((row) => row.name).sort();
}

describe('migrations', () => {
  test('new database gets every migration', () => {
    expect(currentVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(listTables(db)).toEqual([
      'clients',
      'credit_notes',
      'invoices',
      'reminder_requests',
      'reminders',
      'schema_migrations',
      'transactions',
    ]);
  });

  test('reopening applies nothing again', () => {
    db.close();
    db = openDatabase(file);

    expect(applyMigrations(db)).toEqual([]);
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  test('later migration is applied in order', () => {
    const version = LATEST + 1;
    const next = { version, name: 'test column', sql: 'ALTER TABLE clients ADD note TEXT' };

    expect(applyMigrations(db, [...MIGRATIONS, next])).toEqual([version]);
    expect(currentVersion(db)).toBe(version);
  });

  test('failed migration leaves no trace', () => {
    const broken = {
      version: LATEST + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table',
    };

    expect(() => applyMigrations(db, [...MIGRATIONS, broken])).toThrow('no_such_table');
    expect(currentVersion(db)).toBe(LATEST);
    expect(listTables(db)).not.toContain('half_done');
  });

  test('newer database is refused', () => {
    db.prepare('INSERT INTO schema_migrations VALUES (99, ?, ?)').run('future', 'now');

    expect(() => applyMigrations(db)).toThrow('database schema version 99 is newer');
  });

  test('WAL mode and foreign keys are on', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  test('indexes cover every filter', () => {
    expect(indexNames()).toEqual(
      [
        'clients_by_search_city',
        'clients_by_search_email',
        'clients_by_search_name',
        'clients_by_search_phone',
        'clients_by_search_phone2',
        'clients_by_search_postal_code',
        'reminders_by_client_date',
        ...['invoices', 'credit_notes', 'transactions'].flatMap((table) => [
          `${table}_by_client_due`,
          `${table}_by_date`,
          `${table}_by_due_date`,
        ]),
      ].sort(),
    );
  });

  test('record query reads pieces through the client index', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM invoices p WHERE p.client_id = ? ' +
          'ORDER BY p.due_date, p.date, p.number',
      )
      .all('C-000001') as { detail: string }[];

    const details = plan.map((row) => row.detail).join('\n');
    expect(details).toContain('invoices_by_client_due');
    expect(details).not.toContain('TEMP B-TREE');
  });
});

/** Creates a database file at version 1, as the first release left it, with two clients. */
function createVersionOneDatabase(oldFile: string): void {
  const old = new BetterSqlite3(oldFile);
  applyMigrations(old, MIGRATIONS.slice(0, 1));
  old
    .prepare(
      'INSERT INTO clients (id, company_name, city, balance_cents, display_name, search_name, ' +
        "search_city) VALUES ('V1-1', 'Garage Ancien', 'ALBI', 5000, 'Garage Ancien', " +
        "'garage ancien', 'albi'), ('V1-2', NULL, NULL, NULL, 'Sans Nom', 'sans nom', NULL)",
    )
    .run();
  old
    .prepare(
      'INSERT INTO invoices (client_id, number, date, due_date, total_cents, paid_cents) ' +
        "VALUES ('V1-1', 'F-OLD', '2026-01-10', '2026-02-10', 5000, 0)",
    )
    .run();
  old.close();
}

describe('migration 2 on a version-1 database', () => {
  let oldFile: string;
  let upgraded: Database | undefined;

  beforeEach(() => {
    oldFile = path.join(folder, 'version-1.sqlite');
    createVersionOneDatabase(oldFile);
    upgraded = openDatabase(oldFile);
  });

  afterEach(() => {
    upgraded?.close();
    upgraded = undefined;
  });

  function open(): Database {
    if (!upgraded) {
      throw new Error('no upgraded database');
    }
    return upgraded;
  }

  test('opening applies migration 2 only', () => {
    const rows = open().prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number;
    }[];

    expect(rows.map((row) => row.version)).toEqual([1, 2]);
    expect(listTables(open())).toEqual(expect.arrayContaining(['reminders', 'reminder_requests']));
  });

  test('old rows keep their data and know nothing new', () => {
    const records = readRecords(open(), ['V1-1', 'V1-2'], {});
    const first = records.get('V1-1');

    expect(first?.client).toMatchObject({
      companyName: 'Garage Ancien',
      city: 'ALBI',
      balanceCents: 5000,
      isProfessional: null,
    });
    expect(first?.invoices.map((invoice) => invoice.number)).toEqual(['F-OLD']);
    expect(first?.lastReminder).toBeNull();
    expect(first?.paymentStatus).toBeNull();
    expect(records.get('V1-2')?.client.isProfessional).toBeNull();
  });

  test('search summaries of old rows', () => {
    const page = searchDebtors(open(), { page: 1, pageSize: 50 });

    expect(page.items).toEqual([
      {
        id: 'V1-1',
        displayName: 'Garage Ancien',
        city: 'ALBI',
        postalCode: null,
        balanceCents: 5000,
        lastReminder: null,
        nextLevel: 'rappel1',
        hasUnmatchedPayments: false,
      },
    ]);
  });

  test('old rows take reminders and filters', () => {
    const reminder = {
      clientId: 'V1-1',
      level: 'rappel1' as const,
      date: '2026-03-01',
      templateName: 'Relance 1er rappel.docx',
      pieces: [{ kind: 'invoices' as const, number: 'F-OLD' }],
    };

    const outcome = recordReminderBatch(open(), [reminder], {
      recordedAt: '2026-03-01T10:00:00.000Z',
    });

    expect(outcome).toEqual({ status: 'recorded', recorded: 1, replayed: false });
    expect(readReminderHistory(open(), 'V1-1')?.items).toEqual([
      { ...reminder, recordedAt: '2026-03-01T10:00:00.000Z' },
    ]);
    const page = searchDebtors(open(), { page: 1, pageSize: 50, nextLevel: 'rappel2' });
    expect(page.items.map((item) => item.id)).toEqual(['V1-1']);
  });
});

describe('migration 2 checks', () => {
  beforeEach(() => {
    db.prepare(
      "INSERT INTO clients (id, display_name, search_name) VALUES ('K-1', 'K', 'k')",
    ).run();
  });

  const update = (assignments: string) => () =>
    db.prepare(`UPDATE clients SET ${assignments} WHERE id = 'K-1'`).run();
  const insertReminder = (level: string, date: string, pieces: string) => () =>
    db
      .prepare(
        'INSERT INTO reminders (client_id, level, date, template_name, pieces, recorded_at) ' +
          "VALUES ('K-1', ?, ?, 'Relance.docx', ?, '2026-01-01T00:00:00.000Z')",
      )
      .run(level, date, pieces);

  test.each([
    ['is_professional = 2'],
    ['unmatched_count = -1, unmatched_cents = 0'],
    ['unmatched_count = 1'],
    ['unmatched_cents = 100'],
    ["last_payment_import = '2026-01-01'"],
    ["unmatched_count = 0, unmatched_cents = 0, last_payment_import = '01/01/2026'"],
    ["last_reminder_level = 'rappel3', last_reminder_date = '2026-01-01'"],
    ["last_reminder_level = 'rappel1'"],
    ["last_reminder_date = '2026-01-01'"],
    ["last_reminder_level = 'rappel1', last_reminder_date = '1/1/2026'"],
  ])('clients rejects %s', (assignments) => {
    expect(update(assignments)).toThrow(/CHECK/);
  });

  test('clients accepts consistent values', () => {
    expect(
      update(
        'is_professional = 0, unmatched_count = 2, unmatched_cents = 1500, ' +
          "last_payment_import = '2026-01-02', last_reminder_level = 'miseEnDemeure', " +
          "last_reminder_date = '2026-01-03'",
      ),
    ).not.toThrow();
  });

  test.each([
    ['rappel3', '2026-01-01', '[]'],
    ['rappel1', '2026-1-1', '[]'],
    ['rappel1', '2026-01-01', '{}'],
    ['rappel1', '2026-01-01', 'not json'],
  ])('reminders rejects level %s, date %s, pieces %s', (level, date, pieces) => {
    expect(insertReminder(level, date, pieces)).toThrow(/CHECK/);
  });

  test('every reminder level passes both checks', () => {
    for (const level of REMINDER_LEVELS) {
      expect(insertReminder(level, '2026-01-01', '[]')).not.toThrow();
      expect(
        update(`last_reminder_level = '${level}', last_reminder_date = '2026-01-01'`),
      ).not.toThrow();
    }
  });

  test('reminders go with their client', () => {
    insertReminder('rappel1', '2026-01-01', '[]')();

    db.prepare("DELETE FROM clients WHERE id = 'K-1'").run();

    const row = db.prepare('SELECT count(*) AS count FROM reminders').get() as { count: number };
    expect(row.count).toBe(0);
  });

  test('reminder of an unknown client is rejected', () => {
    const insertOrphan = () =>
      db
        .prepare(
          'INSERT INTO reminders (client_id, level, date, template_name, pieces, recorded_at) ' +
            "VALUES ('NOBODY', 'rappel1', '2026-01-01', 'R.docx', '[]', 'x')",
        )
        .run();

    expect(insertOrphan).toThrow(/FOREIGN KEY/);
  });

  test('history query reads the index in order', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM reminders WHERE client_id = ? ' +
          'ORDER BY date DESC, id DESC',
      )
      .all('K-1') as { detail: string }[];

    const details = plan.map((row) => row.detail).join('\n');
    expect(details).toContain('reminders_by_client_date');
    expect(details).not.toContain('TEMP B-TREE');
  });
});

describe('insertion', () => {
  test('demo data fills every table', () => {
    const result = fillDemoDatabase(db, { count: 48, referenceDate: REFERENCE_DATE });

    expect(result.inserted).toBe(48);
    expect(countClients(db)).toBe(48);
    for (const table of ['invoices', 'credit_notes', 'transactions']) {
      const row = db.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number };
      expect(row.count).toBeGreaterThan(0);
    }
  });

  test('duplicate id rolls the whole batch back', () => {
    const records = [...demoRecords(3, REFERENCE_DATE)];
    const duplicate = records[0];
    if (!duplicate) {
      throw new Error('no demo record');
    }

    expect(() => insertRecords(db, [...records, duplicate])).toThrow(/UNIQUE/);
    expect(countClients(db)).toBe(0);
  });

  test('replace deletes clients and their pieces', () => {
    fillDemoDatabase(db, { count: 20, referenceDate: REFERENCE_DATE });
    fillDemoDatabase(db, { count: 5, referenceDate: REFERENCE_DATE, replace: true });

    expect(countClients(db)).toBe(5);
    const orphans = db
      .prepare(
        'SELECT count(*) AS count FROM invoices WHERE client_id NOT IN (SELECT id FROM clients)',
      )
      .get() as { count: number };
    expect(orphans.count).toBe(0);
  });

  test('back office fields round trip', () => {
    const [record] = [...demoRecords(1, REFERENCE_DATE)];
    if (!record) {
      throw new Error('no demo record');
    }
    const full = {
      ...record,
      client: { ...record.client, isProfessional: false },
      lastReminder: { level: 'rappel2' as const, date: '2026-11-20' },
      paymentStatus: { unmatchedCount: 3, unmatchedCents: 4200, lastImportDate: '2026-12-01' },
    };

    insertRecords(db, [full]);
    const read = readRecords(db, [record.client.id], {}).get(record.client.id);

    expect(read?.client.isProfessional).toBe(false);
    expect(read?.lastReminder).toEqual(full.lastReminder);
    expect(read?.paymentStatus).toEqual(full.paymentStatus);
  });

  test('payment status without import date', () => {
    const [record] = [...demoRecords(1, REFERENCE_DATE)];
    if (!record) {
      throw new Error('no demo record');
    }
    const paymentStatus = { unmatchedCount: 0, unmatchedCents: 0 };

    insertRecords(db, [{ ...record, paymentStatus }]);
    const read = readRecords(db, [record.client.id], {}).get(record.client.id);

    expect(read?.paymentStatus).toEqual({ ...paymentStatus, lastImportDate: null });
  });

  test('replace deletes reminders and idempotency keys', () => {
    fillDemoDatabase(db, { count: 48, referenceDate: REFERENCE_DATE });
    expect(countRows('reminders')).toBeGreaterThan(0);
    db.prepare('INSERT INTO reminder_requests VALUES (?, ?, ?, ?)').run(
      'key-1',
      'sha',
      1,
      '2026-12-04T00:00:00.000Z',
    );
    fillDemoDatabase(db, { count: 5, referenceDate: REFERENCE_DATE, replace: true });

    expect(countRows('reminders')).toBe(0);
    expect(countRows('reminder_requests')).toBe(0);
  });

  test('dates must be ISO dates', () => {
    const insertBadDate = () =>
      db
        .prepare(
          'INSERT INTO invoices (client_id, number, date, due_date, total_cents, paid_cents) ' +
            "VALUES ('C-000123', 'X', '29/10/2018', '2018-11-30', 1, 0)",
        )
        .run();
    fillDemoDatabase(db, { count: 1, referenceDate: REFERENCE_DATE });

    expect(insertBadDate).toThrow(/CHECK/);
  });

  test('10,000 debtors in one transaction', () => {
    const result = fillDemoDatabase(db, { count: 10_000, referenceDate: REFERENCE_DATE });

    expect(result.inserted).toBe(10_000);
    expect(countClients(db)).toBe(10_000);
    expect(result.elapsedMs).toBeGreaterThan(0);
  });
});

describe('search texts', () => {
  test.each([
    ['ÉPINAL', 'epinal'],
    ['Hélène', 'helene'],
    ['CŒUR', 'coeur'],
    ['Læticia', 'laeticia'],
    ['L’Atelier', "l'atelier"],
    ['  Garage \u00a0 Durand  ', 'garage durand'],
    ['Pièces_100 %', 'pieces_100 %'],
    ['Castaño', 'castano'],
  ])('%j becomes %j', (text, expected) => {
    expect(normaliseSearchText(text)).toBe(expected);
  });

  test.each([
    ['05 00 00 00 01', '0500000001'],
    ['05.00.00.00.01', '0500000001'],
    ['05-00-00-00-01', '0500000001'],
    ['+33 5 00\u00a000 00 01', '+33500000001'],
  ])('phone %j becomes %j', (phone, expected) => {
    expect(normalisePhone(phone)).toBe(expected);
  });

  test('postcode loses its spaces', () => {
    expect(normalisePostalCode('31 400')).toBe('31400');
    expect(normalisePostalCode('L-1234')).toBe('l-1234');
  });
});
