/** Splitting of id lists into batch requests, and checks that a batch response matches its ids. */
import { type ApiErrorDetails } from './api-error';
import { type LooseRecordBatch } from './contract';
import { invalidResponse } from './payload';

/** Splits `items` into consecutive chunks of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];

  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/**
 * Throws an ApiError `invalid_response` unless each requested id appears exactly once, among the
 * records or among the missing ids, and no other id appears. Callers match records to ids by
 * `client.id`, so a stray or lost record would silently change which debtors get a letter.
 */
export function checkBatch(
  ids: readonly string[],
  batch: LooseRecordBatch,
  details: ApiErrorDetails,
): void {
  const requested = new Set(ids);
  const seen = new Set<string>();
  const issues: string[] = [];

  const answered = [
    ...batch.records.map((record, index) => ({
      id: record.client.id,
      at: `records[${index}].client.id`,
    })),
    ...batch.missing.map((id, index) => ({ id, at: `missing[${index}]` })),
  ];
  for (const { id, at } of answered) {
    if (!requested.has(id)) {
      issues.push(`${at} : débiteur « ${shorten(id)} » non demandé`);
    } else if (seen.has(id)) {
      issues.push(`${at} : débiteur « ${shorten(id)} » présent deux fois`);
    }
    seen.add(id);
  }
  for (const id of ids) {
    if (!seen.has(id)) {
      issues.push(`débiteur « ${shorten(id)} » demandé mais absent de records et de missing`);
    }
  }

  if (issues.length > 0) {
    throw invalidResponse(issues, details);
  }
}

const MAX_SHOWN_ID = 60;

function shorten(id: string): string {
  return id.length > MAX_SHOWN_ID ? `${id.slice(0, MAX_SHOWN_ID)}…` : id;
}
