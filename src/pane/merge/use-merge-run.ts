/**
 * The merge as the panel shows it: start, progress, "Annuler", the result list and "Réessayer".
 * The work itself is `runPaneMerge`; this hook keeps its state and hands the letters over.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { DebtorFilter, DebtorSummary } from '../../api/contract';
import type { CalendarDate } from '../../merge';
import { usePane } from '../app/pane-context';
import type { Exclusions } from '../state/exclusions';
import { logToConsole } from './dev-log';
import { packageLetters, saveDownload } from './downloads';
import { combineResults, retryTargets } from './merge-history';
import {
  runPaneMerge,
  type MergeMode,
  type MergeProgress,
  type PaneMergeResult,
} from './pane-merge';

export type MergeParameters = {
  debtors: readonly DebtorSummary[];
  filter: DebtorFilter;
  exclusions: Exclusions;
  letterDate: CalendarDate;
  mode: MergeMode;
};

export type MergeRunView = {
  /** Progress of the run under way, or null when none is. */
  progress: MergeProgress | null;
  /** The result list, across retries, once a run has finished. */
  result: PaneMergeResult | null;
  /** True from "Annuler" until the run has stopped. */
  cancelling: boolean;
  start(parameters: MergeParameters): void;
  /**
   * Runs again the failed and cancelled clients of the last result, with the filter, letter date
   * and layout of the first run. A search made since may have changed the filter, but the
   * retried letters must list the same pieces as the others. Pieces left out since then are
   * left out of the retried letters too.
   */
  retry(current: Pick<MergeParameters, 'exclusions'>): void;
  cancel(): void;
  /** Downloads every letter of the result list again. */
  downloadAll(): void;
};

export function useMergeRun(): MergeRunView {
  const { client, environment, template } = usePane();
  const [progress, setProgress] = useState<MergeProgress | null>(null);
  const [result, setResult] = useState<PaneMergeResult | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const firstRun = useRef<MergeParameters | null>(null);

  // Leaving the pane ends the run; the letters made so far are still downloaded. (The app keeps
  // the Relances tab mounted while another tab shows, so changing tabs does not end it.)
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (parameters: MergeParameters, previous: PaneMergeResult | null) => {
      if (client.kind !== 'ready' || template === null || controller.current) {
        return;
      }
      const abort = new AbortController();
      controller.current = abort;
      setProgress({ done: 0, total: parameters.debtors.length });

      try {
        const next = await runPaneMerge({
          ...parameters,
          client: client.client,
          environment,
          template,
          signal: abort.signal,
          onProgress: setProgress,
          log: logToConsole,
        });
        // Letters made before "Annuler" or a failure are handed over too: nothing made is lost.
        offerDownload(next);
        setResult(previous ? combineResults(previous, next) : next);
      } finally {
        // runPaneMerge turns failures into outcomes; this only keeps the pane usable after a bug.
        controller.current = null;
        setProgress(null);
        setCancelling(false);
      }
    },
    [client, environment, template],
  );

  return {
    progress,
    result,
    cancelling,
    start: (parameters) => {
      firstRun.current = parameters;
      void run(parameters, null);
    },
    retry: ({ exclusions }) => {
      const first = firstRun.current;
      if (result && first) {
        const debtors = retryTargets(first.debtors, result);
        void run({ ...first, exclusions, debtors }, result);
      }
    },
    cancel: () => {
      if (controller.current) {
        setCancelling(true);
        controller.current.abort();
      }
    },
    downloadAll: () => result && offerDownload(result),
  };
}

function offerDownload(result: PaneMergeResult): void {
  const download = packageLetters(result.files, result.archiveName);
  if (download) {
    saveDownload(download);
  }
}
