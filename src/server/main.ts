/**
 * `npm run api`: starts the reference server on 127.0.0.1 with the settings of server-config.ts,
 * creating and filling the demo database on the first start. Ctrl+C (SIGINT) or SIGTERM stops it
 * after the requests in progress.
 */
import type { FastifyInstance } from 'fastify';

import { API_PREFIX } from '../api/contract';
import { localCalendarDate } from '../merge/format';
import { buildServer } from './app';
import { countClients, openDatabase, type Database } from './database';
import { DEMO_DEBTOR_COUNT } from './demo-data';
import { fillDemoDatabase } from './demo-database';
import { ConfigError, readServerConfig, type ServerConfig } from './server-config';

const HOST = '127.0.0.1';

async function main(): Promise<void> {
  const config = readServerConfig(process.env);
  const db = openDatabase(config.databaseFile);

  try {
    if (countClients(db) === 0) {
      const referenceDate = localCalendarDate(new Date());
      const { inserted } = fillDemoDatabase(db, { count: DEMO_DEBTOR_COUNT, referenceDate });
      print(
        `Base de démonstration créée : ${inserted} débiteurs, ` +
          `échéances autour du ${referenceDate}.`,
      );
    }

    const app = buildServer({ db, apiKey: config.apiKey, corsOrigins: config.corsOrigins });
    await app.listen({ host: HOST, port: config.port });
    printBanner(app, config, countClients(db));
    stopOnSignals(app, db);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Prints where the server listens, on which data, and what to type in the add-in's settings. */
function printBanner(app: FastifyInstance, config: ServerConfig, debtors: number): void {
  // With PORT=0 the system picks the port, so read it back from the socket.
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const key = config.usesDemoKey
    ? `${config.apiKey} (clé de démonstration ; ` +
      'définissez OPISTO_API_KEY pour en choisir une autre)'
    : 'celle de la variable OPISTO_API_KEY (non affichée)';

  print(
    [
      `Serveur Opisto de référence à l’écoute sur http://${HOST}:${port}${API_PREFIX}`,
      `Base de données : ${config.databaseFile} (${debtors} débiteurs)`,
      `Clé API à saisir dans les paramètres du complément : ${key}`,
      `Origines autorisées (CORS) : ${config.corsOrigins.join(', ') || 'aucune'}`,
      'Ctrl+C pour arrêter.',
    ].join('\n'),
  );
}

function stopOnSignals(app: FastifyInstance, db: Database): void {
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    app.log.info({ signal }, 'stopping the server');
    await app.close();
    db.close();
    print('Serveur arrêté.');
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, (received) => {
      stop(received).catch((error: unknown) => {
        app.log.error({ err: error }, 'the server did not stop cleanly');
        process.exitCode = 1;
      });
    });
  }
}

/** Writes a line for the person who started the server; the request log is separate. */
function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

function describeStartError(error: unknown): string {
  if (error instanceof ConfigError) {
    return error.message;
  }
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return 'Le port est déjà utilisé : arrêtez l’autre serveur ou choisissez un autre PORT.';
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `Le serveur n’a pas pu démarrer : ${reason}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartError(error)}\n`);
  process.exitCode = 1;
});
