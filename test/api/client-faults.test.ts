import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ApiError, type RetryEvent } from '../../src/api/client';
import {
  afterDelay,
  caught,
  closeServer,
  makeRecord,
  sendJson,
  sendProblem,
  startServer,
  testClient,
  type FakeServer,
} from './fake-server';

const HEALTH = { status: 'ok', version: '1.4.0' };

let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failureOf(action: () => Promise<unknown>): Promise<ApiError> {
  const error = await caught(action);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('timeouts', () => {
  test('retries a slow response and succeeds', async () => {
    server = await startServer((request, response) => {
      const delay = request.index === 0 ? 1_000 : 0;
      afterDelay(response, delay, () => sendJson(response, 200, HEALTH));
    });
    const { client, clock } = testClient(server.baseUrl, { timeoutMs: 150 });

    await expect(client.health()).resolves.toEqual(HEALTH);
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  test('gives a French timeout error when always slow', async () => {
    server = await startServer((_, response) => {
      afterDelay(response, 5_000, () => sendJson(response, 200, HEALTH));
    });
    const { client } = testClient(server.baseUrl, { timeoutMs: 100, retries: 2 });
    const started = Date.now();

    const error = await failureOf(() => client.health());

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      'Le serveur Opisto a mis trop de temps à répondre (plus de 100 ms) : ' +
        'réessayez dans quelques instants.',
    );
    expect(error.details).toEqual({ method: 'GET', path: '/api/v1/health', attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  test('bounds a body that trickles in', async () => {
    server = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(timer));
    });
    const { client } = testClient(server.baseUrl, { timeoutMs: 150, retries: 0 });

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('timeout');
  });
});

describe('retries', () => {
  test('retries a 500 and succeeds', async () => {
    server = await startServer((request, response) => {
      if (request.index === 0) {
        sendProblem(response, 500, 'Erreur interne', 'base de données indisponible');
      } else {
        sendJson(response, 200, HEALTH);
      }
    });
    const events: RetryEvent[] = [];
    const { client, clock } = testClient(server.baseUrl, {
      onRetry: (event) => events.push(event),
    });

    await expect(client.health()).resolves.toEqual(HEALTH);
    expect(server.requests).toHaveLength(2);
    // random() returns 0.5, so the first delay is half of the 300 ms base.
    expect(clock.sleeps).toEqual([150]);
    expect(events).toHaveLength(1);
    expect(events[0]?.error.code).toBe('server_error');
    expect(events[0]?.retry).toBe(1);
  });

  test('doubles the backoff up to the maximum', async () => {
    server = await startServer((_, response) => sendJson(response, 503, {}));
    const { client, clock } = testClient(server.baseUrl, {
      retries: 4,
      random: () => 0.999,
      retryBaseDelayMs: 1_000,
      retryMaxDelayMs: 3_000,
    });

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('server_error');
    expect(error.message).toContain('HTTP 503');
    expect(error.details.attempts).toBe(5);
    expect(clock.sleeps).toEqual([999, 1_998, 2_997, 2_997]);
  });

  test('honours Retry-After in seconds after a 429', async () => {
    server = await startServer((request, response) => {
      if (request.index === 0) {
        sendJson(response, 429, {}, { 'retry-after': '2' });
      } else {
        sendJson(response, 200, HEALTH);
      }
    });
    const { client, clock } = testClient(server.baseUrl);

    await expect(client.health()).resolves.toEqual(HEALTH);
    expect(clock.sleeps).toEqual([2_000]);
  });

  test('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2018-11-05T10:00:00Z');
    server = await startServer((request, response) => {
      if (request.index === 0) {
        sendJson(response, 429, {}, { 'retry-after': 'Mon, 05 Nov 2018 10:00:07 GMT' });
      } else {
        sendJson(response, 200, HEALTH);
      }
    });
    const { client, clock } = testClient(server.baseUrl, { now: () => now });

    await expect(client.health()).resolves.toEqual(HEALTH);
    expect(clock.sleeps).toEqual([7_000]);
  });

  test('stops when Retry-After exceeds the cap', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 429, {}, { 'retry-after': '120' });
    });
    const { client, clock } = testClient(server.baseUrl, { maxRetryAfterMs: 10_000 });

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('rate_limited');
    expect(error.message).toBe(
      'Le serveur Opisto reçoit trop de requêtes : attendez 120 s puis réessayez.',
    );
    expect(error.retryAfterMs).toBe(120_000);
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  test('retries a batch POST after a 502', async () => {
    server = await startServer((request, response) => {
      if (request.index === 0) {
        sendJson(response, 502, {});
      } else {
        sendJson(response, 200, { records: [makeRecord('A')], missing: [] });
      }
    });
    const { client } = testClient(server.baseUrl);

    const result = await client.getRecords(['A']);

    expect(result.records).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  test('retries a connection reset and succeeds', async () => {
    server = await startServer((request, response) => {
      if (request.index === 0) {
        response.socket?.destroy();
      } else {
        sendJson(response, 200, HEALTH);
      }
    });
    const { client } = testClient(server.baseUrl);

    await expect(client.health()).resolves.toEqual(HEALTH);
    expect(server.requests).toHaveLength(2);
  });

  test('reports a body cut off midway as unreachable', async () => {
    server = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"status":');
      afterDelay(response, 10, () => response.socket?.destroy());
    });
    const { client } = testClient(server.baseUrl, { retries: 1 });

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('unreachable');
    expect(server.requests).toHaveLength(2);
  });

  test('says the server is unreachable after the retries', async () => {
    server = await startServer((_, response) => response.socket?.destroy());
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(
      `Serveur Opisto injoignable à l’adresse ${server.baseUrl} : ` +
        'vérifiez l’adresse et votre connexion.',
    );
    expect(error.details.networkCode).toBe('ECONNRESET');
    expect(error.details.attempts).toBe(4);
    expect(server.requests).toHaveLength(4);
  });

  test('says a closed port is unreachable', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const { client } = testClient(closed.baseUrl, { retries: 1 });

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('unreachable');
    expect(error.details.networkCode).toBe('ECONNREFUSED');
    expect(error.details.attempts).toBe(2);
  });
});

