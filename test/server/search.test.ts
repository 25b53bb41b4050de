/**
 * GET /api/v1/debtors: every filter alone and combined, checked against a plain TypeScript
 * reference, plus paging, sorting and the summaries' reminder and payment fields.
 */
import { debtorPageSchema, MAX_PAGE_SIZE } from '../../src/api/contract';
import type { ClientRecord } from '../../src/api/record';
import { nextReminderLevel, REMINDER_LEVELS } from '../../src/merge/reminder-levels';
import { insertRecords } from '../../src/server/insert-records';
import {
  compareDebtors,
  expectedIds,
  expectedSummary,
  readProblem,
  searchAll,
  startTestServer,
  REFERENCE_DATE,
  type ExpectedQuery,
  type TestServer,
} from './helpers';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.close();
});

async function search(
  query: Record<string, string>,
): Promise<ReturnType<typeof debtorPageSchema.parse>> {
  const response = await server.api(`/api/v1/debtors?${new URLSearchParams(query).toString()}`);
  expect(response.status).toBe(200);
  return debtorPageSchema.parse(await response.json());
}

describe('search filters alone', () => {
  const cases: [string, ExpectedQuery, string[], string[]][] = [
    // [label, query, ids that must be found, ids that must not]
    ['name, accents and case ignored', { name: 'HELENE' }, ['C-000003'], ['C-000123']],
    ['name, accented query', { name: 'hélène' }, ['C-000003'], []],
    ['name in company', { name: 'dupont & fils' }, ['C-000002'], []],
    ['name in first name', { name: 'camille' }, ['C-000001'], []],
    ['name, œ spelt out', { name: 'coeur d’auto' }, ['C-000201'], []],
    ['name, apostrophe kinds', { name: "o'neil" }, ['C-000203'], []],
    ['city, accented data', { city: 'épinal' }, ['C-000201'], ['C-000123']],
    ['city, unaccented query', { city: 'EPINAL' }, ['C-000201'], []],
    ['city substring', { city: 'gaudens' }, ['C-000003'], []],
    ['postcode prefix with zero', { postalCode: '01' }, ['C-000001'], ['C-000123']],
    ['postcode not a substring', { postalCode: '1000' }, [], ['C-000001', 'C-000002']],
    ['postcode whole', { postalCode: '31400' }, ['C-000123'], []],
    ['email any case', { email: 'DUPONT-ET-FILS' }, ['C-000002'], []],
    ['phone with spaces', { phone: '05 00 00 00 01' }, ['C-000123'], ['C-000001']],
    ['phone data with dots', { phone: '0600000205' }, ['C-000205'], []],
    ['phone2 data with dashes', { phone: '04.00.00.02.06' }, ['C-000205'], []],
    ['phone substring', { phone: '00-02-0' }, ['C-000205', 'C-000200', 'C-000201'], []],
    ['kinds creditNotes', { kinds: 'creditNotes' }, ['C-000005', 'C-000203'], ['C-000001']],
    ['kinds transactions', { kinds: 'transactions' }, ['C-000007', 'C-000201'], ['C-000005']],
    ['kinds invoices', { kinds: 'invoices' }, ['C-000001'], ['C-000005', 'C-000201']],
    ['dueBefore is strict', { dueBefore: '2026-10-14', kinds: 'invoices' }, [], ['C-000001']],
    ['dueBefore day after', { dueBefore: '2026-10-15', kinds: 'invoices' }, ['C-000001'], []],
    ['invoicedFrom inclusive', { invoicedFrom: '2026-10-22' }, ['C-000003'], []],
    ['invoicedFrom day after', { invoicedFrom: '2026-10-23' }, [], ['C-000003']],
    ['invoicedTo inclusive', { invoicedTo: '2026-10-22' }, ['C-000003'], []],
    ['invoicedTo day before', { invoicedTo: '2026-10-21' }, [], ['C-000003']],
  ];

  test.each(cases)('%s', async (_label, query, found, notFound) => {
    const ids = await searchAll(server, query as Record<string, string>);

    expect(ids).toEqual(expectedIds(server.records, query));
    for (const id of found) {
      expect(ids).toContain(id);
    }
    for (const id of notFound) {
      expect(ids).not.toContain(id);
    }
  });

  test('no filter finds debtors with open pieces only', async () => {
    const ids = await searchAll(server, {});

    expect(ids).toEqual(expectedIds(server.records, {}));
    // Everything paid, or no pieces at all.
    expect(ids).not.toContain('C-000202');
    expect(ids).not.toContain('C-000008');
    expect(ids.length).toBeGreaterThan(30);
  });

  test('text filter with nothing matching', async () => {
    const page = await search({ name: 'zzz-personne' });

    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
  });
});

