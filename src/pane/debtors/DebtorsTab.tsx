/**
 * "Relances": the filters, the debtors found, and the merge of the ones the user picks. The
 * selection and the pieces left out stay for the session; a failed search keeps the last list.
 */
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';

import type { DebtorFilter } from '../../api/contract';
import { usePane } from '../app/pane-context';
import { MergePanel } from '../merge/MergePanel';
import { toggleExclusion, type Exclusions, type PieceKey } from '../state/exclusions';
import type { MergeSelection } from '../state/selection';
import { applyRecordedReminders } from './debtor-reminders';
import { clientProblem, type SearchRequest } from './debtor-search';
import {
  keepListed,
  selectAll,
  selectedDebtors,
  toggleSelected,
  type SelectedIds,
} from './debtor-selection';
import { DebtorList } from './DebtorList';
import { FiltersForm } from './FiltersForm';
import type { LoadRecord } from './use-debtor-records';
import { useDebtorSearch, type SearchState } from './use-debtor-search';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

const NO_FILTER: DebtorFilter = {};

export function DebtorsTab() {
  const styles = useStyles();
  const { client } = usePane();
  const readyClient = client.kind === 'ready' ? client.client : undefined;
  const problem = clientProblem(client);
  const { state, search, updateDebtors } = useDebtorSearch(readyClient);
  const [selected, setSelected] = useState<SelectedIds>(() => new Set());
  const [exclusions, setExclusions] = useState<Exclusions>(() => new Map());

  const results = state.results;
  const debtors = useMemo(() => results?.debtors ?? [], [results]);
  const filter = results?.filter ?? NO_FILTER;

  const runSearch = async (request: SearchRequest) => {
    const found = await search(request);
    if (found) {
      setSelected((previous) => keepListed(previous, found));
    }
  };

  const loadRecord = useCallback<LoadRecord>(
    (debtorId, signal) => {
      if (!readyClient) {
        return Promise.reject(new Error(problem));
      }
      return readyClient.getRecord(debtorId, filter, { signal });
    },
    [readyClient, filter, problem],
  );

  const onSelect = useCallback((id: string, checked: boolean) => {
    setSelected((previous) => toggleSelected(previous, id, checked));
  }, []);
  const onExclude = useCallback((debtorId: string, key: PieceKey, excluded: boolean) => {
    setExclusions((previous) => toggleExclusion(previous, debtorId, key, excluded));
  }, []);

  const selection = useMemo<MergeSelection>(
    () => ({ debtors: selectedDebtors(debtors, selected), filter, exclusions }),
    [debtors, selected, filter, exclusions],
  );

  return (
    <div className={styles.root}>
      {problem && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <FiltersForm onSearch={(request) => void runSearch(request)} />
      <SearchFeedback state={state} />
      {results ? (
        <DebtorList
          // A new result list starts closed and at the top, its records read with its filter.
          key={results.version}
          debtors={debtors}
          selected={selected}
          exclusions={exclusions}
          loadRecord={loadRecord}
          onSelect={onSelect}
          onSelectAll={(checked) => setSelected(selectAll(debtors, checked))}
          onExclude={onExclude}
        />
      ) : (
        <Text>Choisissez vos critères puis cliquez sur « Rechercher ».</Text>
      )}
      <MergePanel
        selection={selection}
        // The rows show the reminders just recorded; a new search would reorder or drop them.
        onRemindersRecorded={(reminders) =>
          updateDebtors((current) => applyRecordedReminders(current, reminders))
        }
      />
    </div>
  );
}

/** The running search's progress, and why the last one failed. */
function SearchFeedback({ state }: { state: SearchState }) {
  const { progress, error, results } = state;
  const counted = progress?.total === undefined ? '' : ` ${progress.found} / ${progress.total}`;

  return (
    <>
      {progress && <Spinner size="tiny" label={`Recherche en cours…${counted}`} />}
      {error && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Recherche impossible</MessageBarTitle>
            {error}
            {results && ' La liste affichée est celle de la recherche précédente.'}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
