/**
 * The database schema as an ordered list of migrations. A database records the versions applied
 * to it in `schema_migrations`, and opening it applies the missing ones, each in a transaction.
 * Never edit a released migration: append a new one.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** An ISO calendar date, as every date column stores it, so that text order is date order. */
const ISO_DATE_CHECK = (column: string): string =>
  `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;

/** Columns and indexes of one piece table. `settled` is `paid_cents` or `used_cents`. */
function pieceTableSql(table: string, settled: string, extraColumns = ''): string {
  return `
    CREATE TABLE ${table} (
      id INTEGER PRIMARY KEY,
      client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
      number TEXT NOT NULL,${extraColumns}
      date TEXT NOT NULL ${ISO_DATE_CHECK('date')},
      due_date TEXT NOT NULL ${ISO_DATE_CHECK('due_date')},
      total_cents INTEGER NOT NULL,
      ${settled} INTEGER NOT NULL
    ) STRICT;
    -- Serves the foreign key, a record's pieces in due-date order and the search's per-client
    -- look-up with a due-date range.
    CREATE INDEX ${table}_by_client_due ON ${table} (client_id, due_date, date, number);
    CREATE INDEX ${table}_by_due_date ON ${table} (due_date);
    CREATE INDEX ${table}_by_date ON ${table} (date);
  `;
}

const CREATE_CLIENTS = `
  CREATE TABLE clients (
    id TEXT PRIMARY KEY NOT NULL,
    first_name TEXT,
    last_name TEXT,
    company_name TEXT,
    address1 TEXT,
    address2 TEXT,
    postal_code TEXT,
    city TEXT,
    email TEXT,
    phone TEXT,
    phone2 TEXT,
    vat_number TEXT,
    siret TEXT,
    -- Hundredths of a percent, so that 2.5 % is stored exactly as 250.
    discount_basis_points INTEGER,
    credit_limit_cents INTEGER,
    balance_cents INTEGER,
    display_name TEXT NOT NULL,
    -- Normal forms of search-text.ts, written with the row: SQLite cannot strip accents.
    search_name TEXT NOT NULL,
    search_city TEXT,
    search_postal_code TEXT,
    search_email TEXT,
    search_phone TEXT,
    search_phone2 TEXT
  ) STRICT;
  -- Searches sort by the normalised display name, then by id: this index gives that order.
  CREATE INDEX clients_by_search_name ON clients (search_name, id);
  CREATE INDEX clients_by_search_city ON clients (search_city);
  CREATE INDEX clients_by_search_postal_code ON clients (search_postal_code);
  CREATE INDEX clients_by_search_email ON clients (search_email);
  CREATE INDEX clients_by_search_phone ON clients (search_phone);
  CREATE INDEX clients_by_search_phone2 ON clients (search_phone2);
`;

/**
 * The reminder levels of reminder-levels.ts, written out rather than imported because a released
 * migration must never change: a new level needs a new migration.
 */
const LEVELS_SQL = "'rappel1', 'rappel2', 'miseEnDemeure'";

/**
 * Client columns that the back office fills beyond the address, and the reminders sent. The last
 * reminder is copied into `clients` when it is recorded, so that the search filters 10,000
 * debtors without reading their history.
 */
const REMINDER_HISTORY = `
  -- NULL when the back office cannot tell a professional buyer (1) from a consumer (0).
  ALTER TABLE clients ADD COLUMN is_professional INTEGER CHECK (is_professional IN (0, 1));
  -- Payments and credit notes not yet matched to invoices. Both are NULL when the back office
  -- reports nothing, and then so is the date of its last payment import.
  ALTER TABLE clients ADD COLUMN unmatched_count INTEGER CHECK (unmatched_count >= 0);
  ALTER TABLE clients ADD COLUMN unmatched_cents INTEGER
    CHECK ((unmatched_cents IS NULL) = (unmatched_count IS NULL));
  ALTER TABLE clients ADD COLUMN last_payment_import TEXT
    ${ISO_DATE_CHECK('last_payment_import')}
    CHECK (last_payment_import IS NULL OR unmatched_count IS NOT NULL);
  ALTER TABLE clients ADD COLUMN last_reminder_level TEXT
    CHECK (last_reminder_level IN (${LEVELS_SQL}));
  ALTER TABLE clients ADD COLUMN last_reminder_date TEXT
    ${ISO_DATE_CHECK('last_reminder_date')}
    CHECK ((last_reminder_date IS NULL) = (last_reminder_level IS NULL));

  CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    level TEXT NOT NULL CHECK (level IN (${LEVELS_SQL})),
    date TEXT NOT NULL ${ISO_DATE_CHECK('date')},
    template_name TEXT NOT NULL,
    -- The pieces the letter listed, as a JSON array of { kind, number }.
    pieces TEXT NOT NULL CHECK (json_valid(pieces) AND json_type(pieces) = 'array'),
    -- ISO 8601 timestamp in UTC.
    recorded_at TEXT NOT NULL
  ) STRICT;
  -- Serves the foreign key and a client's history, newest first. An index entry ends with the
  -- rowid, and rowids grow with insertion, so (date, id) is the order of the history.
  CREATE INDEX reminders_by_client_date ON reminders (client_id, date);

  -- Idempotency keys of POST /reminders, so that a retried request records nothing twice. Rows
  -- are kept: one per batch of letters is small next to the reminders themselves.
  CREATE TABLE reminder_requests (
    idempotency_key TEXT PRIMARY KEY NOT NULL,
    -- SHA-256 of the request body as parsed, to reject a key sent again with another body.
    body_sha256 TEXT NOT NULL,
    recorded INTEGER NOT NULL,
    received_at TEXT NOT NULL
  ) STRICT;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'clients and their invoices, credit notes and transactions',
    sql: [
      CREATE_CLIENTS,
      pieceTableSql('invoices', 'paid_cents'),
      pieceTableSql('credit_notes', 'used_cents'),
      pieceTableSql('transactions', 'paid_cents', '\n      type TEXT NOT NULL,'),
    ].join('\n'),
  },
  {
    version: 2,
    name: 'client kind, unmatched payments and reminder history',
    sql: REMINDER_HISTORY,
  },
];

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT
`;

/**
 * Applies the migrations that `db` lacks, in version order, each with its `schema_migrations` row
 * in one transaction. Throws when the database has a version this program does not know, because
 * an older program would misread a newer schema.
 */
export function applyMigrations(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  db.exec(CREATE_MIGRATIONS_TABLE);
  const current = currentVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `database schema version ${current} is newer than this program's ${latest}; ` +
        'use a newer program or another database file',
    );
  }

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const pending = migrations.filter((migration) => migration.version > current);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return pending.map((migration) => migration.version);
}

/** Returns the highest version applied to `db`, 0 for a new database. */
export function currentVersion(db: Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}