describe('search filters combined', () => {
  const cases: ExpectedQuery[] = [
    { name: 'garage', kinds: 'invoices' },
    { name: 'garage', city: 'toulouse' },
    { postalCode: '31', dueBefore: REFERENCE_DATE },
    { kinds: 'invoices,creditNotes', invoicedFrom: '2026-09-01', invoicedTo: '2026-10-31' },
    { kinds: 'creditNotes,transactions', dueBefore: '2026-11-20' },
    { email: 'courriel', phone: '06', kinds: 'invoices' },
    { city: 'a', postalCode: '0', invoicedFrom: '2026-06-01', dueBefore: '2026-12-01' },
    {
      name: 'e',
      city: 'e',
      postalCode: '3',
      email: 'e',
      phone: '0',
      kinds: 'invoices,transactions',
      dueBefore: '2027-01-01',
      invoicedFrom: '2026-01-01',
      invoicedTo: REFERENCE_DATE,
    },
  ];

  test.each(cases)('%j', async (query) => {
    const ids = await searchAll(server, query as Record<string, string>);

    expect(ids).toEqual(expectedIds(server.records, query));
  });

  test('a piece must pass every date filter itself', async () => {
    // C-000001: invoice dated 2026-09-14 due 2026-10-14, invoice dated 2026-10-03 due 2026-11-02.
    // Due before 2026-10-20 keeps only the first, and dated from 2026-10-01 keeps only the second.
    const ids = await searchAll(server, {
      name: 'camille roux',
      dueBefore: '2026-10-20',
      invoicedFrom: '2026-10-01',
    });

    expect(ids).toEqual([]);
  });

  test('name and kinds narrow to one debtor', async () => {
    const page = await search({ name: 'garage durand', kinds: 'transactions' });

    expect(page.items).toEqual([
      {
        id: 'C-000123',
        displayName: 'Garage Durand Martin Léa',
        city: 'TOULOUSE',
        postalCode: '31400',
        balanceCents: 155412,
        lastReminder: null,
        nextLevel: 'rappel1',
        hasUnmatchedPayments: false,
      },
    ]);
  });
});

