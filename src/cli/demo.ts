/**
 * `npm run demo`: starts the reference API server in this process on a free loopback port, with
 * a demo database in memory, and merges the "Relance 1er rappel" starter template through the
 * API for every demo debtor with something due, into out/.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

import { localCalendarDate } from '../merge/format';
import { buildServer } from '../server/app';
import { openDatabase } from '../server/database';
import { DEMO_DEBTOR_COUNT } from '../server/demo-data';
import { fillDemoDatabase } from '../server/demo-database';
import { runMerge } from './merge-command';
import { UsageError } from './read-inputs';

const root = resolve(__dirname, '..', '..');
const out = join(root, 'out');

async function demo(): Promise<number> {
  const today = localCalendarDate(new Date());
  const db = openDatabase(':memory:');
  fillDemoDatabase(db, { count: DEMO_DEBTOR_COUNT, referenceDate: today });
  // A fresh key for this run only: the server and the merge live in this process.
  const apiKey = randomBytes(16).toString('hex');
  const app = buildServer({ db, apiKey, corsOrigins: [], logger: false });

  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    console.log(
      `Serveur Opisto de démonstration : http://127.0.0.1:${port} (${DEMO_DEBTOR_COUNT} débiteurs)`,
    );

    const code = await runMerge({
      template: join(root, 'assets', 'templates', 'Relance 1er rappel.docx'),
      api: `http://127.0.0.1:${port}`,
      apiKey,
      dueBefore: today,
      kinds: 'invoices',
      out,
      report: join(out, 'rapport.json'),
    });
    console.log(`Ouvrez les courriers dans Word : ${out}`);
    console.log(`Compte rendu par client : ${join(out, 'rapport.json')}`);
    return code;
  } finally {
    await app.close();
    db.close();
  }
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Erreur : ${error instanceof UsageError ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
