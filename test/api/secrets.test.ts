import { inspect } from 'node:util';

import { ApiError, type OpistoClient } from '../../src/api/client';
import { maskSecret } from '../../src/api/api-error';
import {
  API_KEY,
  afterDelay,
  caught,
  makeRecord,
  sendJson,
  sendProblem,
  startServer,
  testClient,
  type FakeServer,
  type Handler,
} from './fake-server';

let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every way the fake server can fail, several of which echo the key back. */
const FAULTS: Record<string, Handler> = {
  unauthorized: (_, response) => sendProblem(response, 401, 'Refusé', `clé ${API_KEY} inconnue`),
  badRequest: (request, response) =>
    sendProblem(
      response,
      400,
      `Mauvaise clé ${API_KEY}`,
      `en-têtes : ${request.headers.authorization}`,
    ),
  notFound: (_, response) => sendProblem(response, 404, 'Introuvable', `clé ${API_KEY}`),
  serverError: (_, response) => sendJson(response, 500, { error: API_KEY }),
  rateLimited: (_, response) => sendJson(response, 429, {}, { 'retry-after': '1' }),
  reset: (_, response) => response.socket?.destroy(),
  slow: (_, response) => afterDelay(response, 2_000, () => sendJson(response, 200, {})),
  truncated: (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(`{"records": [{"client": {"id": "${API_KEY}"`);
  },
  invalidField: (_, response) => {
    const record = makeRecord('A', API_KEY);
    sendJson(response, 200, { records: [record], missing: [] });
  },
  strayRecord: (_, response) => {
    sendJson(response, 200, { records: [makeRecord(API_KEY)], missing: [] });
  },
};

function expectNoKey(error: unknown): void {
  expect(error).toBeInstanceOf(ApiError);
  const texts = [
    (error as Error).message,
    (error as Error).stack ?? '',
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
  ];
  for (const text of texts) {
    expect(text).not.toContain(API_KEY);
  }
  expect((error as Error).cause).toBeUndefined();
}

async function errorsFrom(client: OpistoClient): Promise<unknown[]> {
  return [await caught(() => client.getRecord('A')), await caught(() => client.searchDebtors({}))];
}

/** Returns the error of a batch call, or its result, where an invalid record is in `invalid`. */
async function batchOutcome(client: OpistoClient): Promise<unknown> {
  return client.getRecords(['A']).catch((error: unknown) => error);
}

describe('API key in errors', () => {
  test.each(Object.keys(FAULTS))('stays out of errors after %s', async (fault) => {
    server = await startServer(FAULTS[fault]!);
    const { client } = testClient(server.baseUrl, { retries: 1, timeoutMs: 100 });

    const errors = await errorsFrom(client);
    const batch = await batchOutcome(client);

    expect(errors).toHaveLength(2);
    errors.forEach(expectNoKey);
    expect(inspect(batch, { depth: 10 })).not.toContain(API_KEY);
  });

  test('stays out of retry events', async () => {
    server = await startServer(FAULTS.serverError!);
    const events: unknown[] = [];
    const { client } = testClient(server.baseUrl, { onRetry: (event) => events.push(event) });

    await caught(() => client.health());

    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain(API_KEY);
    expect(inspect(events, { depth: 10 })).not.toContain(API_KEY);
  });

  test('stays out of an unreachable error', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const { client } = testClient(closed.baseUrl, { retries: 0 });

    expectNoKey(await caught(() => client.health()));
  });

  test('is masked where a server echoes it', async () => {
    server = await startServer(FAULTS.badRequest!);
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.searchDebtors({}))) as ApiError;

    expect(error.message).toContain('Mauvaise clé [clé masquée]');
    expect(error.problem?.detail).toBe('en-têtes : Bearer [clé masquée]');
  });
});

describe('maskSecret', () => {
  test('masks whole tokens, not letters inside words', () => {
    const error = new ApiError('unreachable', 'Serveur injoignable : vérifiez votre connexion x.');
    expect(maskSecret(error, 'x').message).toBe(
      'Serveur injoignable : vérifiez votre connexion [clé masquée].',
    );
  });

  test('masks a key with characters regular expressions use', () => {
    const error = new ApiError('bad_request', 'clé a.b+c* refusée');
    expect(maskSecret(error, 'a.b+c*').message).toBe('clé [clé masquée] refusée');
  });
});
