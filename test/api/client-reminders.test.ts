/**
 * The client's reminder calls: recordReminders with its idempotency key and retries, and
 * reminderHistory, against a fake server and against the real reference server.
 */
import { ApiError, newIdempotencyKey } from '../../src/api/client';
import { MAX_BATCH_SIZE, type Reminder, type ReminderHistory } from '../../src/api/contract';
import { API_KEY as SERVER_KEY, startTestServer, type TestServer } from '../server/helpers';
import {
  caught,
  sendJson,
  sendProblem,
  startServer,
  testClient,
  type FakeServer,
} from './fake-server';

let server: FakeServer | undefined;
let reference: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  await reference?.close();
  reference = undefined;
});

function reminder(overrides: Partial<Reminder> = {}): Reminder {
  return {
    clientId: 'C-000001',
    level: 'rappel1',
    date: '2026-12-01',
    templateName: 'Relance 1er rappel.docx',
    pieces: [{ kind: 'invoices', number: 'F-1' }],
    ...overrides,
  };
}

function historyItem(clientId: string, date: string): ReminderHistory['items'][number] {
  return { ...reminder({ clientId, date }), recordedAt: '2026-12-01T09:00:00.000Z' };
}

describe('newIdempotencyKey', () => {
  test('32 hexadecimal digits, new each time', () => {
    const keys = Array.from({ length: 50 }, () => newIdempotencyKey());

    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('recordReminders', () => {
  test('posts the batch with a key', async () => {
    server = await startServer((_, response) => sendJson(response, 200, { recorded: 2 }));
    const { client } = testClient(server.baseUrl);
    const batch = { reminders: [reminder(), reminder({ clientId: 'C-000002' })] };

    await expect(client.recordReminders(batch)).resolves.toEqual({ recorded: 2 });

    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/v1/reminders');
    expect(JSON.parse(request?.body ?? '')).toEqual(batch);
    expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
  });

  test('each call draws a new key', async () => {
    server = await startServer((_, response) => sendJson(response, 200, { recorded: 1 }));
    const { client } = testClient(server.baseUrl);

    await client.recordReminders({ reminders: [reminder()] });
    await client.recordReminders({ reminders: [reminder()] });

    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).not.toBe(keys[1]);
  });

  test('sends the key it is given', async () => {
    server = await startServer((_, response) => sendJson(response, 200, { recorded: 1 }));
    const { client } = testClient(server.baseUrl);
    const idempotencyKey = newIdempotencyKey();

    await client.recordReminders({ reminders: [reminder()] }, { idempotencyKey });

    expect(server.requests[0]?.headers['idempotency-key']).toBe(idempotencyKey);
  });

  test('retries a 503 with the same key', async () => {
    server = await startServer((request, response) => {
      if (request.index === 0) {
        sendJson(response, 503, {});
      } else {
        sendJson(response, 200, { recorded: 1 });
      }
    });
    const { client, clock } = testClient(server.baseUrl, { retries: 2 });

    await expect(client.recordReminders({ reminders: [reminder()] })).resolves.toEqual({
      recorded: 1,
    });

    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    const [first, second] = server.requests.map((request) => request.headers['idempotency-key']);
    expect(second).toBe(first);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
  });

  test('a 400 is not retried and keeps its problem', async () => {
    server = await startServer((_, response) =>
      sendProblem(
        response,
        400,
        'Relances non enregistrées : un débiteur est introuvable',
        'reminders[0].clientId : débiteur introuvable « C-000001 »',
      ),
    );
    const { client } = testClient(server.baseUrl, { retries: 3 });

    const error = (await caught(() =>
      client.recordReminders({ reminders: [reminder()] }),
    )) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('un débiteur est introuvable');
    expect(error.message).toContain('« C-000001 »');
    expect(server.requests).toHaveLength(1);
  });

  test.each<[string, unknown, string]>([
    ['empty list', { reminders: [] }, 'reminders : liste de relances vide'],
    ['bad level', { reminders: [reminder({ level: 'rappel9' as never })] }, 'niveau invalide'],
    ['bad date', { reminders: [reminder({ date: '2026-13-01' })] }, 'reminders[0].date'],
    [
      'too many',
      { reminders: Array.from({ length: MAX_BATCH_SIZE + 1 }, () => reminder()) },
      `${MAX_BATCH_SIZE} relances au plus par requête`,
    ],
  ])('rejects %s without a request', async (_label, batch, message) => {
    server = await startServer((_, response) => sendJson(response, 200, { recorded: 1 }));
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() =>
      client.recordReminders(batch as { reminders: Reminder[] }),
    )) as ApiError;

    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/^Demande invalide, rien n’a été envoyé au serveur Opisto : /);
    expect(error.message).toContain(message);
    expect(server.requests).toHaveLength(0);
  });

  test('rejects a bad key without a request', async () => {
    server = await startServer((_, response) => sendJson(response, 200, { recorded: 1 }));
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() =>
      client.recordReminders({ reminders: [reminder()] }, { idempotencyKey: 'clé à accents' }),
    )) as ApiError;

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('idempotencyKey : clé invalide');
    expect(server.requests).toHaveLength(0);
  });

  test('rejects a count other than the batch', async () => {
    server = await startServer((_, response) => sendJson(response, 200, { recorded: 1 }));
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() =>
      client.recordReminders({ reminders: [reminder(), reminder()] }),
    )) as ApiError;

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('recorded : 1 relances enregistrées sur 2 envoyées');
  });
});

