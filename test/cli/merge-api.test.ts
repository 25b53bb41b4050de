/**
 * `merge --api` as a user runs it: the built command line against the reference server on a
 * loopback port, with a fresh demo database, and through a proxy that fails on purpose.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import type { FastifyInstance } from 'fastify';

import { buildServer } from '../../src/server/app';
import { openDatabase, type Database } from '../../src/server/database';
import { fillDemoDatabase } from '../../src/server/demo-database';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opisto-relances.js');
const STARTER = join(ROOT, 'assets', 'templates', 'Relance 1er rappel.docx');
const KEY = 'cle-de-test-3f9a';
const TODAY = '2026-12-04';

type Run = { code: number; stdout: string; stderr: string };

async function cli(...args: string[]): Promise<Run> {
  const env = { ...process.env };
  delete env.OPISTO_API_KEY;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function urlOf(server: { address(): unknown }): string {
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

let db: Database;
let app: FastifyInstance;
let api: string;

beforeAll(async () => {
  db = openDatabase(':memory:');
  fillDemoDatabase(db, { count: 450, referenceDate: TODAY });
  app = buildServer({ db, apiKey: KEY, corsOrigins: [], logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  api = urlOf(app.server);
});

afterAll(async () => {
  await app.close();
  db.close();
});

/** Tells whether a line is a warning, or the reason a client got no letter. */
function isWarningOrLeftOut(line: string): boolean {
  return /paiement non lettré|a déjà reçu|^Pas de courrier pour|^ {2}- Rien à réclamer/.test(line);
}

async function searchTotal(query: string): Promise<number> {
  const response = await fetch(`${api}/api/v1/debtors?${query}&pageSize=1`, {
    headers: { Authorization: `Bearer ${KEY}` },
  });
  return ((await response.json()) as { total: number }).total;
}

test('letters for the debtors the filters select', async () => {
  const out = mkdtempSync(join(tmpdir(), 'opisto-api-'));
  const filters = ['--due-before', TODAY, '--kinds', 'invoices', '--postal-code', '31'];
  const run = await cli(
    'merge',
    '--template',
    STARTER,
    '--out',
    out,
    '--api',
    api,
    '--api-key',
    KEY,
    ...filters,
    // Letters to clients with unmatched payments are the subject of other tests.
    '--confirm-unmatched',
    '--report',
    join(out, 'r.json'),
  );

  const expected = await searchTotal(`dueBefore=${TODAY}&kinds=invoices&postalCode=31`);
  expect(expected).toBeGreaterThan(0);
  expect(run.stderr.split('\n').filter((line) => !isWarningOrLeftOut(line))).toEqual(['']);
  expect(run.code).toBe(0);
  expect(readdirSync(out).filter((name) => name.endsWith('.docx'))).toHaveLength(expected);
  const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
  expect(report.written).toBe(expected);
});

test('wrong key is explained', async () => {
  const out = mkdtempSync(join(tmpdir(), 'opisto-api-'));
  const run = await cli(
    'merge',
    '--template',
    STARTER,
    '--out',
    out,
    '--api',
    api,
    '--api-key',
    'mauvaise-cle',
  );

  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Clé API refusée : vérifiez la clé dans les paramètres');
  expect(run.stderr).not.toContain('mauvaise-cle');
  expect(run.stderr).toContain('--api-key ou de la variable OPISTO_API_KEY');
});

test('options are named in messages', async () => {
  const out = mkdtempSync(join(tmpdir(), 'opisto-api-'));
  const run = await cli(
    'merge',
    '--template',
    STARTER,
    '--out',
    out,
    '--api',
    `${api}/api/v1/`,
    '--api-key',
    KEY,
    '--due-before',
    '2026-13-01',
  );

  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--due-before : date invalide');
});

test('unreachable server is explained', async () => {
  const out = mkdtempSync(join(tmpdir(), 'opisto-api-'));
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const address = urlOf(closed);
  await new Promise((done) => closed.close(done));

  const run = await cli(
    'merge',
    '--template',
    STARTER,
    '--out',
    out,
    '--api',
    address,
    '--api-key',
    KEY,
  );
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`injoignable à l’adresse ${address}`);
});

/** Starts a proxy to the API that returns 500 to every batch request after the first. */
function failingProxy(): Promise<Server> {
  let batches = 0;
  const proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      if (request.url?.endsWith('/debtors/records') && ++batches > 1) {
        response.writeHead(500, { 'Content-Type': 'application/problem+json' });
        response.end(
          JSON.stringify({ type: 'about:blank', title: 'Panne', status: 500, detail: 'x' }),
        );
        return;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const upstream = await fetch(`${api}${request.url}`, {
        method: request.method,
        headers: {
          Authorization: request.headers.authorization ?? '',
          'Content-Type': 'application/json',
        },
        body,
      });
      response.writeHead(upstream.status, {
        'Content-Type': upstream.headers.get('content-type') ?? '',
      });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    });
  });
  return new Promise((done) => proxy.listen(0, '127.0.0.1', () => done(proxy)));
}

test('letters already written stay when the API fails midway', async () => {
  const out = mkdtempSync(join(tmpdir(), 'opisto-api-'));
  const proxy = await failingProxy();
  try {
    const run = await cli(
      'merge',
      '--template',
      STARTER,
      '--out',
      out,
      '--api',
      urlOf(proxy),
      '--api-key',
      KEY,
      // Letters to clients with unmatched payments are the subject of other tests.
      '--confirm-unmatched',
      '--report',
      join(out, 'r.json'),
    );
    const total = await searchTotal('');
    expect(total).toBeGreaterThan(200);

    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    // The first 200 records arrived: each got a letter, or none because the client owes nothing.
    expect(report.written + report.skipped).toBe(200);
    expect(report.failed).toBe(total - 200);
    expect(readdirSync(out).filter((name) => name.endsWith('.docx'))).toHaveLength(report.written);
    const missing = report.letters.filter(
      (letter: { status: string }) => letter.status === 'failed',
    );
    expect(missing[0].errors[0]).toMatch(/^Données non reçues : /);
    expect(missing[0].clientName).not.toBe('');
    // Clients that failed for the same reason are counted, not listed one by one.
    expect(run.stderr).toContain(`Échec pour ${total - 200} clients (liste dans le rapport) :`);
    const failureLines = run.stderr.split('\n').filter((line) => !isWarningOrLeftOut(line));
    expect(failureLines.length).toBeLessThan(10);
  } finally {
    await new Promise((done) => proxy.close(done));
  }
});
