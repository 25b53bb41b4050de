/**
 * GET /api/v1/debtors/{id}/record and POST /api/v1/debtors/records: the open pieces that the
 * filter keeps, in due-date order, the client's kind, last reminder and payment status, and the
 * batch's order and missing ids.
 */
import { MAX_BATCH_SIZE, recordBatchSchema } from '../../src/api/contract';
import type { ClientRecord } from '../../src/api/record';
import { addDays } from '../../src/server/demo-generator';
import { insertRecords } from '../../src/server/insert-records';
import {
  checkRecord,
  piecesOf,
  postJson,
  readProblem,
  REFERENCE_DATE,
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

async function getRecord(id: string, query = ''): Promise<ClientRecord> {
  const response = await server.api(`/api/v1/debtors/${encodeURIComponent(id)}/record${query}`);
  expect(response.status).toBe(200);
  return checkRecord(await response.json());
}

function numbers(pieces: readonly { number: string }[]): string[] {
  return pieces.map((piece) => piece.number);
}

describe('record route', () => {
  test('returns the spec example', async () => {
    const record = await getRecord('C-000123');

    // The hand-written record does not say whether the client is a professional buyer.
    expect(record.client).toEqual({ ...server.records[0]?.client, isProfessional: null });
    expect(record.client.balanceCents).toBe(155412);
    expect(record.lastReminder).toBeNull();
    expect(record.paymentStatus).toBeNull();
    // Oldest due date first: 2018-11-30 before 2018-12-31.
    expect(numbers(record.invoices)).toEqual(['518100005', '518100007']);
    expect(numbers(record.creditNotes)).toEqual(['518100006']);
    expect(record.transactions).toEqual([
      {
        number: 'CDE-2018-0042',
        type: 'commande',
        date: '2018-10-15',
        dueDate: '2018-11-15',
        totalCents: 24000,
        paidCents: 8000,
      },
    ]);
  });

  test('every demo record passes the contract', async () => {
    for (const expected of server.records) {
      const record = await getRecord(expected.client.id);
      expect(record.client.id).toBe(expected.client.id);
    }
  });

  test('lists open pieces only', async () => {
    const paid = await getRecord('C-000202');
    expect(paid.invoices).toEqual([]);
    expect(paid.creditNotes).toEqual([]);

    const sixty = await getRecord('C-000200');
    expect(sixty.invoices).toHaveLength(60);
    expect(numbers(sixty.invoices)).not.toContain('F60-PAYEE-1');

    const orders = await getRecord('C-000201');
    expect(numbers(orders.transactions)).toEqual(['CDE-201-1', 'PRO-201-2']);
  });

  test('sorts by due date, then date, then number', async () => {
    const piece = (number: string, date: string, dueDate: string) => ({
      number,
      date,
      dueDate,
      totalCents: 1000,
      paidCents: 0,
    });
    insertRecords(server.db, [
      {
        client: { id: 'T-ORDER', lastName: 'Ordre' },
        invoices: [
          piece('B', '2026-01-02', '2026-02-01'),
          piece('C', '2026-01-01', '2026-02-01'),
          piece('Z', '2025-12-01', '2026-01-15'),
          piece('A', '2026-01-02', '2026-02-01'),
        ],
        creditNotes: [],
        transactions: [],
      },
    ]);

    const record = await getRecord('T-ORDER');

    expect(numbers(record.invoices)).toEqual(['Z', 'C', 'A', 'B']);
  });

  test('kinds keeps only the listed lists', async () => {
    const record = await getRecord('C-000002', '?kinds=creditNotes');

    expect(record.invoices).toEqual([]);
    expect(numbers(record.creditNotes)).toEqual(['AV26100009']);
    expect(record.transactions).toEqual([]);
    // The balance still covers every open piece.
    expect(record.client.balanceCents).toBe(111040);
  });

  test('dueBefore is strict', async () => {
    // C-000002's invoices fall due on 2026-09-20, 2026-10-30 and 2026-12-21.
    const onTheDay = await getRecord('C-000002', '?kinds=invoices&dueBefore=2026-10-30');
    expect(numbers(onTheDay.invoices)).toEqual(['526080201']);

    const dayAfter = await getRecord('C-000002', '?kinds=invoices&dueBefore=2026-10-31');
    expect(numbers(dayAfter.invoices)).toEqual(['526080201', '526090233']);
  });

  test('invoice dates are inclusive', async () => {
    // C-000006 has invoices dated 2026-09-02, 2026-09-13 and 2026-09-24 in September.
    const september = await getRecord(
      'C-000006',
      '?kinds=invoices&invoicedFrom=2026-09-02&invoicedTo=2026-09-24',
    );
    expect(numbers(september.invoices)).toEqual(['526090411', '526090412', '526090413']);

    const narrower = await getRecord('C-000006', '?invoicedFrom=2026-09-03&invoicedTo=2026-09-23');
    expect(numbers(narrower.invoices)).toEqual(['526090412']);
    expect(narrower.creditNotes).toEqual([]);
  });

  test('filters match the reference for the 60 invoices', async () => {
    const query = { dueBefore: REFERENCE_DATE, invoicedFrom: '2026-03-01' };
    const record = await getRecord('C-000200', `?${new URLSearchParams(query).toString()}`);
    const source = server.records.find((candidate) => candidate.client.id === 'C-000200');
    const expected = piecesOf(source as ClientRecord, 'invoices').filter(
      (piece) =>
        piece.totalCents !== piece.settledCents &&
        piece.dueDate < query.dueBefore &&
        piece.date >= query.invoicedFrom,
    );

    expect(record.invoices).toHaveLength(expected.length);
    expect(record.invoices.length).toBeGreaterThan(10);
    expect(record.invoices.length).toBeLessThan(60);
    for (const invoice of record.invoices) {
      expect(invoice.dueDate < query.dueBefore).toBe(true);
      expect(invoice.date >= query.invoicedFrom).toBe(true);
    }
  });

  test('unknown id is a 404 problem', async () => {
    const response = await server.api('/api/v1/debtors/C-999999/record');

    expect(response.status).toBe(404);
    const problem = await readProblem(response);
    expect(problem.status).toBe(404);
    expect(problem.title).toMatch(/^Débiteur introuvable/);
    expect(problem.detail).toContain('« C-999999 »');
  });

  test('invalid filter names the parameter', async () => {
    const response = await server.api('/api/v1/debtors/C-000123/record?invoicedTo=2026-02-30');

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors).toEqual([
      { parameter: 'invoicedTo', message: 'date invalide, format attendu AAAA-MM-JJ' },
    ]);
    expect(problem.detail).toBe(
      'invoicedTo : date invalide, format attendu AAAA-MM-JJ « 2026-02-30 »',
    );
  });

  test('discount with a decimal round-trips', async () => {
    insertRecords(server.db, [
      {
        client: { id: 'T-DISCOUNT', lastName: 'Remise', discountPercent: 2.5 },
        invoices: [],
        creditNotes: [],
        transactions: [],
      },
    ]);

    const record = await getRecord('T-DISCOUNT');

    expect(record.client.discountPercent).toBe(2.5);
    expect(record.client.firstName).toBeNull();
  });
});

