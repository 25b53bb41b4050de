/**
 * The merge as the panel shows it: start, progress, "Annuler", the result list and "Réessayer",
 * then the history of the letters made. The work itself is `runPaneMerge`; this hook keeps its
 * state, hands the letters over, and records their reminders once they are handed over.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Reminder } from '../../api/contract';
import { usePane } from '../app/pane-context';
import { logToConsole } from './dev-log';
import { packageLetters, saveDownload } from './downloads';
import { combineResults, retryTargets } from './merge-history';
import {
  runPaneMerge,
  type MergeProgress,
  type PaneMergeRequest,
  type PaneMergeResult,
} from './pane-merge';
import { useHistoryRecording, type HistoryState } from './use-history-recording';

export type { HistoryState } from './use-history-recording';

export type MergeParameters = Pick<
  PaneMergeRequest,
  | 'debtors'
  | 'filter'
  | 'exclusions'
  | 'letterDate'
  | 'mode'
  | 'level'
  | 'penaltyRate'
  | 'sendChecks'
>;

export type MergeRunView = {
  /** Progress of the run under way, or null when none is. */
  progress: MergeProgress | null;
  /** The result list, across retries, once a run has finished. */
  result: PaneMergeResult | null;
  /** True from "Annuler" until the run has stopped. */
  cancelling: boolean;
  history: HistoryState;
  start(parameters: MergeParameters): void;
  /**
   * Runs again the failed and cancelled clients of the last result, with the filter, letter date,
   * layout, level and checks of the first run. A search made since may have changed the filter,
   * but the retried letters must list the same pieces as the others. Pieces left out since then
   * are left out of the retried letters too.
   */
  retry(current: Pick<MergeParameters, 'exclusions'>): void;
  cancel(): void;
  /** Downloads every letter of the result list again. */
  downloadAll(): void;
  /** Sends again the reminders whose recording failed, with the same idempotency keys. */
  retryHistory(): void;
};

/** `onRecorded` receives each batch of reminders once the server has recorded it. */
export function useMergeRun(onRecorded?: (reminders: readonly Reminder[]) => void): MergeRunView {
  const runner = useRunner();
  const [result, setResult] = useState<PaneMergeResult | null>(null);
  const firstRun = useRef<MergeParameters | null>(null);
  const history = useHistoryRecording(onRecorded);

  const runAndRecord = async (parameters: MergeParameters, previous: PaneMergeResult | null) => {
    const finished = await runner.run(parameters);
    if (!finished) {
      return;
    }
    // Letters made before "Annuler" or a failure are handed over too: nothing made is lost.
    offerDownload(finished.result);
    setResult(previous ? combineResults(previous, finished.result) : finished.result);
    // After the letters are handed over, so that a slow or failing history never delays them.
    await history.record(finished.client, finished.result.reminders);
  };

  return {
    progress: runner.progress,
    result,
    cancelling: runner.cancelling,
    history: history.state,
    start: (parameters) => {
      firstRun.current = parameters;
      history.reset();
      void runAndRecord(parameters, null);
    },
    retry: ({ exclusions }) => {
      const first = firstRun.current;
      if (result && first) {
        const debtors = retryTargets(first.debtors, result);
        void runAndRecord({ ...first, exclusions, debtors }, result);
      }
    },
    cancel: runner.cancel,
    downloadAll: () => result && offerDownload(result),
    retryHistory: () => void history.retry(),
  };
}

/**
 * Runs one merge at a time, with its progress and "Annuler". `run` resolves to null when a run
 * cannot start.
 */
function useRunner() {
  const { client, environment, template } = usePane();
  const [progress, setProgress] = useState<MergeProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController | null>(null);

  // Leaving the pane ends the run; the letters made so far are still downloaded. (The app keeps
  // the Relances tab mounted while another tab shows, so changing tabs does not end it.)
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (parameters: MergeParameters) => {
      if (client.kind !== 'ready' || template === null || controller.current) {
        return null;
      }
      const abort = new AbortController();
      controller.current = abort;
      setProgress({ done: 0, total: parameters.debtors.length });
      try {
        const result = await runPaneMerge({
          ...parameters,
          client: client.client,
          environment,
          template,
          signal: abort.signal,
          onProgress: setProgress,
          log: logToConsole,
        });
        return { client: client.client, result };
      } finally {
        // runPaneMerge turns failures into outcomes; this only keeps the pane usable after a bug.
        controller.current = null;
        setProgress(null);
        setCancelling(false);
      }
    },
    [client, environment, template],
  );

  const cancel = useCallback(() => {
    if (controller.current) {
      setCancelling(true);
      controller.current.abort();
    }
  }, []);

  return { progress, cancelling, run, cancel };
}

function offerDownload(result: PaneMergeResult): void {
  const download = packageLetters(result.files, result.archiveName);
  if (download) {
    saveDownload(download);
  }
}
