/** A small HTTP server on 127.0.0.1 that plays the Opisto API in tests, one handler per test. */
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';

import { createOpistoClient, type OpistoClientOptions } from '../../src/api/client';
import { type ClientRecord } from '../../src/api/record';

export interface ReceivedRequest {
  method: string;
  /** Path and query, such as "/api/v1/debtors?page=2". */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Index of this request among those the server received, from 0. */
  index: number;
}

export type Handler = (request: ReceivedRequest, response: ServerResponse) => void;

export interface FakeServer {
  /** "http://127.0.0.1:<port>". */
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<FakeServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        index: requests.length,
      };
      requests.push(request);
      handler(request, response);
    });
  });

  const port = await listen(server);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => closeServer(server),
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes the server and every connection, even those that a slow handler keeps open. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(text);
}

export function sendProblem(
  response: ServerResponse,
  status: number,
  title: string,
  detail: string,
): void {
  const body = { type: 'about:blank', title, status, detail };
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify(body));
}

/** Runs `action` after `ms`, unless the connection closes first, so no timer outlives a test. */
export function afterDelay(response: ServerResponse, ms: number, action: () => void): void {
  const timer = setTimeout(action, ms);
  response.on('close', () => clearTimeout(timer));
}

export const API_KEY = 'sk_test_9f2c41d0b7e84a6c';

/** Waits and sleeps that the test client was asked for, in ms. */
export interface Clock {
  sleeps: number[];
}

/**
 * Creates a client for `baseUrl` with short deadlines and a sleep that returns at once and
 * records each delay, so that retries cost no real time.
 */
export function testClient(baseUrl: string, overrides: Partial<OpistoClientOptions> = {}) {
  const clock: Clock = { sleeps: [] };
  const client = createOpistoClient({
    baseUrl,
    apiKey: API_KEY,
    timeoutMs: 300,
    random: () => 0.5,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, clock };
}

export function makeRecord(id: string, dueDate = '2018-10-31'): ClientRecord {
  return {
    client: { id, companyName: `Société ${id}`, city: 'Toulouse' },
    invoices: [
      { number: `F-${id}`, date: '2018-10-01', dueDate, totalCents: 12_000, paidCents: 2_000 },
    ],
    creditNotes: [],
    transactions: [],
  };
}

/** Runs `action` and returns what it threw, failing the test when it does not throw. */
export async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
