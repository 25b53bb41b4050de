/**
 * Client of the Opisto back office API; contract.ts lists the paths and their messages.
 *
 * Every method validates its arguments and the server's response against the contract, and
 * throws only ApiError for anything that goes wrong on the way. Its message is French, and no
 * error contains the API key.
 */
import { z } from 'zod';

import { ApiError, maskSecret, maskText } from './api-error';
import {
  parseDebtorId,
  parseDebtorIds,
  parseFilter,
  parseSearchQuery,
  toSearchParams,
  type DebtorSearchInput,
} from './arguments';
import { checkBatch, chunk } from './batches';
import { fetchJson, type CallOptions, type ClientContext } from './call-context';
import { resolveOptions, type OpistoClientOptions } from './client-options';
import {
  clientRecordSchema,
  debtorPageSchema,
  healthSchema,
  MAX_PAGE_SIZE,
  looseRecordBatchSchema,
  type DebtorFilter,
  type DebtorPage,
  type DebtorSummary,
  type LooseRecordBatch,
  type ReminderBatch,
  type ReminderHistory,
  type RemindersRecorded,
} from './contract';
import { invalidResponse } from './payload';
import { parseClientRecord } from './parse-record';
import { type ClientRecord } from './record';
import { recordReminders, reminderHistory, type RecordRemindersOptions } from './reminder-calls';
import { createTransport, type ApiRequest } from './transport';

export type { CallOptions } from './call-context';
export type { OpistoClientOptions } from './client-options';
export { newIdempotencyKey, type RecordRemindersOptions } from './reminder-calls';
export type { DebtorSearchInput } from './arguments';
export type { RetryEvent } from './transport';
export { ApiError, type ApiErrorCode, type ApiErrorDetails } from './api-error';

export type Health = z.infer<typeof healthSchema>;

export interface SearchAllOptions extends CallOptions {
  /** Called after each page arrives, for a progress display. */
  onPage?: (page: DebtorPage) => void;
}

export interface RecordsProgress {
  /** Distinct ids handled so far, found or missing. */
  done: number;
  /** Distinct ids requested. */
  total: number;
}

export interface GetRecordsOptions extends CallOptions {
  /** Called after each batch request. */
  onProgress?: (progress: RecordsProgress) => void;
}

export interface RecordsResult {
  /** Records found, in the order of the requested ids, each id once. */
  records: ClientRecord[];
  /** Requested ids that match no debtor, in the order of the request. */
  missing: string[];
  /** Records that break the contract, with the French problems, in the order of the request. */
  invalid: InvalidRecord[];
}

export type InvalidRecord = { id: string; problems: readonly string[] };

export interface OpistoClient {
  /** Checks that the server is up; needs no valid key. */
  health(options?: CallOptions): Promise<Health>;
  /** Fetches one page of debtors that match `query`. */
  searchDebtors(query: DebtorSearchInput, options?: CallOptions): Promise<DebtorPage>;
  /**
   * Fetches every page from `query.page` on, `query.pageSize` debtors at a time (MAX_PAGE_SIZE
   * when absent), and returns the debtors, each once.
   */
  searchAllDebtors(query: DebtorSearchInput, options?: SearchAllOptions): Promise<DebtorSummary[]>;
  /** Fetches one debtor's record; the filter selects its pieces. */
  getRecord(id: string, filter?: DebtorFilter, options?: CallOptions): Promise<ClientRecord>;
  /** Fetches the records of `ids` in batch requests of at most `fetchBatchSize` ids. */
  getRecords(
    ids: readonly string[],
    filter?: DebtorFilter,
    options?: GetRecordsOptions,
  ): Promise<RecordsResult>;
  /**
   * Records the reminders of a merge, MAX_BATCH_SIZE at most, in one request: all of them, or
   * none when a client id matches no debtor (ApiError `bad_request` naming it). The request
   * carries an `Idempotency-Key`, so it is retried like a read and never recorded twice.
   */
  recordReminders(
    batch: ReminderBatch,
    options?: RecordRemindersOptions,
  ): Promise<RemindersRecorded>;
  /** Fetches one debtor's reminders, newest first. */
  reminderHistory(id: string, options?: CallOptions): Promise<ReminderHistory>;
}

/**
 * Creates a client. Throws an ApiError `insecure_url` for a base URL that is not https (or http
 * to this machine), `unauthorized` for an empty or malformed key, and a RangeError for a bad
 * numeric option.
 */
