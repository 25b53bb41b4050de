/**
 * The API's routes, as the header of src/api/contract.ts lists them. Inputs are checked with the
 * contract's zod schemas; an invalid one gets a 400 problem that names each bad parameter.
 */
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';

import {
  API_PREFIX,
  debtorFilterSchema,
  debtorSearchQuerySchema,
  recordBatchRequestSchema,
  type DebtorFilter,
  type RecordBatch,
} from '../api/contract';
import { requireApiKey } from './api-key';
import { readRecords } from './debtor-records';
import { searchDebtors } from './debtor-search';
import {
  debtorNotFound,
  FRENCH,
  rejectInput,
  REQUEST_BODY_TITLE,
  SEARCH_PARAMETERS_TITLE,
  sendProblem,
} from './problems';
import { registerReminderRoutes } from './reminder-routes';

export interface RouteOptions {
  db: Database;
  apiKey: string;
  version: string;
}

/*
 * Unknown parameters are rejected rather than ignored: a misspelt filter ("duebefore") would
 * otherwise return more debtors than the user asked for, and letters would go to the wrong ones.
 */
type DateRange = { invoicedFrom?: string; invoicedTo?: string };

// ISO dates compare as text. A range that ends before it starts is a mistake, not a search
// for nothing, so it gets a 400 that names the parameter.
const DATES_IN_ORDER = {
  path: ['invoicedTo'],
  error: 'date invalide, elle précède invoicedFrom',
};
function datesInOrder(range: DateRange): boolean {
  return !range.invoicedFrom || !range.invoicedTo || range.invoicedFrom <= range.invoicedTo;
}

const searchQuerySchema = debtorSearchQuerySchema.strict().refine(datesInOrder, DATES_IN_ORDER);
const filterSchema = debtorFilterSchema.strict().refine(datesInOrder, DATES_IN_ORDER);
const recordQuerySchema = filterSchema;
const batchRequestSchema = recordBatchRequestSchema
  .extend({ filter: filterSchema.optional() })
  .strict();

export async function registerRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  app.get(`${API_PREFIX}/health`, async () => {
    // Running a query checks the database as well as the process.
    options.db.prepare('SELECT 1').get();
    return { status: 'ok', version: options.version };
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', requireApiKey(options.apiKey));
      registerDebtorRoutes(api, options.db);
      registerReminderRoutes(api, options.db);
    },
    { prefix: API_PREFIX },
  );
}

function registerDebtorRoutes(api: FastifyInstance, db: Database): void {
  api.get('/debtors', async (request, reply) => {
    const query = searchQuerySchema.safeParse(request.query, FRENCH);
    if (!query.success) {
      return rejectInput(reply, SEARCH_PARAMETERS_TITLE, query.error, request.query);
    }
    return searchDebtors(db, query.data);
  });

  api.get<{ Params: { id: string } }>('/debtors/:id/record', async (request, reply) => {
    const filter = recordQuerySchema.safeParse(request.query, FRENCH);
    if (!filter.success) {
      return rejectInput(reply, SEARCH_PARAMETERS_TITLE, filter.error, request.query);
    }

    const { id } = request.params;
    const record = readRecords(db, [id], filter.data).get(id);
    return record ?? sendProblem(reply, debtorNotFound(id));
  });

  api.post('/debtors/records', async (request, reply) => {
    const body = batchRequestSchema.safeParse(request.body, FRENCH);
    if (!body.success) {
      return rejectInput(reply, REQUEST_BODY_TITLE, body.error, request.body);
    }
    return readBatch(db, body.data.ids, body.data.filter ?? {});
  });
}

/**
 * Returns the records in the order of `ids`. A repeated id gives one record, at its first place,
 * so that a client that sends an id twice does not print two letters.
 */
function readBatch(db: Database, ids: readonly string[], filter: DebtorFilter): RecordBatch {
  const uniqueIds = [...new Set(ids)];
  const found = readRecords(db, uniqueIds, filter);
  return {
    records: uniqueIds.flatMap((id) => found.get(id) ?? []),
    missing: uniqueIds.filter((id) => !found.has(id)),
  };
}
