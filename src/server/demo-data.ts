/**
 * The demo debtors: the 12 hand-written records of assets/demo/debtors.json, six made for the
 * cases a search must handle, then as many seeded random ones as asked. All are fictitious. The
 * hand-written records contain no client kind, payment status or reminder.
 */
import { readFileSync } from 'node:fs';

import { z } from 'zod';

import { clientRecordSchema, type ClientRecord } from '../api/record';
import { createDayCalendar, generateDebtor, type PieceNumbering } from './demo-generator';
import { addBackOfficeFields } from './demo-history';
import { specialCases } from './demo-special-cases';
import { DEMO_DEBTORS_FILE } from './project-files';
import { createSeededRandom } from './seeded-random';

/** How many debtors `npm run api` puts in a new demo database. */
export const DEMO_DEBTOR_COUNT = 48;

/** The generator's default seed. Any fixed number would do. */
export const DEMO_SEED = 20261204;

/** Returns the hand-written demo records, checked against the record schema. */
export function readFixedDemoRecords(file = DEMO_DEBTORS_FILE): ClientRecord[] {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return z.array(clientRecordSchema).parse(json);
}

/**
 * Yields `count` demo records: the hand-written ones, the special cases, then random ones. Dates
 * of all but the hand-written records are relative to `referenceDate` (YYYY-MM-DD).
 */
export function* demoRecords(
  count: number,
  referenceDate: string,
  seed = DEMO_SEED,
): Generator<ClientRecord> {
  const fixed = [...readFixedDemoRecords(), ...specialCases(referenceDate)];
  yield* fixed.slice(0, count);

  const random = createSeededRandom(seed);
  // A second stream for the fields added later, so that the earlier ones stay as they were.
  const backOfficeRandom = createSeededRandom(seed + 1);
  const numbering: PieceNumbering = { next: 1 };
  const day = createDayCalendar(referenceDate);
  for (let index = 0; index < count - fixed.length; index += 1) {
    const debtor = generateDebtor(random, index, day, numbering);
    yield addBackOfficeFields(debtor, backOfficeRandom, day);
  }
}
