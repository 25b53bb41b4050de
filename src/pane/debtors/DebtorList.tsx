/**
 * The debtors found, as a grid: "Tout sélectionner", "Nb éléments", the column headers and the
 * rows. Only the rows in view are rendered (5,000 debtors stay smooth); the arrow keys move
 * between rows, Tab through their controls, Space ticks a row.
 */
import { Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

import type { DebtorSummary } from '../../api/contract';
import type { Exclusions, PieceKey } from '../state/exclusions';
import { selectAllState, type SelectedIds } from './debtor-selection';
import { DebtorRow, ROW_COLUMNS } from './DebtorRow';
import { useDebtorRecords, type LoadRecord } from './use-debtor-records';

/** Height of a closed row of two lines, in pixels; rendered rows are measured. */
export const ROW_HEIGHT = 43;

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalM,
  },
  header: {
    display: 'grid',
    gridTemplateColumns: ROW_COLUMNS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    paddingBlock: tokens.spacingVerticalXS,
  },
  amount: { textAlign: 'right' },
  lead: { gridRow: 'span 2' },
  lastReminder: { gridColumn: '3 / 5' },
  nextLevel: { gridColumn: '5 / 7' },
  scroller: { overflowY: 'auto', position: 'relative' },
});

export type DebtorListProps = {
  debtors: readonly DebtorSummary[];
  selected: SelectedIds;
  exclusions: Exclusions;
  loadRecord: LoadRecord;
  onSelect(debtorId: string, checked: boolean): void;
  onSelectAll(checked: boolean): void;
  onExclude(debtorId: string, key: PieceKey, excluded: boolean): void;
};

type FocusTarget = { index: number; control: string };

/** The row an arrow key moves to, or undefined when the key is not one of the list's. */
function targetRow(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

export function DebtorList(props: DebtorListProps) {
  const { debtors, selected, exclusions } = props;
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const { expanded, records, toggleExpanded, retry } = useDebtorRecords(props.loadRecord);

  /* eslint-disable-next-line react-hooks/incompatible-library -- the pane does not use the
     React Compiler, which this warning is about */
  const virtualizer = useVirtualizer({
    count: debtors.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => debtors[index]?.id ?? index,
    overscan: 6,
  });
  const contentHeight = Math.max(virtualizer.getTotalSize(), debtors.length * ROW_HEIGHT);
  const onKeyDown = useArrowKeys(scroller, debtors.length, (index) =>
    virtualizer.scrollToIndex(index),
  );

  return (
    <>
      <ListToolbar
        count={debtors.length}
        selectedCount={selected.size}
        onSelectAll={props.onSelectAll}
      />
      <div
        role="grid"
        aria-label="Débiteurs"
        aria-rowcount={debtors.length + 1}
        aria-multiselectable
      >
        <GridHeader />
        <div
          role="rowgroup"
          ref={scroller}
          className={styles.scroller}
          // At most this high; a short list takes only its rows' height. Rows measure 0 while the
          // tab is hidden, so the closed rows' height is the floor, or the list would stay empty.
          style={{ height: `min(55vh, 420px, ${contentHeight}px)` }}
          onKeyDown={onKeyDown}
        >
          <div
            role="presentation"
            style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const debtor = debtors[item.index];
              if (!debtor) {
                return null;
              }
              const isExpanded = expanded.has(debtor.id);
              return (
                <DebtorRow
                  key={debtor.id}
                  debtor={debtor}
                  index={item.index}
                  start={item.start}
                  selected={selected.has(debtor.id)}
                  expanded={isExpanded}
                  record={isExpanded ? records.get(debtor.id) : undefined}
                  excluded={exclusions.get(debtor.id)}
                  measure={virtualizer.measureElement}
                  onSelect={props.onSelect}
                  onToggleExpanded={toggleExpanded}
                  onExclude={props.onExclude}
                  onRetry={retry}
                />
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}

type ListToolbarProps = {
  count: number;
  selectedCount: number;
  onSelectAll(checked: boolean): void;
};

function ListToolbar({ count, selectedCount, onSelectAll }: ListToolbarProps) {
  const styles = useStyles();
  const plural = selectedCount > 1 ? 's' : '';

  return (
    <div className={styles.toolbar}>
      <Checkbox
        label="Tout sélectionner"
        checked={selectAllState(selectedCount, count)}
        disabled={count === 0}
        onChange={(_, data) => onSelectAll(data.checked === true)}
      />
      <Text role="status" size={200}>
        Nb éléments : {count} · {selectedCount} sélectionné{plural}
      </Text>
    </div>
  );
}

function GridHeader() {
  const styles = useStyles();

  return (
    <div role="rowgroup">
      <div role="row" aria-rowindex={1} className={styles.header}>
        <span role="columnheader" aria-label="Sélection" className={styles.lead} />
        <span role="columnheader" aria-label="Pièces" className={styles.lead} />
        <span role="columnheader">Nom</span>
        <span role="columnheader">Ville</span>
        <span role="columnheader">CP</span>
        <span role="columnheader" className={styles.amount}>
          Solde
        </span>
        <span role="columnheader" className={styles.lastReminder}>
          Dernière relance
        </span>
        <span role="columnheader" className={styles.nextLevel}>
          Prochaine
        </span>
      </div>
    </div>
  );
}

/**
 * Up, Down, Home and End on a row's checkbox or button move to the same control of another row,
 * scrolling it into the window first when it is not rendered yet.
 */
function useArrowKeys(
  scroller: RefObject<HTMLDivElement | null>,
  count: number,
  scrollToIndex: (index: number) => void,
) {
  const pendingFocus = useRef<FocusTarget | undefined>(undefined);
  const focusPending = useCallback(() => {
    const target = pendingFocus.current;
    const element = target && findControl(scroller.current, target);
    if (element) {
      element.focus();
      pendingFocus.current = undefined;
    }
  }, [scroller]);

  // A row scrolled into view is rendered after the scroll: focus it then.
  useEffect(focusPending);

  return (event: KeyboardEvent<HTMLDivElement>) => {
    const source = event.target as HTMLElement;
    const control = source.dataset.control;
    const row = source.closest<HTMLElement>('[data-index]');
    const next = targetRow(event.key, Number(row?.dataset.index), count);
    if (control === undefined || row === null || next === undefined) {
      return;
    }

    event.preventDefault();
    pendingFocus.current = { index: next, control };
    scrollToIndex(next);
    focusPending();
  };
}

function findControl(root: HTMLElement | null, target: FocusTarget): HTMLElement | null {
  return (
    root?.querySelector<HTMLElement>(
      `[data-index="${target.index}"] [data-control="${target.control}"]`,
    ) ?? null
  );
}
