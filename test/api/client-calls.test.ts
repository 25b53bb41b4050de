import { ApiError } from '../../src/api/client';
import { MAX_BATCH_SIZE, type DebtorSummary } from '../../src/api/contract';
import {
  API_KEY,
  caught,
  makeRecord,
  sendJson,
  startServer,
  testClient,
  type FakeServer,
} from './fake-server';

let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `C${String(index).padStart(4, '0')}`);
}

/** Plays the batch call: returns the records of the requested ids in reverse order. */
function batchServer(missing: ReadonlySet<string> = new Set()): Promise<FakeServer> {
  return startServer((request, response) => {
    const { ids: requested } = JSON.parse(request.body) as { ids: string[] };
    const found = requested.filter((id) => !missing.has(id));
    sendJson(response, 200, {
      records: found.reverse().map((id) => makeRecord(id)),
      missing: requested.filter((id) => missing.has(id)),
    });
  });
}

function summary(index: number): DebtorSummary {
  return {
    id: `D${index}`,
    displayName: `Débiteur ${index}`,
    city: null,
    postalCode: '31000',
    balanceCents: 100 * index,
    lastReminder: index % 2 === 0 ? null : { level: 'rappel1', date: '2018-10-01' },
    nextLevel: index % 2 === 0 ? 'rappel1' : 'rappel2',
    hasUnmatchedPayments: index % 3 === 0,
  };
}

describe('health', () => {
  test('returns the version and sends the key', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { status: 'ok', version: '1.4.0' });
    });
    const { client } = testClient(server.baseUrl);

    await expect(client.health()).resolves.toEqual({ status: 'ok', version: '1.4.0' });
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.url).toBe('/api/v1/health');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  test('keeps the path prefix of the base URL', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { status: 'ok', version: '1.4.0' });
    });
    const { client } = testClient(`${server.baseUrl}/erp/`);

    await client.health();
    expect(server.requests[0]?.url).toBe('/erp/api/v1/health');
  });
});

describe('searchDebtors', () => {
  test('sends the criteria as query parameters', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { items: [summary(1)], total: 1, page: 2, pageSize: 10 });
    });
    const { client } = testClient(server.baseUrl);

    const page = await client.searchDebtors({
      name: '  Dupont ',
      dueBefore: '2018-11-01',
      kinds: 'invoices,creditNotes',
      page: 2,
      pageSize: 10,
    });

    expect(page.items).toEqual([summary(1)]);
    const url = new URL(server.requests[0]?.url ?? '', server.baseUrl);
    expect(url.pathname).toBe('/api/v1/debtors');
    expect(url.searchParams.get('name')).toBe('Dupont');
    expect(url.searchParams.get('dueBefore')).toBe('2018-11-01');
    expect(url.searchParams.get('kinds')).toBe('invoices,creditNotes');
    expect(url.searchParams.get('page')).toBe('2');
    expect(url.searchParams.get('pageSize')).toBe('10');
    expect(url.searchParams.has('city')).toBe(false);
  });

  test('rejects an invalid date without a request', async () => {
    server = await startServer((_, response) => sendJson(response, 500, {}));
    const { client } = testClient(server.baseUrl);

    const error = await caught(() => client.searchDebtors({ dueBefore: '2018-13-01' }));

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('bad_request');
    expect((error as ApiError).message).toContain('dueBefore : date invalide');
    expect((error as ApiError).message).toContain('2018-13-01');
    expect(server.requests).toHaveLength(0);
  });
});

describe('searchAllDebtors', () => {
  test('walks every page and reports each', async () => {
    const all = Array.from({ length: 7 }, (_, index) => summary(index));
    server = await startServer((request, response) => {
      const url = new URL(request.url, 'http://localhost');
      const page = Number(url.searchParams.get('page'));
      const pageSize = Number(url.searchParams.get('pageSize'));
      const items = all.slice((page - 1) * pageSize, page * pageSize);
      sendJson(response, 200, { items, total: all.length, page, pageSize });
    });
    const { client } = testClient(server.baseUrl);
    const pages: number[] = [];

    const debtors = await client.searchAllDebtors(
      { city: 'Toulouse', pageSize: 3 },
      { onPage: (page) => pages.push(page.page) },
    );

    expect(debtors).toEqual(all);
    expect(pages).toEqual([1, 2, 3]);
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((request) => request.url.includes('city=Toulouse'))).toBe(true);
  });

  test('asks for the largest pages by default', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { items: [summary(1)], total: 1, page: 1, pageSize: 500 });
    });
    const { client } = testClient(server.baseUrl);

    await expect(client.searchAllDebtors({})).resolves.toEqual([summary(1)]);
    expect(server.requests[0]?.url).toContain('pageSize=500');
  });

  test('stops at an empty page', async () => {
    server = await startServer((request, response) => {
      const empty = request.index > 0;
      const items = empty ? [] : [summary(1)];
      sendJson(response, 200, { items, total: 9, page: request.index + 1, pageSize: 1 });
    });
    const { client } = testClient(server.baseUrl);

    await expect(client.searchAllDebtors({ pageSize: 1 })).resolves.toEqual([summary(1)]);
    expect(server.requests).toHaveLength(2);
  });

  test('keeps a debtor that a page shift repeats once', async () => {
    server = await startServer((request, response) => {
      const items = request.index === 0 ? [summary(1), summary(2)] : [summary(2), summary(3)];
      sendJson(response, 200, { items, total: 4, page: request.index + 1, pageSize: 2 });
    });
    const { client } = testClient(server.baseUrl);

    const debtors = await client.searchAllDebtors({ pageSize: 2 });
    expect(debtors.map((debtor) => debtor.id)).toEqual(['D1', 'D2', 'D3']);
  });
});

