/**
 * A real reference server for each test: a fresh SQLite file in a temporary folder, the demo
 * debtors with dates around REFERENCE_DATE, Fastify listening on 127.0.0.1 on a free port, and
 * the server's log lines captured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { FastifyInstance } from 'fastify';

import { problemSchema, type DebtorSummary, type Problem } from '../../src/api/contract';
import { clientRecordSchema, type ClientRecord } from '../../src/api/record';
import { nextReminderLevel, type ReminderLevel } from '../../src/merge/reminder-levels';
import { fullName } from '../../src/merge/values';
import { buildServer } from '../../src/server/app';
import { openDatabase, type Database } from '../../src/server/database';
import { demoRecords, DEMO_DEBTOR_COUNT } from '../../src/server/demo-data';
import { fillDemoDatabase } from '../../src/server/demo-database';
import { normaliseSearchText } from '../../src/server/search-text';

export const REFERENCE_DATE = '2026-12-04';
export const API_KEY = 'test-key-6f1d2c9a';
export const ALLOWED_ORIGIN = 'https://localhost:3000';

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  baseUrl: string;
  /** The JSON lines the server logged so far, parsed. */
  logs: () => Record<string, unknown>[];
  /** The raw text the server logged. */
  logText: () => string;
  /** The demo records the database was filled with, in insertion order. */
  records: ClientRecord[];
  /** GET or POST with the API key, as the add-in sends them. */
  api: (urlPath: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
}

