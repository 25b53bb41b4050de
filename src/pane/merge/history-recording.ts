/**
 * Records the reminders of a merge in the back office's history, MAX_BATCH_SIZE at a time. Each
 * batch keeps the idempotency key drawn for it, so that sending it again after a failure, even
 * one whose response was lost after the server recorded it, never records it twice.
 */
import { ApiError, newIdempotencyKey, type OpistoClient } from '../../api/client';
import { MAX_BATCH_SIZE, type Reminder } from '../../api/contract';

/** One request's worth of reminders, with its key for every attempt. */
export type ReminderBatch = { idempotencyKey: string; reminders: readonly Reminder[] };

/** Splits `reminders` into batches of at most `size`, each with a new idempotency key. */
export function planReminderBatches(
  reminders: readonly Reminder[],
  size = MAX_BATCH_SIZE,
): ReminderBatch[] {
  const batches: ReminderBatch[] = [];
  for (let start = 0; start < reminders.length; start += size) {
    batches.push({
      idempotencyKey: newIdempotencyKey(),
      reminders: reminders.slice(start, start + size),
    });
  }
  return batches;
}

export type SendOutcome = {
  /** The batches recorded, in order. */
  recorded: ReminderBatch[];
  /** The batches still to record: the failed one and those after it. */
  pending: ReminderBatch[];
  /** French reason the first pending batch failed; null when none is pending. */
  error: string | null;
};

/**
 * Sends the batches in order and stops at the first failure, which the client has already
 * retried. A failure becomes the outcome's `error`, never a throw.
 */
export async function sendReminderBatches(
  client: OpistoClient,
  batches: readonly ReminderBatch[],
  onRecorded?: (batch: ReminderBatch) => void,
): Promise<SendOutcome> {
  const recorded: ReminderBatch[] = [];
  for (const [index, batch] of batches.entries()) {
    try {
      await client.recordReminders(
        { reminders: [...batch.reminders] },
        { idempotencyKey: batch.idempotencyKey },
      );
    } catch (error) {
      return { recorded, pending: batches.slice(index), error: historyErrorMessage(error) };
    }
    recorded.push(batch);
    onRecorded?.(batch);
  }
  return { recorded, pending: [], error: null };
}

function historyErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  // Any other error is a bug of the pane: its text may hold record content, so it stays out.
  return 'une erreur inattendue du complément a interrompu l’envoi.';
}

/** Counts the reminders of `batches`. */
export function countReminders(batches: readonly ReminderBatch[]): number {
  return batches.reduce((sum, batch) => sum + batch.reminders.length, 0);
}