describe('search paging and order', () => {
  test('pages add up to the whole list', async () => {
    const all = expectedIds(server.records, {});
    const pageSize = 7;
    const seen: string[] = [];

    for (let page = 1; page <= Math.ceil(all.length / pageSize); page += 1) {
      const body = await search({ page: String(page), pageSize: String(pageSize) });
      expect(body.total).toBe(all.length);
      expect(body.page).toBe(page);
      expect(body.pageSize).toBe(pageSize);
      expect(body.items.length).toBeLessThanOrEqual(pageSize);
      seen.push(...body.items.map((item) => item.id));
    }
    expect(seen).toEqual(all);
  });

  test('page past the end is empty with total', async () => {
    const total = expectedIds(server.records, {}).length;
    const body = await search({ page: '1000', pageSize: '10' });

    expect(body.items).toEqual([]);
    expect(body.total).toBe(total);
    expect(body.page).toBe(1000);
  });

  test('largest page number is empty', async () => {
    const body = await search({ page: String(Number.MAX_SAFE_INTEGER), pageSize: '500' });

    expect(body.items).toEqual([]);
    expect(body.total).toBe(expectedIds(server.records, {}).length);
  });

  test('last page holds the remainder', async () => {
    const total = expectedIds(server.records, {}).length;
    const pageSize = 10;
    const lastPage = Math.ceil(total / pageSize);
    const body = await search({ page: String(lastPage), pageSize: String(pageSize) });

    expect(body.items).toHaveLength(total - (lastPage - 1) * pageSize);
  });

  test('defaults are page 1 of 50', async () => {
    const body = await search({});

    expect(body.page).toBe(1);
    expect(body.pageSize).toBe(50);
  });

  test.each([
    ['page', '0'],
    ['page', '-1'],
    ['page', '1.5'],
    ['pageSize', '0'],
    ['pageSize', String(MAX_PAGE_SIZE + 1)],
    ['pageSize', 'abc'],
  ])('%s=%s is rejected', async (parameter, value) => {
    const response = await server.api(`/api/v1/debtors?${parameter}=${value}`);

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual([parameter]);
    expect(problem.detail).toContain(`« ${value} »`);
  });

  test('sorted by display name then id', async () => {
    const body = await search({ pageSize: String(MAX_PAGE_SIZE) });

    expect(body.items.map((item) => item.id)).toEqual(expectedIds(server.records, {}));
  });

  test('accents and case do not change the order', async () => {
    const debtor = (id: string, companyName: string): ClientRecord => ({
      client: { id, companyName, balanceCents: 100 },
      invoices: [
        {
          number: `F-${id}`,
          date: '2026-11-01',
          dueDate: '2026-12-01',
          totalCents: 100,
          paidCents: 0,
        },
      ],
      creditNotes: [],
      transactions: [],
    });
    insertRecords(server.db, [
      debtor('T-4', 'Zébulon Tri'),
      debtor('T-3', 'élan Tri'),
      debtor('T-2', 'Élan Tri'),
      debtor('T-1', 'Alpha Tri'),
      debtor('T-0', 'Ecole Tri'),
    ]);

    const body = await search({ name: ' tri' });

    expect(body.items.map((item) => item.id)).toEqual(['T-1', 'T-0', 'T-2', 'T-3', 'T-4']);
  });

  test('balance is the stored balance, whatever the filter', async () => {
    const body = await search({ name: 'Dupont', kinds: 'creditNotes' });

    expect(body.items).toHaveLength(1);
    expect(body.items[0]?.balanceCents).toBe(111040);
  });
});

describe('search on a large database', () => {
  test('max page size over 2,000 debtors', async () => {
    await server.close();
    server = await startTestServer({ count: 2000 });

    const body = await search({ pageSize: String(MAX_PAGE_SIZE) });
    const expected = expectedIds(server.records, {});

    expect(body.total).toBe(expected.length);
    expect(body.items).toHaveLength(MAX_PAGE_SIZE);
    expect(body.items.map((item) => item.id)).toEqual(expected.slice(0, MAX_PAGE_SIZE));

    const second = await search({ page: '2', pageSize: String(MAX_PAGE_SIZE), city: 'toulouse' });
    const toulouse = expectedIds(server.records, { city: 'toulouse' });
    expect(second.total).toBe(toulouse.length);
    expect(second.items.map((item) => item.id)).toEqual(toulouse.slice(500, 1000));
  });
});

