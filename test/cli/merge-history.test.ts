/**
 * `merge --api` records the reminders it sent: read back through the real client from the
 * reference server on loopback, never for a letter that failed or a run with --no-history.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import type { FastifyInstance } from 'fastify';

import { createOpistoClient, type OpistoClient } from '../../src/api/client';
import { parseClientRecord } from '../../src/api/parse-record';
import type { ClientRecord } from '../../src/api/record';
import { buildServer } from '../../src/server/app';
import { openDatabase, type Database } from '../../src/server/database';
import { insertRecords } from '../../src/server/insert-records';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import example from '../../../shared/spec/example-record.json';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opisto-relances.js');
const KEY = 'cle-historique-7c1d';

type Run = { code: number; stdout: string; stderr: string };

async function cli(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function record(id: string, isProfessional: boolean | null): ClientRecord {
  const draft = structuredClone(example);
  const parsed = parseClientRecord({
    ...draft,
    client: { ...draft.client, id, lastName: id, isProfessional },
  });
  if (!parsed.ok) {
    throw new Error(parsed.problems.join('\n'));
  }
  return parsed.record;
}

let db: Database;
let app: FastifyInstance;
let api: string;
let client: OpistoClient;

beforeAll(async () => {
  db = openDatabase(':memory:');
  insertRecords(db, [record('C-PRO', true), record('C-INCONNU', null), record('C-PART', false)]);
  app = buildServer({ db, apiKey: KEY, corsOrigins: [], logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  api = `http://127.0.0.1:${address.port}`;
  client = createOpistoClient({ baseUrl: api, apiKey: KEY });
});

afterAll(async () => {
  await app.close();
  db.close();
});

/** Writes a template that needs the client's kind, so that C-INCONNU's letter fails. */
function template(dir: string): string {
  const file = join(dir, 'Mise en demeure.docx');
  writeFileSync(
    file,
    makeDocx({
      body: [
        paragraph('opistoniveaurelance pour opistoclientnom'),
        paragraph('opistolistefactures'),
        paragraph('opistosipro Indemnité : opistoindemniterecouvrement €'),
      ].join(''),
    }),
  );
  return file;
}

function merge(dir: string, ...extra: string[]): Promise<Run> {
  const args = ['--template', template(dir), '--out', join(dir, 'out')];
  return cli('merge', ...args, '--api', api, '--api-key', KEY, '--date', '2026-12-04', ...extra);
}

test('records a reminder per letter written, none for a failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-history-'));
  const run = await merge(dir);

  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Historique : 2 relance(s) enregistrée(s) dans Opisto.');
  const pro = await client.reminderHistory('C-PRO');
  expect(pro.items).toHaveLength(1);
  expect(pro.items[0]).toMatchObject({
    clientId: 'C-PRO',
    level: 'miseEnDemeure',
    date: '2026-12-04',
    templateName: 'Mise en demeure.docx',
    // The API sends pieces in due-date order.
    pieces: [
      { kind: 'invoices', number: '518100005' },
      { kind: 'invoices', number: '518100007' },
    ],
  });
  expect((await client.reminderHistory('C-INCONNU')).items).toEqual([]);
  expect((await client.reminderHistory('C-PART')).items).toHaveLength(1);
});

test('the search then shows the last reminder', async () => {
  const page = await client.searchDebtors({ name: 'C-PRO' });
  const found = page.items.find((debtor) => debtor.id === 'C-PRO');

  expect(found?.lastReminder).toEqual({ level: 'miseEnDemeure', date: '2026-12-04' });
  expect(found?.nextLevel).toBe('miseEnDemeure');
});

test('warns when a letter steps the level back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-history-'));
  const run = await merge(dir, '--level', '1', '--no-history');

  expect(run.stderr).toContain(
    'Attention : client C-PRO (Garage Durand C-PRO Léa) a déjà reçu : Mise en demeure le ' +
      '04/12/2026 ; ce courrier est un 1er rappel.',
  );
});

