/**
 * SQL injection and wildcard characters in every text filter, in a record id, in batch ids and
 * in reminders: each is plain text, the results are those of a literal match, and the tables
 * survive.
 */
import { countClients, listTables } from '../../src/server/database';
import {
  expectedIds,
  postJson,
  readProblem,
  searchAll,
  startTestServer,
  type TestServer,
} from './helpers';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.close();
});

const ATTACKS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '%',
  '_',
  '%%',
  '\\',
  '"; DROP TABLE clients; --',
  "'); DELETE FROM invoices; --",
  '1; SELECT * FROM sqlite_schema',
  '\u0000',
];

const FILTERS = ['name', 'city', 'postalCode', 'email', 'phone'] as const;

const TABLES = [
  'clients',
  'credit_notes',
  'invoices',
  'reminder_requests',
  'reminders',
  'schema_migrations',
  'transactions',
];

describe('text filters', () => {
  const cases = FILTERS.flatMap((filter) => ATTACKS.map((attack) => [filter, attack] as const));

  test.each(cases)('%s = %j is literal', async (filter, attack) => {
    const before = countClients(server.db);

    const ids = await searchAll(server, { [filter]: attack });

    expect(ids).toEqual(expectedIds(server.records, { [filter]: attack }));
    expect(listTables(server.db)).toEqual(TABLES);
    expect(countClients(server.db)).toBe(before);
  });

  test('percent sign matches only itself', async () => {
    expect(await searchAll(server, { name: '%' })).toEqual(['C-000204']);
    expect(await searchAll(server, { email: '_100%' })).toEqual(['C-000204']);
  });

  test('underscore matches only itself', async () => {
    expect(await searchAll(server, { name: 'pièces_occasion' })).toEqual(['C-000204']);
    expect(await searchAll(server, { name: 'pieces occasion' })).toEqual([]);
  });

  test('injection finds nothing', async () => {
    expect(await searchAll(server, { name: "' OR 1=1 --" })).toEqual([]);
    expect(await searchAll(server, { city: '"; DROP TABLE clients; --' })).toEqual([]);
  });
});

describe('ids', () => {
  test.each(ATTACKS.filter((attack) => attack !== '\u0000'))(
    'record id %j is unknown',
    async (attack) => {
      const response = await server.api(`/api/v1/debtors/${encodeURIComponent(attack)}/record`);

      expect(response.status).toBe(404);
      const problem = await readProblem(response);
      expect(problem.detail).toContain(attack);
      expect(listTables(server.db)).toEqual(TABLES);
    },
  );

  test('batch ids are plain values', async () => {
    const response = await postJson(server, '/api/v1/debtors/records', {
      ids: [...ATTACKS, 'C-000001'],
    });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { records: unknown[]; missing: string[] };
    expect(body.records).toHaveLength(1);
    expect(body.missing).toEqual(ATTACKS);
    expect(listTables(server.db)).toEqual(TABLES);
  });

  test('reminder ids are plain values', async () => {
    const reminders = ATTACKS.map((clientId) => ({
      clientId,
      level: 'rappel1',
      date: '2026-12-01',
      templateName: "Relance'); DROP TABLE reminders; --.docx",
      pieces: [{ kind: 'invoices', number: "1' OR 1=1 --" }],
    }));

    const response = await postJson(server, '/api/v1/reminders', { reminders });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors).toHaveLength(ATTACKS.length);
    expect(listTables(server.db)).toEqual(TABLES);
  });

  test('reminder texts are stored as they are', async () => {
    const templateName = "Relance'); DROP TABLE reminders; --.docx";
    const pieces = [{ kind: 'invoices', number: "1' OR 1=1 --" }];
    const reminder = { clientId: 'C-000001', level: 'rappel1', date: '2026-12-01', templateName };

    const posted = await postJson(server, '/api/v1/reminders', {
      reminders: [{ ...reminder, pieces }],
    });
    const response = await server.api('/api/v1/debtors/C-000001/reminders');

    expect(posted.status).toBe(200);
    const body = (await response.json()) as { items: unknown[] };
    expect(body.items).toEqual([expect.objectContaining({ ...reminder, pieces })]);
    expect(listTables(server.db)).toEqual(TABLES);
  });

  test.each(ATTACKS.filter((attack) => attack !== '\u0000'))(
    'history id %j is unknown',
    async (attack) => {
      const response = await server.api(`/api/v1/debtors/${encodeURIComponent(attack)}/reminders`);

      expect(response.status).toBe(404);
      expect(listTables(server.db)).toEqual(TABLES);
    },
  );

  test('batch filter values are checked', async () => {
    const response = await postJson(server, '/api/v1/debtors/records', {
      ids: ['C-000001'],
      filter: { dueBefore: "2026-01-01' OR 1=1 --" },
    });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual(['filter.dueBefore']);
  });
});
