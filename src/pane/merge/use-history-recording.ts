/**
 * The history of the letters made. Batches still to record keep their idempotency key until the
 * server has recorded them, across retries and later merges, so that no made letter goes
 * unrecorded and none is recorded twice. Sends run one after another, so that a merge retried
 * while the history of the previous run is on its way never sends a batch twice at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { OpistoClient } from '../../api/client';
import type { Reminder } from '../../api/contract';
import { logToConsole } from './dev-log';
import {
  countReminders,
  planReminderBatches,
  sendReminderBatches,
  type ReminderBatch,
} from './history-recording';

/** State of the history of the letters made, as the results show it. */
export type HistoryState =
  | { status: 'idle' }
  | { status: 'recording' }
  | { status: 'recorded'; count: number }
  | { status: 'failed'; message: string; pendingCount: number };

/** `onRecorded` receives each batch of reminders once the server has recorded it. */
export function useHistoryRecording(onRecorded?: (reminders: readonly Reminder[]) => void) {
  const [state, setState] = useState<HistoryState>({ status: 'idle' });
  // NOTE: pending batches live in memory only, so closing the pane after a failed recording loses
  // them, although the letters were made.
  const pending = useRef<ReminderBatch[]>([]);
  const recordedCount = useRef(0);
  const lastClient = useRef<OpistoClient | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const notify = useRef(onRecorded);
  useEffect(() => {
    notify.current = onRecorded;
  });

  const sendPending = useCallback(async (client: OpistoClient) => {
    const sending = pending.current;
    if (sending.length === 0) {
      return;
    }
    setState({ status: 'recording' });
    const outcome = await sendReminderBatches(client, sending, (batch) => {
      recordedCount.current += batch.reminders.length;
      notify.current?.(batch.reminders);
    });
    // Batches added while these were on their way wait behind the ones that failed.
    pending.current = [...outcome.pending, ...pending.current.slice(sending.length)];
    logToConsole(
      `history: ${countReminders(outcome.recorded)} reminder(s) recorded, ` +
        `${countReminders(outcome.pending)} pending`,
    );
    setState(stateAfter(outcome.error, recordedCount.current, pending.current));
  }, []);

  /** Queues a send of every pending batch, after any send already on its way. */
  const enqueue = useCallback(
    (client: OpistoClient) => {
      lastClient.current = client;
      // A send that threw (a bug) must not stop the ones queued behind it.
      const next = queue.current.catch(() => undefined).then(() => sendPending(client));
      queue.current = next;
      return next;
    },
    [sendPending],
  );

  const record = useCallback(
    (client: OpistoClient, reminders: readonly Reminder[]) => {
      pending.current = [...pending.current, ...planReminderBatches(reminders)];
      return enqueue(client);
    },
    [enqueue],
  );

  const retry = useCallback(
    () => (lastClient.current ? enqueue(lastClient.current) : Promise.resolve()),
    [enqueue],
  );

  /** Starts the count of reminders recorded afresh, for a new merge. */
  const reset = useCallback(() => {
    recordedCount.current = 0;
    setState({ status: 'idle' });
  }, []);

  return { state, record, retry, reset };
}

function stateAfter(
  error: string | null,
  recorded: number,
  pending: readonly ReminderBatch[],
): HistoryState {
  return error === null
    ? { status: 'recorded', count: recorded }
    : { status: 'failed', message: error, pendingCount: countReminders(pending) };
}
