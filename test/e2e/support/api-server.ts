/**
 * The reference API for the browser tests: the demo debtors in an in-memory SQLite database,
 * Fastify on a loopback port, and the pane's origin in the CORS allow-list. It can be stopped
 * and started again on the same port with the same data, as a server that goes down and comes
 * back.
 */
import type { AddressInfo } from 'node:net';

import type { FastifyInstance } from 'fastify';

import type { ClientRecord } from '../../../src/api/record';
import { buildServer } from '../../../src/server/app';
import { openDatabase, type Database } from '../../../src/server/database';
import { demoRecords } from '../../../src/server/demo-data';
import { fillDemoDatabase } from '../../../src/server/demo-database';
import { DEFAULT_API_KEY } from '../../../src/server/server-config';
import { REFERENCE_DATE } from '../../server/helpers';

/** The key of `npm run api`'s demo server, which a user would type in "Paramètres". */
export const DEMO_KEY = DEFAULT_API_KEY;

export interface ApiServerOptions {
  /** Number of demo debtors in the database. */
  count: number;
  /** The pane's origin, such as http://127.0.0.1:41234. */
  paneOrigin: string;
}

export interface ApiServer {
  baseUrl: string;
  /** The demo records the database contains, in insertion order. */
  records: ClientRecord[];
  /** Closes the listening socket; the data stays for `start`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const db = openDatabase(':memory:');
  fillDemoDatabase(db, { count: options.count, referenceDate: REFERENCE_DATE });

  let app = await listen(db, options.paneOrigin, 0);
  const port = (app.server.address() as AddressInfo).port;
  let running = true;

  const stop = async (): Promise<void> => {
    if (running) {
      running = false;
      await app.close();
    }
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    records: [...demoRecords(options.count, REFERENCE_DATE)],
    stop,
    start: async () => {
      if (!running) {
        app = await listen(db, options.paneOrigin, port);
        running = true;
      }
    },
    close: async () => {
      await stop();
      db.close();
    },
  };
}

async function listen(db: Database, paneOrigin: string, port: number): Promise<FastifyInstance> {
  const app = buildServer({ db, apiKey: DEMO_KEY, corsOrigins: [paneOrigin], logger: false });
  await app.listen({ host: '127.0.0.1', port });
  return app;
}
