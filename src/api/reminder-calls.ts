/**
 * The Opisto client's calls on the reminder history: recording the reminders of a merge, with an
 * idempotency key so that retries record nothing twice, and reading one debtor's history.
 */
import { parseDebtorId, parseIdempotencyKey, parseReminderBatch } from './arguments';
import { fetchJson, type CallOptions, type ClientContext } from './call-context';
import {
  IDEMPOTENCY_KEY_HEADER,
  reminderHistorySchema,
  remindersRecordedSchema,
  type ReminderBatch,
  type ReminderHistory,
  type RemindersRecorded,
} from './contract';
import { invalidResponse } from './payload';
import { type ApiRequest } from './transport';

export interface RecordRemindersOptions extends CallOptions {
  /**
   * Key of the batch, a fresh `newIdempotencyKey()` when absent. To send a batch again after an
   * error without recording it twice, make the key before the first call and pass it each time.
   */
  idempotencyKey?: string;
}

/**
 * Returns a random idempotency key of 32 hexadecimal digits. getRandomValues, unlike
 * randomUUID, also works in a page served over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends the batch with its idempotency key. Throws an ApiError `invalid_response` when the server
 * reports a count other than the batch's, because the history would then not be what was sent.
 */
export async function recordReminders(
  context: ClientContext,
  batch: ReminderBatch,
  options: RecordRemindersOptions,
): Promise<RemindersRecorded> {
  const body = parseReminderBatch(batch);
  const key = parseIdempotencyKey(options.idempotencyKey ?? newIdempotencyKey());
  const request: ApiRequest = {
    method: 'POST',
    path: '/reminders',
    body,
    headers: { [IDEMPOTENCY_KEY_HEADER]: key },
    // The server records a key once, so a retry after a lost response records nothing twice.
    idempotent: true,
  };

  const { value, details } = await fetchJson(
    context,
    remindersRecordedSchema,
    request,
    options.signal,
  );
  if (value.recorded !== body.reminders.length) {
    const sent = body.reminders.length;
    throw invalidResponse(
      [`recorded : ${value.recorded} relances enregistrées sur ${sent} envoyées`],
      details,
    );
  }
  return value;
}

export async function reminderHistory(
  context: ClientContext,
  id: string,
  signal?: AbortSignal,
): Promise<ReminderHistory> {
  const debtorId = parseDebtorId(id);
  const request: ApiRequest = {
    method: 'GET',
    path: `/debtors/${encodeURIComponent(debtorId)}/reminders`,
    idempotent: true,
    notFoundMessage: `Débiteur « ${debtorId} » introuvable dans Opisto : vérifiez l’identifiant.`,
  };

  const { value, details } = await fetchJson(context, reminderHistorySchema, request, signal);
  const issues: string[] = [];
  value.items.forEach((item, index) => {
    if (item.clientId !== debtorId) {
      const received = `débiteur « ${item.clientId} »`;
      issues.push(`items[${index}].clientId : ${received} reçu au lieu de « ${debtorId} »`);
    }
  });
  if (issues.length > 0) {
    throw invalidResponse(issues, details);
  }
  return value;
}
