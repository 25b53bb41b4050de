/**
 * POST /api/v1/reminders and GET /api/v1/debtors/{id}/reminders: batches recorded all or nothing,
 * the last reminder that the search reads, the history's order and the idempotency key.
 */
import {
  debtorPageSchema,
  MAX_BATCH_SIZE,
  MAX_REMINDER_PIECES,
  reminderHistorySchema,
  type Reminder,
  type ReminderHistory,
} from '../../src/api/contract';
import { readProblem, startTestServer, type TestServer } from './helpers';

let server: TestServer;
/** Reminders of the demo histories, there before each test. */
let demoReminderCount = 0;

beforeEach(async () => {
  server = await startTestServer();
  demoReminderCount = countReminders();
});

afterEach(async () => {
  await server.close();
});

/** C-000001 and C-000002 are hand-written debtors that the demo never reminded. */
function reminder(overrides: Partial<Reminder> = {}): Reminder {
  return {
    clientId: 'C-000001',
    level: 'rappel1',
    date: '2026-12-01',
    templateName: 'Relance 1er rappel.docx',
    pieces: [{ kind: 'invoices', number: '526090101' }],
    ...overrides,
  };
}

function postReminders(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return server.api('/api/v1/reminders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function history(id: string): Promise<ReminderHistory['items']> {
  const response = await server.api(`/api/v1/debtors/${encodeURIComponent(id)}/reminders`);
  expect(response.status).toBe(200);
  return reminderHistorySchema.parse(await response.json()).items;
}

const REJECTED_UNKNOWN = 'reminder batch rejected: unknown debtors';

function countReminders(): number {
  const row = server.db.prepare('SELECT count(*) AS count FROM reminders').get() as {
    count: number;
  };
  return row.count;
}

function lastReminderOf(id: string): unknown {
  return server.db
    .prepare(
      'SELECT last_reminder_level AS level, last_reminder_date AS date FROM clients WHERE id = ?',
    )
    .get(id);
}

describe('POST reminders', () => {
  test('records a batch and returns the count', async () => {
    const batch = [reminder(), reminder({ clientId: 'C-000002', level: 'rappel2' })];

    const response = await postReminders({ reminders: batch });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ recorded: 2 });
    const first = await history('C-000001');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject(batch[0] ?? {});
    expect(Date.parse(first[0]?.recordedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await history('C-000002')).toEqual([
      expect.objectContaining({ clientId: 'C-000002', level: 'rappel2' }),
    ]);
  });

  test('unknown id rejects the whole batch', async () => {
    const before = countReminders();
    const batch = [reminder(), reminder({ clientId: 'C-INCONNU' }), reminder({ level: 'rappel2' })];

    const response = await postReminders({ reminders: batch });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.type).toBe('urn:opisto-relances:problem:unknown-debtors');
    expect(problem.title).toMatch(/^Relances non enregistrées : un débiteur est introuvable/);
    expect(problem.detail).toContain('reminders[1].clientId : débiteur introuvable « C-INCONNU »');
    expect(problem.detail).toContain('Aucune relance de la demande n’a été enregistrée');
    expect(problem.errors).toEqual([
      { parameter: 'reminders[1].clientId', message: 'débiteur introuvable' },
    ]);
    expect(countReminders()).toBe(before);
    expect(lastReminderOf('C-000001')).toEqual({ level: null, date: null });
    const rejected = server.logs().filter((line) => line.msg === REJECTED_UNKNOWN);
    expect(rejected).toEqual([expect.objectContaining({ clientIds: ['C-INCONNU'] })]);
  });

  test('every unknown id is named', async () => {
    const batch = [reminder({ clientId: 'X-1' }), reminder(), reminder({ clientId: 'X-2' })];

    const response = await postReminders({ reminders: batch });

    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual([
      'reminders[0].clientId',
      'reminders[2].clientId',
    ]);
    expect(problem.detail).toContain('« X-1 »');
    expect(problem.detail).toContain('« X-2 »');
  });

  test('database failure mid-batch records nothing', async () => {
    // A trigger makes the second insertion fail after the first one succeeded.
    server.db.exec(`
      CREATE TRIGGER fail_on_boom BEFORE INSERT ON reminders
      WHEN NEW.template_name = 'BOOM.docx'
      BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const before = countReminders();

    const response = await postReminders({
      reminders: [reminder(), reminder({ clientId: 'C-000002', templateName: 'BOOM.docx' })],
    });

    expect(response.status).toBe(500);
    expect(countReminders()).toBe(before);
    expect(lastReminderOf('C-000001')).toEqual({ level: null, date: null });
  });

  test.each<[string, unknown, string, string]>([
    [
      'level',
      { reminders: [reminder({ level: 'rappel3' as never })] },
      'reminders[0].level',
      'niveau invalide',
    ],
    [
      'date',
      { reminders: [reminder({ date: '2026-02-30' })] },
      'reminders[0].date',
      'date invalide',
    ],
    [
      'date format',
      { reminders: [reminder({ date: '01/12/2026' })] },
      'reminders[0].date',
      'date invalide',
    ],
    ['empty list', { reminders: [] }, 'reminders', 'liste de relances vide'],
    ['no list', {}, 'reminders', ''],
    [
      'empty template',
      { reminders: [reminder({ templateName: '' })] },
      'reminders[0].templateName',
      'nom de modèle vide',
    ],
    [
      'empty id',
      { reminders: [reminder({ clientId: '' })] },
      'reminders[0].clientId',
      'identifiant vide',
    ],
    [
      'piece kind',
      { reminders: [reminder({ pieces: [{ kind: 'orders' as never, number: '1' }] })] },
      'reminders[0].pieces[0].kind',
      '',
    ],
    ['unknown key', { reminders: [reminder()], extra: 1 }, 'extra', 'paramètre inconnu'],
    [
      'unknown reminder key',
      { reminders: [{ ...reminder(), levle: 'rappel2' }] },
      'reminders[0].levle',
      'paramètre inconnu',
    ],
    [
      'unknown piece key',
      { reminders: [reminder({ pieces: [{ kind: 'invoices', number: '1', total: 5 } as never] })] },
      'reminders[0].pieces[0].total',
      'paramètre inconnu',
    ],
  ])('invalid %s is a 400 naming it', async (_label, body, parameter, message) => {
    const response = await postReminders(body);

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toContain(parameter);
    expect(problem.detail).toContain(parameter);
    expect(problem.detail).toContain(message);
    expect(countReminders()).toBe(demoReminderCount);
  });

  test('invalid level shows the value and the levels', async () => {
    const response = await postReminders({
      reminders: [reminder({ level: 'rappel3' as never })],
    });

    const problem = await readProblem(response);
    expect(problem.detail).toBe(
      'reminders[0].level : niveau invalide « rappel3 » ' +
        '(valeurs possibles : rappel1, rappel2, miseEnDemeure)',
    );
    expect(problem.errors).toEqual([
      {
        parameter: 'reminders[0].level',
        message: 'niveau invalide (valeurs possibles : rappel1, rappel2, miseEnDemeure)',
      },
    ]);
  });

  test(`${MAX_BATCH_SIZE} reminders are accepted`, async () => {
    const batch = Array.from({ length: MAX_BATCH_SIZE }, (_, index) =>
      reminder({ date: `2026-0${1 + (index % 9)}-15` }),
    );

    const response = await postReminders({ reminders: batch });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ recorded: MAX_BATCH_SIZE });
    expect(await history('C-000001')).toHaveLength(MAX_BATCH_SIZE);
  });

  test(`${MAX_BATCH_SIZE + 1} reminders are rejected`, async () => {
    const batch = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => reminder());

    const response = await postReminders({ reminders: batch });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual(['reminders']);
    expect(problem.detail).toContain(`${MAX_BATCH_SIZE} relances au plus par requête`);
    expect(countReminders()).toBe(demoReminderCount);
  });

  test(`${MAX_REMINDER_PIECES + 1} pieces are rejected`, async () => {
    const pieces = Array.from({ length: MAX_REMINDER_PIECES + 1 }, (_, index) => ({
      kind: 'invoices' as const,
      number: String(index),
    }));

    const response = await postReminders({ reminders: [reminder({ pieces })] });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.detail).toContain(`${MAX_REMINDER_PIECES} pièces au plus par relance`);
  });

  test('reminder without pieces is accepted', async () => {
    const response = await postReminders({ reminders: [reminder({ pieces: [] })] });

    expect(response.status).toBe(200);
    expect((await history('C-000001'))[0]?.pieces).toEqual([]);
  });
});

describe('last reminder', () => {
  test('newer reminder moves it forward', async () => {
    await postReminders({ reminders: [reminder({ date: '2026-11-01' })] });
    await postReminders({ reminders: [reminder({ level: 'rappel2', date: '2026-11-20' })] });

    expect(lastReminderOf('C-000001')).toEqual({ level: 'rappel2', date: '2026-11-20' });
  });

  test('older reminder leaves it', async () => {
    await postReminders({ reminders: [reminder({ level: 'rappel2', date: '2026-11-20' })] });
    await postReminders({ reminders: [reminder({ level: 'rappel1', date: '2026-11-01' })] });

    expect(lastReminderOf('C-000001')).toEqual({ level: 'rappel2', date: '2026-11-20' });
    expect((await history('C-000001')).map((item) => item.date)).toEqual([
      '2026-11-20',
      '2026-11-01',
    ]);
  });

  test('same date, recorded later, replaces it', async () => {
    await postReminders({ reminders: [reminder({ level: 'rappel2', date: '2026-11-20' })] });
    await postReminders({ reminders: [reminder({ level: 'miseEnDemeure', date: '2026-11-20' })] });

    expect(lastReminderOf('C-000001')).toEqual({ level: 'miseEnDemeure', date: '2026-11-20' });
  });

  test('newest of one batch wins, whatever its place', async () => {
    await postReminders({
      reminders: [
        reminder({ level: 'rappel2', date: '2026-11-20' }),
        reminder({ level: 'rappel1', date: '2026-10-01' }),
      ],
    });

    expect(lastReminderOf('C-000001')).toEqual({ level: 'rappel2', date: '2026-11-20' });
  });

  test('is the head of the history', async () => {
    await postReminders({
      reminders: [
        reminder({ level: 'rappel1', date: '2026-11-20' }),
        reminder({ level: 'rappel2', date: '2026-11-20' }),
        reminder({ level: 'miseEnDemeure', date: '2026-10-01' }),
      ],
    });

    const [head] = await history('C-000001');
    expect(lastReminderOf('C-000001')).toEqual({ level: head?.level, date: head?.date });
    expect(head?.level).toBe('rappel2');
  });

  test('search and record follow the new reminder', async () => {
    const search = async (query: string): Promise<string[]> => {
      const response = await server.api(`/api/v1/debtors?name=camille&${query}`);
      return debtorPageSchema.parse(await response.json()).items.map((item) => item.id);
    };
    expect(await search('nextLevel=rappel1')).toEqual(['C-000001']);

    await postReminders({ reminders: [reminder({ date: '2026-12-01' })] });

    expect(await search('nextLevel=rappel1')).toEqual([]);
    expect(await search('nextLevel=rappel2')).toEqual(['C-000001']);
    expect(await search('notRemindedSince=2026-12-01')).toEqual([]);
    expect(await search('notRemindedSince=2026-12-02')).toEqual(['C-000001']);
    const record = await server.api('/api/v1/debtors/C-000001/record');
    expect(((await record.json()) as { lastReminder: unknown }).lastReminder).toEqual({
      level: 'rappel1',
      date: '2026-12-01',
    });
  });
});

describe('GET reminder history', () => {
  test('newest first, by date then recording', async () => {
    await postReminders({
      reminders: [
        reminder({ date: '2026-10-01', templateName: 'a.docx' }),
        reminder({ date: '2026-11-15', templateName: 'b.docx' }),
      ],
    });
    await postReminders({
      reminders: [
        reminder({ date: '2026-11-15', templateName: 'c.docx' }),
        reminder({ date: '2026-09-01', templateName: 'd.docx' }),
      ],
    });

    const items = await history('C-000001');

    expect(items.map((item) => item.templateName)).toEqual([
      'c.docx',
      'b.docx',
      'a.docx',
      'd.docx',
    ]);
  });

  test('keeps the pieces and template', async () => {
    const pieces = [
      { kind: 'invoices' as const, number: '526090101' },
      { kind: 'creditNotes' as const, number: 'AV-1' },
      { kind: 'transactions' as const, number: 'CDE « 1 »' },
    ];
    await postReminders({
      reminders: [reminder({ pieces, templateName: 'Mise en demeure.docx' })],
    });

    const [item] = await history('C-000001');

    expect(item?.pieces).toEqual(pieces);
    expect(item?.templateName).toBe('Mise en demeure.docx');
  });

  test('never reminded debtor has none', async () => {
    expect(await history('C-000001')).toEqual([]);
  });

  test('demo history ends with the last reminder', async () => {
    const reminded = server.records.filter((record) => record.lastReminder);
    expect(reminded.length).toBeGreaterThan(0);

    for (const record of reminded) {
      const items = await history(record.client.id);
      expect(items[0]).toMatchObject(record.lastReminder ?? {});
    }
  });

  test('unknown id is a 404 problem', async () => {
    const response = await server.api('/api/v1/debtors/C-999999/reminders');

    expect(response.status).toBe(404);
    const problem = await readProblem(response);
    expect(problem.title).toMatch(/^Débiteur introuvable/);
    expect(problem.detail).toContain('« C-999999 »');
  });

  test('unknown parameter is rejected', async () => {
    const response = await server.api('/api/v1/debtors/C-000001/reminders?level=rappel1');

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors).toEqual([{ parameter: 'level', message: 'paramètre inconnu' }]);
  });
});

describe('idempotency key', () => {
  const KEY = { 'idempotency-key': '0123456789abcdef0123456789abcdef' };

  test('same key and body record once', async () => {
    const body = { reminders: [reminder(), reminder({ clientId: 'C-000002' })] };

    const first = await postReminders(body, KEY);
    const second = await postReminders(body, KEY);

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ recorded: 2 });
    expect(countReminders()).toBe(demoReminderCount + 2);
    const replayed = server.logs().filter((line) => line.msg === 'reminder batch already recorded');
    expect(replayed).toHaveLength(1);
    expect(JSON.stringify(server.logs())).not.toContain(KEY['idempotency-key']);
  });

  test('same key with another body is a 422', async () => {
    await postReminders({ reminders: [reminder()] }, KEY);

    const response = await postReminders({ reminders: [reminder({ level: 'rappel2' })] }, KEY);

    expect(response.status).toBe(422);
    const problem = await readProblem(response);
    expect(problem.type).toBe('urn:opisto-relances:problem:idempotency-key-reused');
    expect(countReminders()).toBe(demoReminderCount + 1);
  });

  test('rejected batch does not use up its key', async () => {
    const unknown = await postReminders({ reminders: [reminder({ clientId: 'X-1' })] }, KEY);
    const valid = await postReminders({ reminders: [reminder()] }, KEY);

    expect(unknown.status).toBe(400);
    expect(valid.status).toBe(200);
    expect(countReminders()).toBe(demoReminderCount + 1);
  });

  test('without a key, each request records', async () => {
    const body = { reminders: [reminder()] };

    await postReminders(body);
    await postReminders(body);

    expect(countReminders()).toBe(demoReminderCount + 2);
  });

  test.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['with a space', 'my key'],
  ])('%s key is a 400 naming the header', async (_label, key) => {
    const response = await postReminders({ reminders: [reminder()] }, { 'idempotency-key': key });

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual(['Idempotency-Key']);
    expect(countReminders()).toBe(demoReminderCount);
  });
});

describe('reminder routes and the key', () => {
  test.each([
    ['POST', '/api/v1/reminders'],
    ['GET', '/api/v1/debtors/C-000001/reminders'],
  ])('%s %s without key is 401', async (method, urlPath) => {
    const response = await fetch(`${server.baseUrl}${urlPath}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ reminders: [reminder()] }) : undefined,
    });

    expect(response.status).toBe(401);
    expect(countReminders()).toBe(demoReminderCount);
  });
});
