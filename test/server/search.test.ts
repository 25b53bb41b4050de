/**
 * GET /api/v1/debtors: every filter alone and combined, checked against a plain TypeScript
 * reference, plus paging and sorting.
 */
import { debtorPageSchema, MAX_PAGE_SIZE } from '../../src/api/contract';
import type { ClientRecord } from '../../src/api/record';
import { insertRecords } from '../../src/server/insert-records';
import {
  expectedIds,
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