export interface TestServerOptions {
  count?: number;
  apiKey?: string;
  corsOrigins?: string[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const folder = mkdtempSync(path.join(tmpdir(), 'opisto-server-'));
  const db = openDatabase(path.join(folder, 'test.sqlite'));
  const count = options.count ?? DEMO_DEBTOR_COUNT;
  fillDemoDatabase(db, { count, referenceDate: REFERENCE_DATE });

  const lines: string[] = [];
  const apiKey = options.apiKey ?? API_KEY;
  const app = buildServer({
    db,
    apiKey,
    corsOrigins: options.corsOrigins ?? [ALLOWED_ORIGIN],
    logger: { level: 'info', stream: { write: (line) => lines.push(line) } },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });

  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the server did not listen on a TCP port');
  }
  const baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    app,
    db,
    baseUrl,
    logs: () => lines.map(parseLine),
    logText: () => lines.join(''),
    records: [...demoRecords(count, REFERENCE_DATE)],
    api: (urlPath, init = {}) =>
      fetch(`${baseUrl}${urlPath}`, {
        ...init,
        headers: { authorization: `Bearer ${apiKey}`, ...headersOf(init) },
      }),
    close: async () => {
      await app.close();
      if (db.open) {
        db.close();
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function parseLine(line: string): Record<string, unknown> {
  return JSON.parse(line) as Record<string, unknown>;
}

function headersOf(init: RequestInit): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** POSTs `body` as JSON with the API key. */
export function postJson(server: TestServer, urlPath: string, body: unknown): Promise<Response> {
  return server.api(urlPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Reads a problem body, checking its media type and its shape. */
export async function readProblem(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return problemSchema.parse(await response.json());
}

/** Reads a record body and checks it against the record contract. */
export function checkRecord(body: unknown): ClientRecord {
  const parsed = clientRecordSchema.safeParse(body);
  if (!parsed.success) {
    throw new Error(`record breaks the contract: ${JSON.stringify(parsed.error.issues)}`);
  }
  return parsed.data;
}

/** Compares two debtors as the search sorts them: normalised display name, then id. */
export function compareDebtors(a: ClientRecord, b: ClientRecord): number {
  const nameA = normaliseSearchText(fullName(a.client));
  const nameB = normaliseSearchText(fullName(b.client));
  if (nameA !== nameB) {
    return nameA < nameB ? -1 : 1;
  }
  if (a.client.id === b.client.id) {
    return 0;
  }
  return a.client.id < b.client.id ? -1 : 1;
}

export interface ExpectedQuery {
  name?: string;
  city?: string;
  postalCode?: string;
  email?: string;
  phone?: string;
  kinds?: string;
  dueBefore?: string;
  invoicedFrom?: string;
  invoicedTo?: string;
  notRemindedSince?: string;
  nextLevel?: ReminderLevel;
}

/**
 * The ids a search should return, in order, computed in plain TypeScript from the records: the
 * reference that the SQL is checked against.
 */
export function expectedIds(records: readonly ClientRecord[], query: ExpectedQuery): string[] {
  return records
    .filter(
      (record) =>
        matchesTexts(record, query) &&
        matchesReminder(record, query) &&
        hasKeptPiece(record, query),
    )
    .sort(compareDebtors)
    .map((record) => record.client.id);
}

function contains(value: string | null | undefined, part: string | undefined): boolean {
  if (part === undefined) {
    return true;
  }
  return value != null && normaliseSearchText(value).includes(normaliseSearchText(part));
}

function digitsOf(phone: string): string {
  return phone.replace(/[\s.-]/g, '');
}

function matchesTexts({ client }: ClientRecord, query: ExpectedQuery): boolean {
  const phones = [client.phone, client.phone2].filter((phone): phone is string => phone != null);
  const postalCode = normaliseSearchText(client.postalCode ?? '').replace(/ /g, '');
  return (
    contains(fullName(client), query.name) &&
    contains(client.city, query.city) &&
    contains(client.email, query.email) &&
    (query.postalCode === undefined ||
      (client.postalCode != null &&
        postalCode.startsWith(normaliseSearchText(query.postalCode).replace(/ /g, '')))) &&
    (query.phone === undefined ||
      phones.some((phone) => digitsOf(phone).includes(digitsOf(query.phone ?? ''))))
  );
}

function matchesReminder({ lastReminder }: ClientRecord, query: ExpectedQuery): boolean {
  const notRemindedSince =
    query.notRemindedSince === undefined ||
    !lastReminder ||
    lastReminder.date < query.notRemindedSince;
  const nextLevel =
    query.nextLevel === undefined || nextReminderLevel(lastReminder?.level) === query.nextLevel;
  return notRemindedSince && nextLevel;
}

/** The summary that the search should return for `record`. */
export function expectedSummary(record: ClientRecord): DebtorSummary {
  const { client, lastReminder } = record;
  return {
    id: client.id,
    displayName: fullName(client),
    city: client.city ?? null,
    postalCode: client.postalCode ?? null,
    balanceCents: client.balanceCents ?? 0,
    lastReminder: lastReminder ?? null,
    nextLevel: nextReminderLevel(lastReminder?.level),
    hasUnmatchedPayments: (record.paymentStatus?.unmatchedCount ?? 0) > 0,
  };
}

interface AnyPiece {
  date: string;
  dueDate: string;
  totalCents: number;
  settledCents: number;
}

/** Returns the pieces of the selected kinds, with their paid or used part under one name. */
export function piecesOf(
  record: ClientRecord,
  kinds = 'invoices,creditNotes,transactions',
): AnyPiece[] {
  const selected = kinds.split(',');
  const pieces: AnyPiece[] = [];
  if (selected.includes('invoices')) {
    pieces.push(...record.invoices.map((p) => ({ ...p, settledCents: p.paidCents })));
  }
  if (selected.includes('creditNotes')) {
    pieces.push(...record.creditNotes.map((p) => ({ ...p, settledCents: p.usedCents })));
  }
  if (selected.includes('transactions')) {
    pieces.push(...record.transactions.map((p) => ({ ...p, settledCents: p.paidCents })));
  }
  return pieces;
}

function hasKeptPiece(record: ClientRecord, query: ExpectedQuery): boolean {
  return piecesOf(record, query.kinds).some(
    (piece) =>
      piece.totalCents !== piece.settledCents &&
      (query.dueBefore === undefined || piece.dueDate < query.dueBefore) &&
      (query.invoicedFrom === undefined || piece.date >= query.invoicedFrom) &&
      (query.invoicedTo === undefined || piece.date <= query.invoicedTo),
  );
}

/** Returns every id that a search finds, in one page of the largest size; fails beyond it. */
export async function searchAll(
  server: TestServer,
  query: Record<string, string>,
): Promise<string[]> {
  const params = new URLSearchParams({ ...query, pageSize: '500' });
  const response = await server.api(`/api/v1/debtors?${params.toString()}`);
  expect(response.status).toBe(200);
  const page = (await response.json()) as { items: { id: string }[]; total: number };
  expect(page.total).toBe(page.items.length);
  return page.items.map((item) => item.id);
}
