/**
 * API latency. The reference server runs in a child process (`api-server.ts`) over a
 * 10,000-debtor SQLite database, and this process is the client. It times each request on
 * loopback, from the call to the last byte of the body, one request at a time over a kept-alive
 * connection. Warm-up requests come first and are not counted.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { ServerReady } from './api-server';
import { percentile } from './stats';

export type ApiLatencyOptions = { quick?: boolean };

export type LatencySummary = {
  /** Timed requests. */
  requests: number;
  /** Median and 95th percentile of the request time, in ms. */
  p50Ms: number;
  p95Ms: number;
};

export type ApiLatencyBench = {
  debtors: number;
  /** Time the server took to write the database, in ms: information only. */
  seedMs: number;
  search: LatencySummary;
  batch100: LatencySummary;
};

const DEBTORS = 10_000;
const BATCH_SIZE = 100;

/**
 * Searches as the pane sends them, cycled: the default list (open pieces due before a date), a
 * name, a city, a postal code prefix. Each returns one page of 50 and the total.
 */
const SEARCHES: readonly Record<string, string>[] = [
  { dueBefore: '2026-12-04' },
  { name: 'mar' },
  { city: 'toulouse', dueBefore: '2026-12-04' },
  { postalCode: '31', kinds: 'invoices' },
];

export async function measureApiLatency(options: ApiLatencyOptions = {}): Promise<ApiLatencyBench> {
  const timed = options.quick ? 50 : 200;
  const warmUp = options.quick ? 10 : 30;
  const { child, ready } = await startServer(DEBTORS);
  try {
    const client = new ApiClient(ready);
    const search = await timeRequests(warmUp, timed, (index) =>
      client.search(SEARCHES[index % SEARCHES.length] ?? {}),
    );
    const batch100 = await timeRequests(warmUp, timed, (index) =>
      client.batch(idsOfBatch(ready.ids, index)),
    );
    return { debtors: DEBTORS, seedMs: ready.seedMs, search, batch100 };
  } finally {
    await stopServer(child);
  }
}

/** The ids of the `index`-th batch: consecutive slices of the shuffled-by-step id list. */
function idsOfBatch(ids: readonly string[], index: number): string[] {
  const batch: string[] = [];
  // A prime step spreads each batch over the whole table rather than one neighbourhood of rows.
  const step = 7919;
  for (let offset = 0; offset < BATCH_SIZE; offset++) {
    batch.push(ids[((index * BATCH_SIZE + offset) * step) % ids.length] ?? '');
  }
  return batch;
}

async function timeRequests(
  warmUp: number,
  timed: number,
  send: (index: number) => Promise<void>,
): Promise<LatencySummary> {
  for (let index = 0; index < warmUp; index++) {
    await send(index);
  }
  const times: number[] = [];
  for (let index = 0; index < timed; index++) {
    const start = performance.now();
    await send(warmUp + index);
    times.push(performance.now() - start);
  }
  return { requests: timed, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

class ApiClient {
  constructor(private readonly server: ServerReady) {}

  async search(query: Record<string, string>): Promise<void> {
    const params = new URLSearchParams(query).toString();
    const body = (await this.send(`/api/v1/debtors?${params}`)) as { items?: unknown[] };
    if (!Array.isArray(body.items)) {
      throw new Error('the search returned no items');
    }
  }

  async batch(ids: string[]): Promise<void> {
    const body = (await this.send('/api/v1/debtors/records', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    })) as { records?: unknown[] };
    if (!Array.isArray(body.records) || body.records.length === 0) {
      throw new Error('the batch returned no records');
    }
  }

  private async send(urlPath: string, init: RequestInit = {}): Promise<unknown> {
    const response = await fetch(`${this.server.baseUrl}${urlPath}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${this.server.apiKey}` },
    });
    const body: unknown = await response.json();
    if (!response.ok) {
      throw new Error(`${urlPath} failed with status ${response.status}: ${JSON.stringify(body)}`);
    }
    return body;
  }
}

function startServer(debtors: number): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = fork(path.join(__dirname, 'api-server.ts'), [String(debtors)], {
    execArgv: ['--import', 'tsx'],
    // The request log goes nowhere; errors reach the terminal.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ready: message as ServerReady }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench API server exited with ${code}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}
