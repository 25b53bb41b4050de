/**
 * Fills a database with demo debtors, for `npm run api` on its first start and `npm run api:seed`.
 */
import { performance } from 'node:perf_hooks';

import type { Database } from 'better-sqlite3';

import type { ClientRecord } from '../api/record';
import { demoRecords } from './demo-data';
import { demoReminderHistory } from './demo-history';
import { deleteAllRecords, insertRecords } from './insert-records';
import { insertReminders, type StoredReminder } from './reminders';

export interface FillOptions {
  count: number;
  /** YYYY-MM-DD: generated pieces fall due on both sides of this date. */
  referenceDate: string;
  /** Deletes the debtors already there, in the same transaction as the insertions. */
  replace?: boolean;
}

export interface FillResult {
  inserted: number;
  elapsedMs: number;
}

/**
 * Writes `count` demo debtors and their reminder histories in one transaction: all of them or, on
 * an error, none.
 */
export function fillDemoDatabase(db: Database, options: FillOptions): FillResult {
  const start = performance.now();
  const fill = db.transaction(() => {
    if (options.replace) {
      deleteAllRecords(db);
    }
    const history: StoredReminder[] = [];
    const records = collectHistory(demoRecords(options.count, options.referenceDate), history);
    // insertRecords opens a nested transaction, which better-sqlite3 runs as a savepoint.
    const inserted = insertRecords(db, records);
    insertReminders(db, history);
    return inserted;
  });

  const inserted = fill();
  return { inserted, elapsedMs: performance.now() - start };
}

/** Yields `records` unchanged, adding each one's reminder history to `history` on the way. */
function* collectHistory(
  records: Iterable<ClientRecord>,
  history: StoredReminder[],
): Generator<ClientRecord> {
  for (const record of records) {
    history.push(...demoReminderHistory(record));
    yield record;
  }
}