describe('reminderHistory', () => {
  test('fetches the history of one debtor', async () => {
    const items = [historyItem('C/7 é', '2026-12-01'), historyItem('C/7 é', '2026-11-01')];
    server = await startServer((_, response) => sendJson(response, 200, { items }));
    const { client } = testClient(server.baseUrl);

    await expect(client.reminderHistory('C/7 é')).resolves.toEqual({ items });

    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.url).toBe('/api/v1/debtors/C%2F7%20%C3%A9/reminders');
  });

  test('unknown debtor is not_found in French', async () => {
    server = await startServer((_, response) =>
      sendProblem(response, 404, 'Débiteur introuvable', 'Aucun débiteur « C-9 ».'),
    );
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.reminderHistory('C-9'))) as ApiError;

    expect(error.code).toBe('not_found');
    expect(error.message).toBe(
      'Débiteur « C-9 » introuvable dans Opisto : vérifiez l’identifiant.',
    );
  });

  test('rejects reminders of another debtor', async () => {
    const items = [historyItem('C1', '2026-12-01'), historyItem('C2', '2026-11-01')];
    server = await startServer((_, response) => sendJson(response, 200, { items }));
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.reminderHistory('C1'))) as ApiError;

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('items[1].clientId : débiteur « C2 » reçu au lieu de « C1 »');
  });

  test('names a broken item', async () => {
    const items = [{ ...historyItem('C1', '2026-12-01'), level: 'rappel4' }];
    server = await startServer((_, response) => sendJson(response, 200, { items }));
    const { client } = testClient(server.baseUrl);

    const error = (await caught(() => client.reminderHistory('C1'))) as ApiError;

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('items[0].level : niveau invalide « rappel4 »');
  });

  test('retries a 500', async () => {
    server = await startServer((request, response) => {
      if (request.index === 0) {
        sendJson(response, 500, {});
      } else {
        sendJson(response, 200, { items: [] });
      }
    });
    const { client } = testClient(server.baseUrl, { retries: 1 });

    await expect(client.reminderHistory('C1')).resolves.toEqual({ items: [] });
    expect(server.requests).toHaveLength(2);
  });
});

describe('reminders through the reference server', () => {
  async function referenceClient() {
    reference = await startTestServer({ count: 30 });
    return clientFor(reference.baseUrl);
  }

  function clientFor(baseUrl: string) {
    return testClient(baseUrl, { apiKey: SERVER_KEY, timeoutMs: 5_000 }).client;
  }

  test('records and reads back, newest first', async () => {
    const client = await referenceClient();
    const batch = {
      reminders: [
        reminder({ level: 'rappel1', date: '2026-11-01' }),
        reminder({ level: 'rappel2', date: '2026-11-20', templateName: 'Relance 2e rappel.docx' }),
      ],
    };

    await expect(client.recordReminders(batch)).resolves.toEqual({ recorded: 2 });
    const history = await client.reminderHistory('C-000001');

    expect(history.items.map((item) => [item.level, item.date, item.templateName])).toEqual([
      ['rappel2', '2026-11-20', 'Relance 2e rappel.docx'],
      ['rappel1', '2026-11-01', 'Relance 1er rappel.docx'],
    ]);
    const page = await client.searchDebtors({ name: 'camille' });
    expect(page.items[0]?.lastReminder).toEqual({ level: 'rappel2', date: '2026-11-20' });
    expect(page.items[0]?.nextLevel).toBe('miseEnDemeure');
  });

  test('same key twice records once', async () => {
    const client = await referenceClient();
    const idempotencyKey = newIdempotencyKey();
    const batch = { reminders: [reminder()] };

    await client.recordReminders(batch, { idempotencyKey });
    await client.recordReminders(batch, { idempotencyKey });

    expect((await client.reminderHistory('C-000001')).items).toHaveLength(1);
  });

  test('lost response: the retry records nothing twice', async () => {
    reference = await startTestServer({ count: 30 });
    const upstream = reference.baseUrl;
    // Forwards each request to the reference server, but drops the connection instead of
    // responding to the first one, after the server has recorded the batch.
    server = await startServer((request, response) => {
      void fetch(`${upstream}${request.url}`, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.method === 'POST' ? request.body : undefined,
      }).then(async (answer) => {
        if (request.index === 0) {
          response.socket?.destroy();
          return;
        }
        sendJson(response, answer.status, await answer.json());
      });
    });
    const client = clientFor(server.baseUrl);

    await expect(client.recordReminders({ reminders: [reminder()] })).resolves.toEqual({
      recorded: 1,
    });

    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    const history = await clientFor(upstream).reminderHistory('C-000001');
    expect(history.items).toHaveLength(1);
  });

  test('unknown debtor records nothing', async () => {
    const client = await referenceClient();
    const batch = { reminders: [reminder(), reminder({ clientId: 'C-INCONNU' })] };

    const error = (await caught(() => client.recordReminders(batch))) as ApiError;

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('reminders[1].clientId : débiteur introuvable « C-INCONNU »');
    expect(error.problem?.errors).toEqual([
      { parameter: 'reminders[1].clientId', message: 'débiteur introuvable' },
    ]);
    expect((await client.reminderHistory('C-000001')).items).toEqual([]);
  });

  test('history of an unknown debtor', async () => {
    const client = await referenceClient();

    const error = (await caught(() => client.reminderHistory('C-999999'))) as ApiError;

    expect(error.code).toBe('not_found');
    expect(error.message).toContain('« C-999999 »');
  });

  test('demo history of the formal notice', async () => {
    const client = await referenceClient();

    const history = await client.reminderHistory('C-000200');

    expect(history.items.map((item) => item.level)).toEqual([
      'miseEnDemeure',
      'rappel2',
      'rappel1',
    ]);
    expect(history.items[0]?.templateName).toBe('Mise en demeure.docx');
  });
});
