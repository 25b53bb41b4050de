/**
 * Opens the reference server's SQLite database with better-sqlite3 and brings its schema up to
 * date. Every query in src/server binds its values as parameters.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import BetterSqlite3, { type Database } from 'better-sqlite3';

import { applyMigrations } from './migrations';

export type { Database };

/**
 * Opens (and creates if needed) the database at `file`, in WAL mode so that readers do not wait
 * for a seeding writer, with foreign keys enforced, and applies the pending migrations.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode except for the last commits before a power loss.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Returns the number of clients in `db`. */
export function countClients(db: Database): number {
  const row = db.prepare('SELECT count(*) AS count FROM clients').get() as { count: number };
  return row.count;
}

/** Returns the names of the tables in `db`, sorted. */
export function listTables(db: Database): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((row) => row.name);
}