describe('getRecord', () => {
  test('fetches one record with the filter', async () => {
    server = await startServer((_, response) => sendJson(response, 200, makeRecord('C/7 é')));
    const { client } = testClient(server.baseUrl);

    const record = await client.getRecord('C/7 é', { kinds: 'invoices', dueBefore: '2018-11-01' });

    expect(record.client.id).toBe('C/7 é');
    const url = new URL(server.requests[0]?.url ?? '', server.baseUrl);
    expect(url.pathname).toBe('/api/v1/debtors/C%2F7%20%C3%A9/record');
    expect(url.searchParams.get('kinds')).toBe('invoices');
    expect(url.searchParams.get('dueBefore')).toBe('2018-11-01');
  });

  test('rejects the record of another debtor', async () => {
    server = await startServer((_, response) => sendJson(response, 200, makeRecord('C2')));
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.getRecord('C1'))) as ApiError;

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('client.id : débiteur « C2 » reçu au lieu de « C1 »');
  });

  test('rejects an empty id without a request', async () => {
    server = await startServer((_, response) => sendJson(response, 200, makeRecord('C1')));
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.getRecord(''))) as ApiError;

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('id :');
    expect(server.requests).toHaveLength(0);
  });
});

describe('getRecords', () => {
  test('sends 500 ids as batches of 200, 200 and 100', async () => {
    server = await batchServer();
    const { client } = testClient(server.baseUrl);
    const requested = ids(500);
    const progress: number[] = [];

    const result = await client.getRecords(requested, undefined, {
      onProgress: ({ done, total }) => {
        expect(total).toBe(500);
        progress.push(done);
      },
    });

    const sizes = server.requests.map((request) => JSON.parse(request.body).ids.length);
    expect(sizes).toEqual([200, 200, 100]);
    expect(MAX_BATCH_SIZE).toBe(200);
    expect(server.requests.every((request) => request.method === 'POST')).toBe(true);
    expect(server.requests.every((request) => request.url === '/api/v1/debtors/records')).toBe(
      true,
    );
    expect(result.records.map((record) => record.client.id)).toEqual(requested);
    expect(result.missing).toEqual([]);
    expect(progress).toEqual([200, 400, 500]);
  });

  test('returns missing ids in request order', async () => {
    server = await batchServer(new Set(['C0004', 'C0001']));
    const { client } = testClient(server.baseUrl, { fetchBatchSize: 2 });

    const result = await client.getRecords(ids(5), { kinds: 'invoices' });

    expect(result.records.map((record) => record.client.id)).toEqual(['C0000', 'C0002', 'C0003']);
    expect(result.missing).toEqual(['C0001', 'C0004']);
    expect(server.requests).toHaveLength(3);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      ids: ['C0000', 'C0001'],
      filter: { kinds: 'invoices' },
    });
  });

  test('asks for a repeated id once', async () => {
    server = await batchServer();
    const { client } = testClient(server.baseUrl);

    const result = await client.getRecords(['A', 'B', 'A']);

    expect(JSON.parse(server.requests[0]?.body ?? '').ids).toEqual(['A', 'B']);
    expect(result.records.map((record) => record.client.id)).toEqual(['A', 'B']);
  });

  test('sends nothing for no ids', async () => {
    server = await batchServer();
    const { client } = testClient(server.baseUrl);

    await expect(client.getRecords([])).resolves.toEqual({ records: [], missing: [], invalid: [] });
    expect(server.requests).toHaveLength(0);
  });

  test('rejects a record that was not requested', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { records: [makeRecord('A'), makeRecord('Z')], missing: [] });
    });
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.getRecords(['A', 'B']))) as ApiError;

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('records[1].client.id : débiteur « Z » non demandé');
    expect(error.issues).toContain('débiteur « B » demandé mais absent de records et de missing');
  });

  test('rejects a record sent twice', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { records: [makeRecord('A'), makeRecord('A')], missing: [] });
    });
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.getRecords(['A']))) as ApiError;

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('records[1].client.id : débiteur « A » présent deux fois');
  });

  test('rejects an id that is too long without a request', async () => {
    server = await batchServer();
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.getRecords(['A', 'x'.repeat(201)]))) as ApiError;

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('ids[1] :');
    expect(server.requests).toHaveLength(0);
  });

  test('rejects a batch size above the contract', () => {
    expect(() => testClient('http://127.0.0.1:1', { fetchBatchSize: 201 })).toThrow(RangeError);
  });
});
