/**
 * Records the reminders of a command-line merge in the Opisto API: one per client whose letter
 * was written, with the level, the letter's date, the template's name and the pieces listed.
 * Letters read from a file (--data) have no API to record to.
 */
import { ApiError, newIdempotencyKey, type OpistoClient } from '../api/client';
import { MAX_BATCH_SIZE, type Reminder } from '../api/contract';
import type { RunLog } from './log';

export type HistoryResult = { recorded: number; error: string | null };

/**
 * Sends the reminders in batches of the API's size, each with its own idempotency key, so that
 * the client's retries never record a batch twice. Stops at the first failed batch: the letters
 * are written whatever happens, and the message gives the number recorded.
 */
export async function recordHistory(
  client: OpistoClient,
  reminders: readonly Reminder[],
  log: RunLog,
): Promise<HistoryResult> {
  let recorded = 0;

  for (let start = 0; start < reminders.length; start += MAX_BATCH_SIZE) {
    const batch = reminders.slice(start, start + MAX_BATCH_SIZE);
    try {
      await client.recordReminders({ reminders: batch }, { idempotencyKey: newIdempotencyKey() });
      recorded += batch.length;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      log.write('error', 'history_failed', { code: error.code, recorded, ...error.details });
      const missing = reminders.slice(start).map((reminder) => reminder.clientId);
      log.write('error', 'history_missing', { clientIds: missing.join(',') });
      return { recorded, error: historyError(error, recorded, reminders.length) };
    }
  }
  log.write('info', 'history_recorded', { recorded });
  return { recorded, error: null };
}

function historyError(error: ApiError, recorded: number, total: number): string {
  return (
    `Les courriers sont écrits, mais l’historique des relances n’a été enregistré que pour ` +
    `${recorded} client(s) sur ${total} : ${error.message} Les clients sans historique sont ` +
    'listés dans opisto-relances.log (history_missing) : notez leur relance dans Opisto. Ne ' +
    'relancez pas la fusion pour cela, car elle enregistrerait une seconde fois les relances ' +
    'déjà notées.'
  );
}