describe('reminder filters', () => {
  const invoice = (id: string) => ({
    number: `F-${id}`,
    date: '2026-09-01',
    dueDate: '2026-10-01',
    totalCents: 10000,
    paidCents: 0,
  });
  const debtor = (id: string, lastReminder: ClientRecord['lastReminder']): ClientRecord => ({
    client: { id, companyName: `Relancé ${id}`, balanceCents: 10000 },
    invoices: [invoice(id)],
    creditNotes: [],
    transactions: [],
    lastReminder,
  });
  // [id, last reminder]: never reminded, then each level, around 2026-11-15.
  const debtors = [
    debtor('R-NEVER', null),
    debtor('R-BEFORE', { level: 'rappel1', date: '2026-11-14' }),
    debtor('R-ON', { level: 'rappel2', date: '2026-11-15' }),
    debtor('R-AFTER', { level: 'miseEnDemeure', date: '2026-11-16' }),
  ];

  beforeEach(() => {
    insertRecords(server.db, debtors);
  });

  test('not reminded since keeps never and before', async () => {
    const ids = await searchAll(server, { name: 'relancé', notRemindedSince: '2026-11-15' });

    expect(ids).toEqual(['R-BEFORE', 'R-NEVER']);
  });

  test('not reminded since the next day', async () => {
    const ids = await searchAll(server, { name: 'relancé', notRemindedSince: '2026-11-16' });

    expect(ids).toEqual(['R-BEFORE', 'R-NEVER', 'R-ON']);
  });

  test('not reminded since an old date', async () => {
    const ids = await searchAll(server, { name: 'relancé', notRemindedSince: '2026-01-01' });

    expect(ids).toEqual(['R-NEVER']);
  });

  test.each([
    ['rappel1', ['R-NEVER']],
    ['rappel2', ['R-BEFORE']],
    ['miseEnDemeure', ['R-AFTER', 'R-ON']],
  ])('next level %s', async (nextLevel, expected) => {
    const ids = await searchAll(server, { name: 'relancé', nextLevel });

    expect(ids).toEqual(expected);
  });

  test('next level agrees with nextReminderLevel', async () => {
    for (const level of REMINDER_LEVELS) {
      const ids = await searchAll(server, { name: 'relancé', nextLevel: level });
      const expected = debtors
        .filter((record) => nextReminderLevel(record.lastReminder?.level) === level)
        .map((record) => record.client.id)
        .sort();
      expect({ level, ids }).toEqual({ level, ids: expected });
    }
  });

  test('summaries show the last reminder and next level', async () => {
    const page = await search({ name: 'relancé', pageSize: '10' });

    expect(page.items.map((item) => [item.id, item.lastReminder, item.nextLevel])).toEqual([
      ['R-AFTER', { level: 'miseEnDemeure', date: '2026-11-16' }, 'miseEnDemeure'],
      ['R-BEFORE', { level: 'rappel1', date: '2026-11-14' }, 'rappel2'],
      ['R-NEVER', null, 'rappel1'],
      ['R-ON', { level: 'rappel2', date: '2026-11-15' }, 'miseEnDemeure'],
    ]);
  });

  const demoCases: ExpectedQuery[] = [
    { notRemindedSince: REFERENCE_DATE },
    { notRemindedSince: '2026-11-25' },
    { nextLevel: 'rappel1' },
    { nextLevel: 'rappel2' },
    { nextLevel: 'miseEnDemeure' },
    { nextLevel: 'rappel2', notRemindedSince: '2026-12-01', kinds: 'invoices' },
    { nextLevel: 'rappel1', city: 'a', dueBefore: REFERENCE_DATE },
  ];

  test.each(demoCases)('demo data %j', async (query) => {
    const all = [...server.records, ...debtors];
    const ids = await searchAll(server, query as Record<string, string>);

    expect(ids).toEqual(expectedIds(all, query));
  });

  test('demo data has debtors for every next level', () => {
    for (const level of REMINDER_LEVELS) {
      expect(expectedIds(server.records, { nextLevel: level }).length).toBeGreaterThan(0);
    }
  });

  test('pages add up under a reminder filter', async () => {
    const all = expectedIds([...server.records, ...debtors], { nextLevel: 'rappel1' });
    const seen: string[] = [];

    for (let page = 1; page <= Math.ceil(all.length / 9); page += 1) {
      const body = await search({ nextLevel: 'rappel1', page: String(page), pageSize: '9' });
      expect(body.total).toBe(all.length);
      seen.push(...body.items.map((item) => item.id));
    }
    expect(seen).toEqual(all);
  });

  test.each([
    ['nextLevel', 'rappel3'],
    ['nextLevel', 'RAPPEL1'],
    ['notRemindedSince', '2026-02-30'],
    ['notRemindedSince', '15/11/2026'],
  ])('%s=%s is rejected', async (parameter, value) => {
    const response = await server.api(`/api/v1/debtors?${parameter}=${value}`);

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual([parameter]);
    expect(problem.detail).toContain(`« ${value} »`);
  });
});

describe('search summaries', () => {
  test('every summary matches its record', async () => {
    const body = await search({ pageSize: String(MAX_PAGE_SIZE) });
    const found = new Set(expectedIds(server.records, {}));
    const expected = server.records
      .filter((record) => found.has(record.client.id))
      .sort(compareDebtors)
      .map(expectedSummary);

    expect(body.items).toEqual(expected);
  });

  test('unmatched payments are flagged', async () => {
    const body = await search({ pageSize: String(MAX_PAGE_SIZE) });
    const flagged = body.items.filter((item) => item.hasUnmatchedPayments).map((item) => item.id);

    expect(flagged).toEqual(expect.arrayContaining(['C-000200', 'C-000205']));
    expect(flagged).not.toContain('C-000204');
    expect(flagged).not.toContain('C-000123');
  });
});
