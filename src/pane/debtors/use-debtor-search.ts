/**
 * Runs the debtor search with the pane's API client: every page of up to 500 debtors, a new
 * search cancelling the one still running, and the last results kept when a search fails.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { ApiError, type OpistoClient } from '../../api/client';
import type { DebtorFilter, DebtorSummary } from '../../api/contract';
import type { SearchRequest } from './debtor-search';

export type SearchResults = {
  debtors: readonly DebtorSummary[];
  /** The piece filter the debtors were found with; their records are read with it. */
  filter: DebtorFilter;
  /** Counts the result lists, so that a view can start afresh with each. */
  version: number;
};

/** Debtors received so far, and how many the server counts, while a search runs. */
export type SearchProgress = { found: number; total: number | undefined };

export type SearchState = {
  results: SearchResults | undefined;
  progress: SearchProgress | undefined;
  error: string | undefined;
};

const INITIAL_STATE: SearchState = { results: undefined, progress: undefined, error: undefined };

/** Says what failed in French; the client's errors already do, anything else is a bug. */
export function searchErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `La recherche a échoué de façon inattendue (${detail}). Réessayez.`;
}

type DebtorsUpdate = (debtors: readonly DebtorSummary[]) => readonly DebtorSummary[];

function withDebtors(state: SearchState, update: DebtorsUpdate): SearchState {
  const results = state.results;
  return results ? { ...state, results: { ...results, debtors: update(results.debtors) } } : state;
}

export function useDebtorSearch(client: OpistoClient | undefined) {
  const [state, setState] = useState<SearchState>(INITIAL_STATE);
  const running = useRef<AbortController | undefined>(undefined);

  // Leaving the pane stops the requests still on their way.
  useEffect(() => () => running.current?.abort(), []);

  /** Resolves to the debtors found, or undefined when the search failed or was replaced. */
  const search = useCallback(
    async (request: SearchRequest): Promise<readonly DebtorSummary[] | undefined> => {
      if (!client) {
        return undefined;
      }
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setState((previous) => ({ ...previous, progress: { found: 0, total: undefined } }));

      let found = 0;
      const onPage = (page: { items: readonly unknown[]; total: number }) => {
        found += page.items.length;
        setState((previous) => ({ ...previous, progress: { found, total: page.total } }));
      };

      try {
        const debtors = await client.searchAllDebtors(request.query, {
          signal: controller.signal,
          onPage,
        });
        if (controller.signal.aborted) {
          return undefined;
        }
        setState((previous) => ({
          results: {
            debtors,
            filter: request.filter,
            version: (previous.results?.version ?? 0) + 1,
          },
          progress: undefined,
          error: undefined,
        }));
        return debtors;
      } catch (error) {
        // A replaced search says nothing: the newer one reports for both.
        if (!controller.signal.aborted) {
          const message = searchErrorMessage(error);
          setState((previous) => ({ ...previous, progress: undefined, error: message }));
        }
        return undefined;
      }
    },
    [client],
  );

  /** Replaces the debtors of the list shown, keeping its version so that the view stays. */
  const updateDebtors = useCallback((update: DebtorsUpdate) => {
    setState((previous) => withDebtors(previous, update));
  }, []);

  return { state, search, updateDebtors };
}
