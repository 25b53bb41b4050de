/**
 * The rows the user expanded and their records, loaded when a row first opens. The list is
 * remounted for each new result list, which drops records read with an older filter.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { ClientRecord } from '../../api/record';
import { searchErrorMessage } from './use-debtor-search';

export type RecordState =
  | { kind: 'loading' }
  | { kind: 'ready'; record: ClientRecord }
  | { kind: 'error'; message: string };

export type LoadRecord = (debtorId: string, signal: AbortSignal) => Promise<ClientRecord>;

export function useDebtorRecords(loadRecord: LoadRecord) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [records, setRecords] = useState<ReadonlyMap<string, RecordState>>(() => new Map());
  const controllers = useRef(new Map<string, AbortController>());
  // Read by the stable callbacks below, so that the rows' memoization holds.
  const current = useRef({ expanded, records });
  useEffect(() => {
    current.current = { expanded, records };
  });

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const setRecord = useCallback((id: string, state: RecordState) => {
    setRecords((previous) => new Map(previous).set(id, state));
  }, []);

  const load = useCallback(
    async (id: string) => {
      controllers.current.get(id)?.abort();
      const controller = new AbortController();
      controllers.current.set(id, controller);
      setRecord(id, { kind: 'loading' });

      try {
        const record = await loadRecord(id, controller.signal);
        setRecord(id, { kind: 'ready', record });
      } catch (error) {
        if (!controller.signal.aborted) {
          setRecord(id, { kind: 'error', message: searchErrorMessage(error) });
        }
      } finally {
        controllers.current.delete(id);
      }
    },
    [loadRecord, setRecord],
  );

  /** Opens or closes a row; opening loads the record unless it is loaded or on its way. */
  const toggleExpanded = useCallback(
    (id: string) => {
      const opening = !current.current.expanded.has(id);
      setExpanded((previous) => {
        const next = new Set(previous);
        if (opening) {
          next.add(id);
        } else {
          next.delete(id);
        }
        return next;
      });

      const state = current.current.records.get(id);
      if (opening && (state === undefined || state.kind === 'error')) {
        void load(id);
      }
    },
    [load],
  );

  return { expanded, records, toggleExpanded, retry: load };
}
