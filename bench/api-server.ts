/**
 * The server side of the API benchmark, run as a child process by `api-latency.ts`: the reference
 * server over a fresh SQLite file in a temporary folder, filled with `count` demo debtors, on a
 * free port of 127.0.0.1. It logs each request to standard output as `npm run api` does (the
 * parent discards it), reports its port and the debtor ids over IPC, and stops on `stop` or when
 * the parent goes away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { buildServer } from '../src/server/app';
import { openDatabase } from '../src/server/database';
import { demoRecords } from '../src/server/demo-data';
import { fillDemoDatabase } from '../src/server/demo-database';
import { DEFAULT_API_KEY } from '../src/server/server-config';

/** The date around which the demo due dates fall, fixed so that every run has the same data. */
const BENCH_REFERENCE_DATE = '2026-12-04';

export type ServerReady = {
  type: 'ready';
  baseUrl: string;
  apiKey: string;
  ids: string[];
  seedMs: number;
};

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '10000');
  const folder = mkdtempSync(path.join(tmpdir(), 'opisto-bench-'));
  const db = openDatabase(path.join(folder, 'bench.sqlite'));
  const { elapsedMs } = fillDemoDatabase(db, { count, referenceDate: BENCH_REFERENCE_DATE });
  const ids = [...demoRecords(count, BENCH_REFERENCE_DATE)].map((entry) => entry.client.id);

  const app = buildServer({ db, apiKey: DEFAULT_API_KEY, corsOrigins: [] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the server did not listen on a TCP port');
  }

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) {
      return;
    }
    stopped = true;
    await app.close();
    db.close();
    rmSync(folder, { recursive: true, force: true });
    process.disconnect?.();
  };
  process.on('message', (message) => {
    if (message === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => void stop());

  const ready: ServerReady = {
    type: 'ready',
    baseUrl: `http://127.0.0.1:${address.port}`,
    apiKey: DEFAULT_API_KEY,
    ids,
    seedMs: elapsedMs,
  };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench api server: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