describe('record back office fields', () => {
  function expected(id: string): ClientRecord {
    const record = server.records.find((candidate) => candidate.client.id === id);
    if (!record) {
      throw new Error(`no demo record ${id}`);
    }
    return record;
  }

  test.each([
    ['C-000200', true],
    ['C-000203', false],
    ['C-000205', null],
  ])('%s is professional: %s', async (id, isProfessional) => {
    const record = await getRecord(id);

    expect(record.client.isProfessional).toBe(isProfessional);
  });

  test('last reminder and unmatched payments', async () => {
    const record = await getRecord('C-000200');

    expect(record.lastReminder).toEqual({
      level: 'miseEnDemeure',
      date: addDays(REFERENCE_DATE, -10),
    });
    expect(record.paymentStatus).toEqual({
      unmatchedCount: 1,
      unmatchedCents: 25000,
      lastImportDate: addDays(REFERENCE_DATE, -1),
    });
  });

  test('nothing unmatched since the last import', async () => {
    const record = await getRecord('C-000204');

    expect(record.paymentStatus).toEqual({
      unmatchedCount: 0,
      unmatchedCents: 0,
      lastImportDate: addDays(REFERENCE_DATE, -1),
    });
  });

  test('payment status null when nothing is known', async () => {
    const record = await getRecord('C-000202');

    expect(record.paymentStatus).toBeNull();
  });

  test('every demo record has its back office fields', async () => {
    for (const source of server.records) {
      const record = await getRecord(source.client.id);
      expect(record.client.isProfessional).toBe(source.client.isProfessional ?? null);
      expect(record.lastReminder).toEqual(source.lastReminder ?? null);
      expect(record.paymentStatus).toEqual(source.paymentStatus ?? null);
    }
  });

  test('filters do not change the back office fields', async () => {
    const record = await getRecord('C-000200', '?kinds=creditNotes');

    expect(record.invoices).toEqual([]);
    expect(record.lastReminder).toEqual(expected('C-000200').lastReminder);
    expect(record.paymentStatus).toEqual(expected('C-000200').paymentStatus);
  });
});

