/**
 * The database layer without HTTP: migrations, pragmas, indexes, insertion and the search texts'
 * normal forms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { countClients, listTables, openDatabase, type Database } from '../../src/server/database';
import { demoRecords } from '../../src/server/demo-data';
import { fillDemoDatabase } from '../../src/server/demo-database';
import { insertRecords } from '../../src/server/insert-records';
import { applyMigrations, currentVersion, MIGRATIONS } from '../../src/server/migrations';
import {
  normalisePhone,
  normalisePostalCode,
  normaliseSearchText,
} from '../../src/server/search-text';
import { REFERENCE_DATE } from './helpers';

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
      'schema_migrations',
      'transactions',
    ]);
  });

  test('reopening applies nothing again', () => {
    db.close();
    db = openDatabase(file);

    expect(applyMigrations(db)).toEqual([]);
    const rows = db.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toEqual([{ version: 1 }]);
  });

  test('later migration is applied in order', () => {
    const next = { version: 2, name: 'test column', sql: 'ALTER TABLE clients ADD note TEXT' };

    expect(applyMigrations(db, [...MIGRATIONS, next])).toEqual([2]);
    expect(currentVersion(db)).toBe(2);
  });

  test('failed migration leaves no trace', () => {
    const broken = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table',
    };

    expect(() => applyMigrations(db, [...MIGRATIONS, broken])).toThrow('no_such_table');
    expect(currentVersion(db)).toBe(1);
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