describe('client errors', () => {
  test('says the key was rejected after a 401, once', async () => {
    server = await startServer((_, response) => {
      sendProblem(response, 401, 'Clé absente', 'en-tête Authorization manquant');
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.searchDebtors({}));

    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe('Clé API refusée : vérifiez la clé dans les paramètres.');
    expect(error.details.status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  test('reports a 403 as unauthorized', async () => {
    server = await startServer((_, response) => sendJson(response, 403, {}));
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.searchDebtors({}));

    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('Accès refusé');
    expect(server.requests).toHaveLength(1);
  });

  test('shows the title and detail of a 400 problem', async () => {
    server = await startServer((_, response) => {
      sendProblem(
        response,
        400,
        'Critères de recherche invalides : corrigez-les.',
        'pageSize : trop grand',
      );
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.searchDebtors({ name: 'Dupont' }));

    expect(error.code).toBe('bad_request');
    expect(error.message).toBe(
      'Critères de recherche invalides : corrigez-les. (pageSize : trop grand)',
    );
    expect(error.problem?.detail).toBe('pageSize : trop grand');
    expect(server.requests).toHaveLength(1);
  });

  test('describes a 400 without a problem body', async () => {
    server = await startServer((_, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('bad');
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.searchDebtors({}));

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('Requête refusée par le serveur Opisto (HTTP 400)');
    expect(error.problem).toBeUndefined();
  });

  test('names the unknown debtor on a 404 problem', async () => {
    server = await startServer((_, response) => {
      sendProblem(response, 404, 'Débiteur introuvable', 'aucun débiteur C9');
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.getRecord('C9'));

    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Débiteur « C9 » introuvable dans Opisto : vérifiez l’identifiant.');
    expect(server.requests).toHaveLength(1);
  });

  test('blames the address on a 404 without a problem body', async () => {
    server = await startServer((_, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not Found</h1>');
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.getRecord('C9'));

    expect(error.code).toBe('not_found');
    expect(error.message).toContain(`Adresse ${server.baseUrl}/api/v1/debtors/C9/record`);
    expect(error.message).toContain('vérifiez l’adresse du serveur Opisto');
  });

  test('does not follow a redirect', async () => {
    server = await startServer((request, response) => {
      response.writeHead(301, { location: 'http://127.0.0.1:1/elsewhere' });
      response.end();
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('redirection');
    expect(server.requests).toHaveLength(1);
  });
});

describe('invalid responses', () => {
  test('reports truncated JSON without retrying', async () => {
    server = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"items": [{"id": "D1", "displayName": "Dup');
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.searchDebtors({}));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('JSON tronqué ou mal formé');
    expect(server.requests).toHaveLength(1);
  });

  test('reports an HTML page as not JSON', async () => {
    server = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<html>Portail captif</html>');
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('la réponse n’est pas du JSON (type text/html)');
  });

  test('sets a broken batch record apart, with its field named', async () => {
    const records = ['A', 'B', 'C', 'D'].map((id) => makeRecord(id));
    records[3] = makeRecord('D', '2018-13-01');
    server = await startServer((_, response) => sendJson(response, 200, { records, missing: [] }));
    const { client } = testClient(server.baseUrl);

    const result = await client.getRecords(['A', 'B', 'C', 'D']);

    expect(result.records.map((record) => record.client.id)).toEqual(['A', 'B', 'C']);
    expect(result.missing).toEqual([]);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]?.id).toBe('D');
    expect(result.invalid[0]?.problems.join('\n')).toContain(
      'invoices[0].dueDate : date invalide « 2018-13-01 »',
    );
    expect(result.invalid[0]?.problems.join('\n')).toContain('facture n° F-D');
    expect(server.requests).toHaveLength(1);
  });

  test('rejects a batch record without a client id', async () => {
    const records = [makeRecord('A'), { invoices: [] }];
    server = await startServer((_, response) => sendJson(response, 200, { records, missing: [] }));
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.getRecords(['A', 'B']));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('records[1].client');
  });

  test('names the field of a broken page', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { items: [{ id: 'D1', displayName: 'X' }], total: 1, page: 1 });
    });
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.searchDebtors({}));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/^Réponse invalide du serveur Opisto : items\[0\]\.city : /);
    expect(error.message).toContain('(et 6 autres problèmes)');
    expect(error.issues.some((issue) => issue.startsWith('pageSize : '))).toBe(true);
  });

  test('rejects a response that is not an object', async () => {
    server = await startServer((_, response) => sendJson(response, 200, [HEALTH]));
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('la réponse n’est pas un objet JSON');
  });

  test('rejects a body above the size limit', async () => {
    server = await startServer((_, response) => {
      sendJson(response, 200, { status: 'ok', version: 'x'.repeat(5_000) });
    });
    const { client } = testClient(server.baseUrl, { maxResponseBytes: 1_000 });

    const error = await failureOf(() => client.health());

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('trop volumineuse');
    expect(server.requests).toHaveLength(1);
  });
});

describe('cancellation', () => {
  test('sends nothing when already cancelled', async () => {
    server = await startServer((_, response) => sendJson(response, 200, HEALTH));
    const { client } = testClient(server.baseUrl);

    const error = await failureOf(() => client.health({ signal: AbortSignal.abort() }));

    expect(error.code).toBe('cancelled');
    expect(error.details.attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  test('stops a request in flight', async () => {
    server = await startServer(() => undefined);
    const { client } = testClient(server.baseUrl, { timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();

    const error = await failureOf(() => client.health({ signal: controller.signal }));

    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test('stops a sleep that ignores the signal', async () => {
    server = await startServer((_, response) => sendJson(response, 500, {}));
    const controller = new AbortController();
    const { client } = testClient(server.baseUrl, {
      // Aborts during the first backoff, then never resolves.
      sleep: () => {
        controller.abort();
        return new Promise(() => undefined);
      },
    });

    const error = await failureOf(() => client.health({ signal: controller.signal }));

    expect(error.code).toBe('cancelled');
    expect(error.details.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  test('stops the real backoff at once', async () => {
    server = await startServer((_, response) => sendJson(response, 503, {}));
    const { client } = createRealSleepClient(server.baseUrl);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();

    const error = await failureOf(() =>
      client.getRecords(['A'], {}, { signal: controller.signal }),
    );

    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });
});

/** Creates a client whose first backoff really lasts 5 s, so that only a cancellation ends it. */
function createRealSleepClient(baseUrl: string) {
  return testClient(baseUrl, {
    sleep: undefined,
    random: () => 0.999_999,
    retryBaseDelayMs: 5_000,
  });
}

describe('TLS', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'opisto-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        path.join(directory, 'key.pem'),
        '-out',
        path.join(directory, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('rejects a self-signed certificate without retrying', async () => {
    let requests = 0;
    const httpsServer = createHttpsServer(
      {
        key: readFileSync(path.join(directory, 'key.pem')),
        cert: readFileSync(path.join(directory, 'cert.pem')),
      },
      (_, response) => {
        requests += 1;
        response.end('{}');
      },
    );
    await new Promise<void>((resolve) => httpsServer.listen(0, '127.0.0.1', resolve));
    const { port } = httpsServer.address() as AddressInfo;
    const { client } = testClient(`https://127.0.0.1:${port}`);

    try {
      const error = await failureOf(() => client.health());

      expect(error.code).toBe('unreachable');
      expect(error.message).toContain('Connexion sécurisée au serveur Opisto impossible');
      expect(error.details.attempts).toBe(1);
      expect(requests).toBe(0);
    } finally {
      await closeServer(httpsServer);
    }
  });
});