test('--next-level picks the clients due for that level', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-history-'));
  const run = await merge(
    dir,
    '--next-level',
    '3',
    '--no-history',
    '--report',
    join(dir, 'r.json'),
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
    letters: { clientId: string }[];
  };
  // C-PRO and C-PART got a formal notice above; C-INCONNU, never reminded, is due for level 1.
  expect(report.letters.map((letter) => letter.clientId)).toEqual(['C-PART', 'C-PRO']);
});

test('warns when --kinds leaves out the credit notes a template counts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-history-'));
  const file = join(dir, 'Relance 2e rappel.docx');
  writeFileSync(file, makeDocx({ body: paragraph('opistolistefacturesavoirs') }));
  const run = await cli(
    'merge',
    ...['--template', file, '--out', join(dir, 'out'), '--api', api, '--api-key', KEY],
    ...['--kinds', 'invoices', '--no-history'],
  );

  expect(run.stderr).toContain('Attention : --kinds invoices laisse de côté les avoirs');
});

test('--no-history records nothing', async () => {
  const before = (await client.reminderHistory('C-PART')).items.length;
  const run = await merge(mkdtempSync(join(tmpdir(), 'opisto-history-')), '--no-history');

  expect(run.stdout).not.toContain('Historique');
  expect((await client.reminderHistory('C-PART')).items).toHaveLength(before);
});

/** Starts a proxy that forwards every request to the server but the reminders, which get 503. */
function proxyFailingHistory(): Promise<Server> {
  const target = new URL(api);
  const proxy = createServer((incoming, outgoing) => {
    if (incoming.url?.endsWith('/reminders') && incoming.method === 'POST') {
      incoming.resume();
      outgoing.writeHead(503, { 'content-type': 'application/problem+json' });
      outgoing.end(JSON.stringify({ type: 'about:blank', title: 'indisponible', status: 503 }));
      return;
    }
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.setHeader('authorization', incoming.headers.authorization ?? '');
    forward.setHeader('content-type', incoming.headers['content-type'] ?? 'application/json');
    incoming.pipe(forward);
  });
  return new Promise((done) => proxy.listen(0, '127.0.0.1', () => done(proxy)));
}

test('letters stay when the history cannot be recorded', async () => {
  const proxy = await proxyFailingHistory();
  const dir = mkdtempSync(join(tmpdir(), 'opisto-history-'));
  try {
    const address = proxy.address() as { port: number };
    const args = ['--template', template(dir), '--out', join(dir, 'out'), '--date', '2026-12-05'];
    const run = await cli(
      'merge',
      ...args,
      ...['--api', `http://127.0.0.1:${address.port}`, '--api-key', KEY],
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Les courriers sont écrits, mais l’historique des relances');
    expect(readdirSync(join(dir, 'out')).filter((name) => name.endsWith('.docx'))).toHaveLength(2);
    const dates = (await client.reminderHistory('C-PRO')).items.map((item) => item.date);
    expect(dates).not.toContain('2026-12-05');
  } finally {
    await new Promise((done) => proxy.close(done));
  }
});

test('a broken record costs its own letter only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-history-'));
  const update = db.prepare('UPDATE invoices SET due_date = ? WHERE client_id = ?');
  // 30 February passes the database's date pattern but not the record contract.
  update.run('2026-02-30', 'C-PART');
  try {
    const run = await merge(dir, '--no-history', '--report', join(dir, 'r.json'));
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
      letters: { clientId: string; status: string; errors: string[] }[];
    };
    const part = report.letters.find((letter) => letter.clientId === 'C-PART');

    expect(run.code).toBe(1);
    expect(part?.status).toBe('failed');
    expect(part?.errors[0]).toContain('fiche client incorrecte dans Opisto');
    expect(part?.errors[0]).toContain('« 2026-02-30 »');
    expect(report.letters.find((letter) => letter.clientId === 'C-PRO')?.status).toBe('written');
  } finally {
    update.run('2018-12-31', 'C-PART');
  }
});