export function createOpistoClient(options: OpistoClientOptions): OpistoClient {
  const { transport, batchSize } = resolveOptions(options);
  const context: ClientContext = { send: createTransport(transport), batchSize };

  /** Runs a public method; its ApiErrors leave with the key masked in case a server echoed it. */
  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof ApiError ? maskSecret(error, transport.apiKey) : error;
    }
  }

  return {
    health: (callOptions = {}) => guard(() => health(context, callOptions.signal)),
    searchDebtors: (query, callOptions = {}) =>
      guard(() => searchDebtors(context, query, callOptions.signal)),
    searchAllDebtors: (query, callOptions = {}) =>
      guard(() => searchAllDebtors(context, query, callOptions)),
    getRecord: (id, filter, callOptions = {}) =>
      guard(() => getRecord(context, id, filter, callOptions.signal)),
    getRecords: (ids, filter, callOptions = {}) =>
      guard(async () => {
        const result = await getRecords(context, ids, filter, callOptions);
        // The problems quote the record's values, which a server may have filled with the key.
        const invalid = result.invalid.map(({ id, problems }) => ({
          id,
          problems: problems.map((problem) => maskText(problem, transport.apiKey)),
        }));
        return { ...result, invalid };
      }),
    recordReminders: (batch, callOptions = {}) =>
      guard(() => recordReminders(context, batch, callOptions)),
    reminderHistory: (id, callOptions = {}) =>
      guard(() => reminderHistory(context, id, callOptions.signal)),
  };
}

async function health(context: ClientContext, signal?: AbortSignal): Promise<Health> {
  const request: ApiRequest = { method: 'GET', path: '/health', idempotent: true };
  return (await fetchJson(context, healthSchema, request, signal)).value;
}

async function searchDebtors(
  context: ClientContext,
  query: DebtorSearchInput,
  signal?: AbortSignal,
): Promise<DebtorPage> {
  const request: ApiRequest = {
    method: 'GET',
    path: '/debtors',
    query: toSearchParams(parseSearchQuery(query)),
    idempotent: true,
  };
  return (await fetchJson(context, debtorPageSchema, request, signal)).value;
}

async function searchAllDebtors(
  context: ClientContext,
  query: DebtorSearchInput,
  options: SearchAllOptions,
): Promise<DebtorSummary[]> {
  const parsed = parseSearchQuery({ ...query, pageSize: query.pageSize ?? MAX_PAGE_SIZE });
  const debtors = new Map<string, DebtorSummary>();
  let lastPage = parsed.page;

  for (let page = parsed.page; page <= lastPage; page += 1) {
    const result = await searchDebtors(context, { ...parsed, page }, options.signal);
    options.onPage?.(result);
    if (result.items.length === 0) {
      break;
    }
    // NOTE: debtors added or removed during the walk shift the pages, so one can be skipped.
    // A debtor that a shift brings back on the next page is kept once.
    for (const item of result.items) {
      if (!debtors.has(item.id)) {
        debtors.set(item.id, item);
      }
    }
    lastPage = Math.max(lastPage, Math.ceil(result.total / result.pageSize));
  }
  return [...debtors.values()];
}

async function getRecord(
  context: ClientContext,
  id: string,
  filter: DebtorFilter | undefined,
  signal?: AbortSignal,
): Promise<ClientRecord> {
  const debtorId = parseDebtorId(id);
  const request: ApiRequest = {
    method: 'GET',
    path: `/debtors/${encodeURIComponent(debtorId)}/record`,
    query: toSearchParams(parseFilter(filter)),
    idempotent: true,
    notFoundMessage: `Débiteur « ${debtorId} » introuvable dans Opisto : vérifiez l’identifiant.`,
  };

  const { value, details } = await fetchJson(context, clientRecordSchema, request, signal);
  if (value.client.id !== debtorId) {
    const issue = `client.id : débiteur « ${value.client.id} » reçu au lieu de « ${debtorId} »`;
    throw invalidResponse([issue], details);
  }
  return value;
}

async function getRecords(
  context: ClientContext,
  ids: readonly string[],
  filter: DebtorFilter | undefined,
  options: GetRecordsOptions,
): Promise<RecordsResult> {
  const requestedIds = parseDebtorIds(ids);
  const parsedFilter = parseFilter(filter);
  const found = new Map<string, ClientRecord>();
  const invalid = new Map<string, readonly string[]>();
  let done = 0;

  for (const part of chunk(requestedIds, context.batchSize)) {
    const batch = await fetchBatch(context, part, parsedFilter, options.signal);
    for (const raw of batch.records) {
      const parsed = parseClientRecord(raw);
      if (parsed.ok) {
        found.set(raw.client.id, parsed.record);
      } else {
        invalid.set(raw.client.id, parsed.problems);
      }
    }
    done += part.length;
    options.onProgress?.({ done, total: requestedIds.length });
  }

  return {
    records: requestedIds.flatMap((id) => found.get(id) ?? []),
    missing: requestedIds.filter((id) => !found.has(id) && !invalid.has(id)),
    invalid: requestedIds.flatMap((id) => {
      const problems = invalid.get(id);
      return problems ? [{ id, problems }] : [];
    }),
  };
}

async function fetchBatch(
  context: ClientContext,
  ids: string[],
  filter: DebtorFilter,
  signal?: AbortSignal,
): Promise<LooseRecordBatch> {
  const request: ApiRequest = {
    method: 'POST',
    path: '/debtors/records',
    body: { ids, filter },
    // A POST only because hundreds of ids do not fit in a URL: the call reads and changes
    // nothing, so sending it again is as safe as repeating a GET.
    idempotent: true,
  };

  const { value, details } = await fetchJson(context, looseRecordBatchSchema, request, signal);
  checkBatch(ids, value, details);
  return value;
}
