/**
 * Sources of the command line's client records: a JSON file, or the Opisto API with the search
 * filters of the back office. Records arrive in batches, so each letter is written as its record
 * comes in, and letters already written stay when the API fails midway.
 */
import { ApiError, createOpistoClient, type OpistoClient } from '../api/client';
import { MAX_BATCH_SIZE, type DebtorFilter, type DebtorSummary } from '../api/contract';
import type { ReminderLevel } from '../merge/reminder-levels';
import { readRecords, UsageError } from './read-inputs';
import type { RunLog } from './log';

/** Clients whose records could not be fetched, with the French reason. */
export type UnavailableClient = { clientId: string; clientName: string; reason: string };

export type SourceBatch = { records: unknown[]; unavailable: UnavailableClient[] };

export type RecordSource = {
  /** How many clients the source holds, for the progress bar. */
  total: number;
  batches: AsyncIterable<SourceBatch>;
  /** The API the records come from, where the reminders are recorded; none for a file. */
  client?: OpistoClient;
};

/** Records of a JSON file: one batch. */
export function fileSource(path: string): RecordSource {
  const records = readRecords(path);
  return {
    total: records.length,
    batches: (async function* () {
      yield { records, unavailable: [] };
    })(),
  };
}

export type ApiSourceOptions = {
  api: string;
  apiKey?: string;
  dueBefore?: string;
  invoicedFrom?: string;
  invoicedTo?: string;
  kinds?: string;
  name?: string;
  city?: string;
  postalCode?: string;
  /** Level of the next reminder, as the search's `nextLevel` takes it. */
  nextLevel?: ReminderLevel;
  /** Clients never reminded, or last reminded before this date. */
  notRemindedSince?: string;
};

/**
 * Searches the API for the debtors the filters select, then fetches their records in batch
 * requests. A failed search stops the run with exit code 2. A failed batch marks its clients
 * and the ones after it as unavailable, and the letters already written stay.
 */
export async function apiSource(options: ApiSourceOptions, log: RunLog): Promise<RecordSource> {
  const client = openClient(options);
  const filter: DebtorFilter = {
    kinds: options.kinds,
    dueBefore: options.dueBefore,
    invoicedFrom: options.invoicedFrom,
    invoicedTo: options.invoicedTo,
  };

  let debtors: DebtorSummary[];
  try {
    debtors = await client.searchAllDebtors({
      ...filter,
      name: options.name,
      city: options.city,
      postalCode: options.postalCode,
      nextLevel: options.nextLevel,
      notRemindedSince: options.notRemindedSince,
    });
  } catch (error) {
    throw usageErrorFrom(error, log);
  }
  log.write('info', 'api_search', { debtors: debtors.length });
  return { total: debtors.length, batches: fetchBatches(client, debtors, filter, log), client };
}

function openClient(options: ApiSourceOptions): OpistoClient {
  const apiKey = options.apiKey ?? process.env.OPISTO_API_KEY;
  if (!apiKey) {
    throw new UsageError(
      'clé API manquante : indiquez-la avec --api-key ou dans la variable d’environnement ' +
        'OPISTO_API_KEY.',
    );
  }
  try {
    return createOpistoClient({ baseUrl: options.api, apiKey });
  } catch (error) {
    throw usageErrorFrom(error);
  }
}

function usageErrorFrom(error: unknown, log?: RunLog): Error {
  if (error instanceof ApiError) {
    log?.write('error', 'api_failed', { code: error.code, ...error.details });
    return new UsageError(forCommandLine(error), { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The API's parameters, as the command line's options name them. */
const OPTION_NAMES: Readonly<Record<string, string>> = {
  dueBefore: '--due-before',
  invoicedFrom: '--invoiced-from',
  invoicedTo: '--invoiced-to',
  kinds: '--kinds',
  name: '--name',
  city: '--city',
  postalCode: '--postal-code',
  nextLevel: '--next-level',
  notRemindedSince: '--not-reminded-for',
};

/** A parameter named at the start of a message's part, as in "dueBefore : date invalide". */
const PARAMETER_IN_MESSAGE = new RegExp(
  `\\b(${Object.keys(OPTION_NAMES).join('|')})\\b(?= :)`,
  'g',
);

/**
 * Rewrites a client message for the command line: it names the add-in's settings and the API's
 * parameters, where the user typed options.
 */
function forCommandLine(error: ApiError): string {
  let message = error.message.replace(
    PARAMETER_IN_MESSAGE,
    (parameter) => OPTION_NAMES[parameter] ?? parameter,
  );
  if (error.code === 'unauthorized') {
    message += ' En ligne de commande, la clé vient de --api-key ou de la variable OPISTO_API_KEY.';
  } else if (error.code === 'insecure_url' || error.code === 'not_found') {
    message += ' En ligne de commande, l’adresse vient de l’option --api.';
  }
  return message;
}

async function* fetchBatches(
  client: OpistoClient,
  debtors: readonly DebtorSummary[],
  filter: DebtorFilter,
  log: RunLog,
): AsyncGenerator<SourceBatch> {
  for (let start = 0; start < debtors.length; start += MAX_BATCH_SIZE) {
    const chunk = debtors.slice(start, start + MAX_BATCH_SIZE);
    try {
      const result = await client.getRecords(
        chunk.map((debtor) => debtor.id),
        filter,
      );
      const missing = new Set(result.missing);
      const invalid = new Map(result.invalid.map((entry) => [entry.id, entry.problems]));
      for (const entry of result.invalid) {
        log.write('error', 'record_invalid', {
          clientId: entry.id,
          problems: entry.problems.join(' | '),
        });
      }
      yield {
        records: result.records,
        unavailable: chunk.flatMap((debtor) => {
          if (missing.has(debtor.id)) {
            return [unavailable(debtor, 'client introuvable dans Opisto (supprimé ?)')];
          }
          const problems = invalid.get(debtor.id);
          return problems ? [unavailable(debtor, invalidRecordReason(problems))] : [];
        }),
      };
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      log.write('error', 'api_failed', { code: error.code, ...error.details });
      yield {
        records: [],
        unavailable: debtors.slice(start).map((debtor) => unavailable(debtor, error.message)),
      };
      return;
    }
  }
}

/** Describes a record the API sent invalid: its problems, and where to correct them. */
function invalidRecordReason(problems: readonly string[]): string {
  return (
    `fiche client incorrecte dans Opisto (${problems.join(' ; ')}). Corrigez-la dans Opisto, ` +
    'puis relancez la fusion pour ce client.'
  );
}

function unavailable(debtor: DebtorSummary, reason: string): UnavailableClient {
  return {
    clientId: debtor.id,
    clientName: debtor.displayName,
    reason: `Données non reçues : ${reason}`,
  };
}