describe('batch route', () => {
  async function postBatch(body: unknown): Promise<Response> {
    return postJson(server, '/api/v1/debtors/records', body);
  }

  test('records in request order, missing listed', async () => {
    const response = await postBatch({ ids: ['C-000005', 'nobody', 'C-000123', 'C-000001'] });

    expect(response.status).toBe(200);
    const batch = recordBatchSchema.parse(await response.json());
    expect(batch.records.map((record) => record.client.id)).toEqual([
      'C-000005',
      'C-000123',
      'C-000001',
    ]);
    expect(batch.missing).toEqual(['nobody']);
    for (const record of batch.records) {
      checkRecord(record);
    }
  });

  test('same records as the record route', async () => {
    const ids = server.records.map((record) => record.client.id).reverse();
    const filter = { kinds: 'invoices,creditNotes', dueBefore: REFERENCE_DATE };
    const response = await postBatch({ ids, filter });
    const batch = recordBatchSchema.parse(await response.json());

    expect(batch.missing).toEqual([]);
    expect(batch.records.map((record) => record.client.id)).toEqual(ids);
    for (const record of batch.records) {
      const single = await getRecord(
        record.client.id,
        `?${new URLSearchParams(filter).toString()}`,
      );
      expect(record).toEqual(single);
      expect(record.transactions).toEqual([]);
    }
  });

  test('repeated id gives one record', async () => {
    const response = await postBatch({ ids: ['C-000001', 'C-000002', 'C-000001', 'x', 'x'] });
    const batch = recordBatchSchema.parse(await response.json());

    expect(batch.records.map((record) => record.client.id)).toEqual(['C-000001', 'C-000002']);
    expect(batch.missing).toEqual(['x']);
  });

  test(`${MAX_BATCH_SIZE} ids are accepted`, async () => {
    const ids = Array.from({ length: MAX_BATCH_SIZE }, (_, index) => `C-${100000 + index}`);
    ids[0] = 'C-000123';
    const response = await postBatch({ ids });

    expect(response.status).toBe(200);
    const batch = recordBatchSchema.parse(await response.json());
    expect(batch.records.length + batch.missing.length).toBe(MAX_BATCH_SIZE);
    expect(batch.records[0]?.client.id).toBe('C-000123');
  });

  test(`${MAX_BATCH_SIZE + 1} ids are rejected`, async () => {
    const ids = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, index) => `C-${index}`);
    const response = await postBatch({ ids });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual(['ids']);
    expect(problem.detail).toContain(`${MAX_BATCH_SIZE} identifiants au plus`);
  });

  test.each([
    [{ ids: [] }, 'ids'],
    [{ ids: [42] }, 'ids[0]'],
    [{ ids: ['C-000001'], filter: { dueBefore: '01/11/2026' } }, 'filter.dueBefore'],
    [{ ids: ['C-000001'], filter: { kinds: 'invoices,orders' } }, 'filter.kinds'],
    [{ ids: ['C-000001'], filter: { due: '2026-11-01' } }, 'filter.due'],
    [{ ids: ['C-000001'], extra: true }, 'extra'],
    [{ id: 'C-000001' }, 'ids'],
    [[], '(racine)'],
  ])('invalid body %j names %s', async (body, parameter) => {
    const response = await postBatch(body);

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toContain(parameter);
    expect(problem.detail).toContain(parameter);
  });

  test('unreadable JSON is a 400 problem', async () => {
    const response = await server.api('/api/v1/debtors/records', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ids": [',
    });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.detail).toContain('JSON');
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded'])(
    '%s body is a 415 problem',
    async (mediaType) => {
      const response = await server.api('/api/v1/debtors/records', {
        method: 'POST',
        headers: { 'content-type': mediaType },
        body: 'ids=C-000001',
      });

      expect(response.status).toBe(415);
      const problem = await readProblem(response);
      expect(problem.detail).toContain('application/json');
    },
  );
});
