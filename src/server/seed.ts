/**
 * `npm run api:seed -- --debtors 10000 [--db FILE] [--date YYYY-MM-DD] [--replace]`: fills a
 * database with demo debtors, for trying the server and the add-in on a large client base.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { isCalendarDate, localCalendarDate } from '../merge/format';
import { countClients, openDatabase } from './database';
import { fillDemoDatabase } from './demo-database';
import { ConfigError, readServerConfig } from './server-config';

/** A bound that keeps a typing slip (an extra zero or two) from filling the disk. */
const MAX_DEBTORS = 1_000_000;

const USAGE =
  'Usage : npm run api:seed -- --debtors N [--db FICHIER] [--date AAAA-MM-JJ] [--replace]\n' +
  '  --debtors  nombre de débiteurs à écrire (1 à 1 000 000)\n' +
  '  --db       fichier SQLite (par défaut OPISTO_DB, sinon data/opisto-demo.sqlite)\n' +
  '  --date     date autour de laquelle tombent les échéances (par défaut aujourd’hui)\n' +
  '  --replace  remplace les débiteurs déjà présents dans la base';

/** A bad command-line argument: the usage follows its message. */
class UsageError extends Error {}

interface SeedOptions {
  count: number;
  databaseFile: string;
  referenceDate: string;
  replace: boolean;
}

function readOptions(args: string[]): SeedOptions {
  const { values } = parseArgs({
    args,
    options: {
      debtors: { type: 'string' },
      db: { type: 'string' },
      date: { type: 'string' },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    throw new HelpRequested();
  }
  if (values.debtors === undefined) {
    throw new UsageError('option --debtors manquante : indiquez combien de débiteurs écrire.');
  }

  const count = Number(values.debtors);
  if (!/^\d+$/u.test(values.debtors ?? '') || count < 1 || count > MAX_DEBTORS) {
    throw new UsageError(
      `--debtors invalide « ${values.debtors ?? ''} » : donnez un entier de 1 à 1 000 000.`,
    );
  }
  const referenceDate = values.date ?? localCalendarDate(new Date());
  if (!isCalendarDate(referenceDate)) {
    throw new UsageError(
      `--date invalide « ${referenceDate} » : une date réelle au format AAAA-MM-JJ est attendue.`,
    );
  }

  const databaseFile = values.db
    ? path.resolve(values.db)
    : readServerConfig(process.env).databaseFile;
  return { count, databaseFile, referenceDate, replace: values.replace };
}

function seed(options: SeedOptions): void {
  const db = openDatabase(options.databaseFile);
  try {
    const existing = countClients(db);
    if (existing > 0 && !options.replace) {
      throw new ConfigError(
        `La base ${options.databaseFile} contient déjà ${existing} débiteurs : ` +
          'ajoutez --replace pour les remplacer.',
      );
    }

    const { inserted, elapsedMs } = fillDemoDatabase(db, {
      count: options.count,
      referenceDate: options.referenceDate,
      replace: options.replace,
    });
    process.stdout.write(
      `${inserted} débiteurs écrits dans ${options.databaseFile} ` +
        `en ${Math.round(elapsedMs)} ms (échéances autour du ${options.referenceDate}).\n`,
    );
  } finally {
    db.close();
  }
}

/** `--help`: the usage is printed, and the program ends without an error. */
class HelpRequested extends Error {}

try {
  seed(readOptions(process.argv.slice(2)));
} catch (error) {
  if (error instanceof HelpRequested) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const isParseError =
    error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
  // Node's own messages for unknown options are English.
  const message = isParseError
    ? 'option inconnue ou sans valeur.'
    : error instanceof Error
      ? error.message
      : String(error);
  const isUsageError = error instanceof UsageError || isParseError;
  const usage = isUsageError ? `\n${USAGE}` : '';
  process.stderr.write(`${message}${usage}\n`);
  process.exitCode = 1;
}
