/**
 * Fills a database with demo debtors, for `npm run api` on its first start and `npm run api:seed`.
 */
import { performance } from 'node:perf_hooks';

import type { Database } from 'better-sqlite3';

import { demoRecords } from './demo-data';
import { deleteAllRecords, insertRecords } from './insert-records';

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

/** Writes `count` demo debtors in one transaction: all of them or, on an error, none. */
export function fillDemoDatabase(db: Database, options: FillOptions): FillResult {
  const start = performance.now();
  const fill = db.transaction(() => {
    if (options.replace) {
      deleteAllRecords(db);
    }
    // insertRecords opens a nested transaction, which better-sqlite3 runs as a savepoint.
    return insertRecords(db, demoRecords(options.count, options.referenceDate));
  });

  const inserted = fill();
  return { inserted, elapsedMs: performance.now() - start };
}
