/**
 * The demo debtors: deterministic, valid, and covering the cases that the search and the letters
 * must handle (no first name, 60 invoices, credit notes only, postcodes starting with 0, each
 * reminder level, unmatched payments…).
 */
import { readFileSync } from 'node:fs';

import { clientRecordSchema, type ClientRecord } from '../../src/api/record';
import { fullName } from '../../src/merge/values';
import { DEMO_DEBTOR_COUNT, demoRecords } from '../../src/server/demo-data';
import { REMINDER_LEVELS } from '../../src/merge/reminder-levels';
import { addDays, balanceOf } from '../../src/server/demo-generator';
import { demoReminderHistory } from '../../src/server/demo-history';
import { DEMO_DEBTORS_FILE } from '../../src/server/project-files';
import { createSeededRandom } from '../../src/server/seeded-random';
import { REFERENCE_DATE } from './helpers';

const records = [...demoRecords(DEMO_DEBTOR_COUNT, REFERENCE_DATE)];

function find(predicate: (record: ClientRecord) => boolean): ClientRecord[] {
  return records.filter(predicate);
}

describe('demo records', () => {
  test('at least 40, with unique ids', () => {
    const ids = records.map((record) => record.client.id);

    expect(records.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every record passes the contract', () => {
    for (const record of records) {
      expect(clientRecordSchema.safeParse(record).success).toBe(true);
    }
  });

  test('hand-written records come first, unchanged', () => {
    const fixed = JSON.parse(readFileSync(DEMO_DEBTORS_FILE, 'utf8')) as ClientRecord[];

    expect(fixed).toHaveLength(12);
    expect(records.slice(0, 12)).toEqual(fixed);
  });

  test('same reference date, same records', () => {
    expect([...demoRecords(200, REFERENCE_DATE)]).toEqual([...demoRecords(200, REFERENCE_DATE)]);
  });

  test('other seed, other random records', () => {
    const other = [...demoRecords(DEMO_DEBTOR_COUNT, REFERENCE_DATE, 7)];

    expect(other.slice(0, 18)).toEqual(records.slice(0, 18));
    expect(other.slice(18)).not.toEqual(records.slice(18));
  });

  test('dates move with the reference date', () => {
    const later = [...demoRecords(DEMO_DEBTOR_COUNT, addDays(REFERENCE_DATE, 10))];
    const sixty = later.find((record) => record.client.id === 'C-000200');

    expect(sixty?.invoices[0]?.date).toBe(addDays(REFERENCE_DATE, 10));
  });

  test('generated balances add up the open pieces', () => {
    for (const record of records.slice(12)) {
      expect(record.client.balanceCents).toBe(balanceOf(record.invoices, record.creditNotes));
    }
  });
});

const isOpen = (piece: { totalCents: number; paidCents?: number; usedCents?: number }) =>
  piece.totalCents !== (piece.paidCents ?? piece.usedCents);

describe('demo cases', () => {
  test.each<[string, (record: ClientRecord) => boolean]>([
    ['no company name', (r) => !r.client.companyName],
    ['no first name', (r) => !r.client.firstName],
    ['address line 2', (r) => Boolean(r.client.address2)],
    ['long name', (r) => fullName(r.client).length > 100],
    ['ampersand in name', (r) => fullName(r.client).includes('&')],
    ['quotes in name', (r) => /["«']/.test(fullName(r.client))],
    [
      'credit notes only',
      (r) => r.creditNotes.length > 0 && r.invoices.length + r.transactions.length === 0,
    ],
    ['60 open invoices', (r) => r.invoices.filter(isOpen).length === 60],
    [
      'partial payment',
      (r) => r.invoices.some((i) => i.paidCents > 0 && i.paidCents < i.totalCents),
    ],
    ['order', (r) => r.transactions.some((t) => t.type === 'commande')],
    ['proforma', (r) => r.transactions.some((t) => t.type === 'proforma')],
    ['overdue piece', (r) => r.invoices.some((i) => i.dueDate < REFERENCE_DATE)],
    ['piece not yet due', (r) => r.invoices.some((i) => i.dueDate > REFERENCE_DATE)],
    ['postcode with leading zero', (r) => r.client.postalCode?.startsWith('0') ?? false],
    ['phone with dots', (r) => r.client.phone?.includes('.') ?? false],
    ['nothing left to pay', (r) => r.invoices.length > 0 && !r.invoices.some(isOpen)],
    ['professional buyer', (r) => r.client.isProfessional === true],
    ['consumer', (r) => r.client.isProfessional === false],
    ['unknown kind', (r) => r.client.isProfessional === null],
    ['unmatched payments', (r) => (r.paymentStatus?.unmatchedCount ?? 0) > 0],
    ['nothing unmatched', (r) => r.paymentStatus?.unmatchedCount === 0],
    ['no payment status', (r) => r.paymentStatus === null],
    ['never reminded', (r) => !r.lastReminder],
    ['last reminder rappel1', (r) => r.lastReminder?.level === 'rappel1'],
    ['last reminder rappel2', (r) => r.lastReminder?.level === 'rappel2'],
    ['last reminder miseEnDemeure', (r) => r.lastReminder?.level === 'miseEnDemeure'],
  ])('%s', (_label, predicate) => {
    expect(find(predicate).length).toBeGreaterThan(0);
  });

  test('generated pieces on both sides of the reference date', () => {
    const generated = records.slice(18).flatMap((record) => record.invoices);

    expect(generated.some((invoice) => invoice.dueDate < REFERENCE_DATE)).toBe(true);
    expect(generated.some((invoice) => invoice.dueDate >= REFERENCE_DATE)).toBe(true);
  });
});

describe('demo back office fields', () => {
  const large = [...demoRecords(2000, REFERENCE_DATE)];
  const generated = large.slice(18);

  test('companies are professionals, people consumers', () => {
    for (const { client } of generated) {
      if (client.isProfessional !== null) {
        expect(client.isProfessional).toBe(Boolean(client.companyName));
      }
    }
  });

  test('a few generated debtors are of unknown kind', () => {
    const unknown = generated.filter((record) => record.client.isProfessional === null);

    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.length).toBeLessThan(generated.length / 10);
  });

  test('unmatched amounts go with a count', () => {
    for (const { paymentStatus } of generated) {
      if (paymentStatus) {
        expect(paymentStatus.unmatchedCount > 0).toBe(paymentStatus.unmatchedCents > 0);
      }
    }
  });

  test('history climbs to the last reminder', () => {
    const reminded = large.filter((record) => record.lastReminder);
    expect(reminded.length).toBeGreaterThan(100);

    for (const record of reminded) {
      const history = demoReminderHistory(record);
      const last = history.at(-1);
      expect(last?.level).toBe(record.lastReminder?.level);
      expect(last?.date).toBe(record.lastReminder?.date);
      expect(history.map((reminder) => reminder.level)).toEqual(
        REMINDER_LEVELS.slice(0, history.length),
      );
      history.slice(1).forEach((reminder, index) => {
        expect(reminder.date).toBe(addDays(history[index]?.date ?? '', 15));
      });
    }
  });

  test('every letter of a history lists overdue open invoices', () => {
    for (const record of large.filter((candidate) => candidate.lastReminder)) {
      for (const reminder of demoReminderHistory(record)) {
        expect(reminder.pieces.length).toBeGreaterThan(0);
        for (const piece of reminder.pieces) {
          const invoice = record.invoices.find((candidate) => candidate.number === piece.number);
          expect(invoice).toBeDefined();
          if (invoice) {
            expect(invoice.dueDate < reminder.date).toBe(true);
            expect(isOpen(invoice)).toBe(true);
          }
        }
      }
    }
  });

  test('last reminders fall before the reference date', () => {
    for (const { lastReminder } of large) {
      if (lastReminder) {
        expect(lastReminder.date < REFERENCE_DATE).toBe(true);
      }
    }
  });

  test('record without last reminder has no history', () => {
    const never = large.filter((record) => !record.lastReminder);

    expect(never.length).toBeGreaterThan(0);
    expect(never.flatMap(demoReminderHistory)).toEqual([]);
  });
});

describe('seeded random', () => {
  test('same seed, same numbers', () => {
    const first = createSeededRandom(42);
    const second = createSeededRandom(42);

    for (let i = 0; i < 100; i += 1) {
      expect(first.next()).toBe(second.next());
    }
  });

  test('integers stay within bounds and reach both', () => {
    const random = createSeededRandom(1);
    const seen = new Set<number>();

    for (let i = 0; i < 1000; i += 1) {
      const value = random.integer(3, 6);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(6);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  test('zero seed still varies', () => {
    const random = createSeededRandom(0);

    expect(random.next()).not.toBe(random.next());
  });
});

describe('addDays', () => {
  test.each([
    ['2026-12-04', 0, '2026-12-04'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-03-29', 1, '2026-03-30'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
