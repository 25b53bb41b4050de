/**
 * Checks the caller's search criteria, filters and ids against the contract before anything is
 * sent, so that a mistake gets a French message naming the parameter without a round trip.
 */
import { z } from 'zod';

import { ApiError } from './api-error';
import {
  debtorFilterSchema,
  debtorSearchQuerySchema,
  idempotencyKeySchema,
  recordBatchRequestSchema,
  reminderBatchSchema,
  type DebtorFilter,
  type DebtorSearchQuery,
  type ReminderBatch,
} from './contract';
import { describeIssue } from './parse-record';

/** Search criteria as a caller writes them: `page` and `pageSize` may be left out. */
export type DebtorSearchInput = z.input<typeof debtorSearchQuerySchema>;

const debtorIdSchema = recordBatchRequestSchema.shape.ids.element;

export function parseSearchQuery(query: DebtorSearchInput): DebtorSearchQuery {
  return parseArgument(debtorSearchQuerySchema, query);
}

export function parseFilter(filter: DebtorFilter | undefined): DebtorFilter {
  return parseArgument(debtorFilterSchema, filter ?? {});
}

// Ids are checked inside an object so that messages name them "id" and "ids[3]".
const idsSchema = z.object({ ids: z.array(debtorIdSchema) });
const idSchema = z.object({ id: debtorIdSchema });

/** Checks each id and drops repeated ones, keeping the first occurrence's position. */
export function parseDebtorIds(ids: readonly string[]): string[] {
  const checked = parseArgument(idsSchema, { ids }).ids;
  return [...new Set(checked)];
}

export function parseDebtorId(id: string): string {
  return parseArgument(idSchema, { id }).id;
}

export function parseReminderBatch(batch: ReminderBatch): ReminderBatch {
  return parseArgument(reminderBatchSchema, batch);
}

const idempotencyKeyArgument = z.object({ idempotencyKey: idempotencyKeySchema });

export function parseIdempotencyKey(key: string): string {
  return parseArgument(idempotencyKeyArgument, { idempotencyKey: key }).idempotencyKey;
}

/** Writes the defined fields of a parsed query or filter as URL parameters. */
export function toSearchParams(
  values: Record<string, string | number | undefined>,
): URLSearchParams {
  const params = new URLSearchParams();

  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) {
      params.set(name, String(value));
    }
  }
  return params;
}

/** Parses `input`, or throws an ApiError `bad_request` that describes the first issue. */
function parseArgument<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input, { error: z.locales.fr().localeError });
  if (result.success) {
    return result.data;
  }

  const [issue] = result.error.issues;
  const problem = issue === undefined ? 'valeur invalide' : describeIssue(issue, input);
  throw new ApiError(
    'bad_request',
    `Demande invalide, rien n’a été envoyé au serveur Opisto : ${problem}.`,
    { attempts: 0 },
  );
}
