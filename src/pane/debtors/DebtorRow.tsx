/**
 * One debtor of the list: its checkbox, the button that shows its pieces, and its columns. The
 * reminder columns take a second line, because a pane 320 pixels wide has no room for them
 * beside the name. Memoized, and given only stable callbacks, so that scrolling 5,000 debtors
 * re-renders only the rows that enter the window.
 */
import { Button, Checkbox, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo } from 'react';

import type { DebtorSummary } from '../../api/contract';
import { formatCents } from '../../merge/format';
import { REMINDER_LEVEL_LABELS } from '../../merge/reminder-levels';
import { UNMATCHED_WARNING } from '../../merge/send-checks';
import type { PieceKey } from '../state/exclusions';
import { describeLastReminder } from './debtor-reminders';
import { DebtorPieces } from './DebtorPieces';
import type { RecordState } from './use-debtor-records';

/**
 * Columns shared with the header row: tick, expand, Nom, Ville, CP, Solde on the first line. On
 * the second, "Dernière relance" is under Nom and Ville, and "Prochaine" under CP and Solde.
 */
export const ROW_COLUMNS = '28px 28px minmax(0, 1.6fr) minmax(0, 1fr) 3.2em minmax(5.5em, auto)';

export const useRowStyles = makeStyles({
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    display: 'grid',
    gridTemplateColumns: ROW_COLUMNS,
    alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    fontSize: tokens.fontSizeBase200,
  },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  // The tick and the arrow stand beside both lines.
  lead: { gridRow: 'span 2' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', paddingRight: '4px' },
  lastReminder: { gridColumn: '3 / 5' },
  nextLevel: { gridColumn: '5 / 7' },
  secondLine: { color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXXS },
  amount: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  pieces: { gridColumn: '1 / -1', padding: `0 0 ${tokens.spacingVerticalS} 0` },
  // Read by screen readers, not shown: the short mark shows instead.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  leftOut: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  warning: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontWeight: tokens.fontWeightSemibold,
    marginRight: tokens.spacingHorizontalXXS,
  },
});

export type DebtorRowProps = {
  debtor: DebtorSummary;
  index: number;
  /** Offset from the top of the list, in pixels, from the virtualizer. */
  start: number;
  selected: boolean;
  expanded: boolean;
  /** The record's state, given only to expanded rows so that the others keep their memo. */
  record: RecordState | undefined;
  excluded: ReadonlySet<PieceKey> | undefined;
  /** The virtualizer's measure, which reads the row's height once it is in the page. */
  measure(element: HTMLElement | null): void;
  onSelect(debtorId: string, checked: boolean): void;
  onToggleExpanded(debtorId: string): void;
  onExclude(debtorId: string, key: PieceKey, excluded: boolean): void;
  onRetry(debtorId: string): void;
};

function DebtorRowView(props: DebtorRowProps) {
  const { debtor, index, start, selected, expanded, record, excluded, measure } = props;
  const { onSelect, onToggleExpanded, onExclude, onRetry } = props;
  const styles = useRowStyles();
  // A client the back office sent without a name is shown, and named for screen readers, by id.
  const name = debtor.displayName.trim() || `Client ${debtor.id}`;

  return (
    <div
      ref={measure}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      className={mergeClasses(styles.row, selected && styles.selected)}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" className={styles.lead}>
        <Checkbox
          checked={selected}
          onChange={(_, data) => onSelect(debtor.id, data.checked === true)}
          aria-label={`Sélectionner ${name}`}
          data-control="select"
        />
      </div>
      <div role="gridcell" className={styles.lead}>
        <Button
          appearance="subtle"
          size="small"
          icon={<span aria-hidden="true">{expanded ? '▾' : '▸'}</span>}
          aria-expanded={expanded}
          aria-label={`Pièces de ${name}`}
          onClick={() => onToggleExpanded(debtor.id)}
          data-control="expand"
        />
      </div>
      <div role="gridcell" className={styles.cell} title={name}>
        {/* Isolated, so that right-to-left text or direction marks in a name stay inside it. */}
        {/* Before the name, which an ellipsis may cut, so that they always show. */}
        {debtor.hasUnmatchedPayments && <UnmatchedMark className={styles.warning} />}
        {excluded && excluded.size > 0 && (
          <span className={styles.leftOut} title={describeLeftOut(excluded.size)}>
            {excluded.size}✕ <span className={styles.hidden}>{describeLeftOut(excluded.size)}</span>
          </span>
        )}
        <bdi>{name}</bdi>
      </div>
      <div role="gridcell" className={styles.cell}>
        {debtor.city ?? ''}
      </div>
      <div role="gridcell" className={styles.cell}>
        {debtor.postalCode ?? ''}
      </div>
      <div role="gridcell" className={mergeClasses(styles.cell, styles.amount)}>
        {formatCents(debtor.balanceCents)}
      </div>
      <ReminderCells debtor={debtor} />
      {expanded && record && (
        <div role="gridcell" className={styles.pieces}>
          <DebtorPieces
            debtorName={name}
            state={record}
            excluded={excluded}
            onExclude={(key, left) => onExclude(debtor.id, key, left)}
            onRetry={() => onRetry(debtor.id)}
          />
        </div>
      )}
    </div>
  );
}

export const DebtorRow = memo(DebtorRowView);

/** Keeps the pieces left out in sight once the row is closed, so none is forgotten. */
function describeLeftOut(count: number): string {
  return count === 1 ? '1 pièce écartée' : `${count} pièces écartées`;
}

/** Shows the warning on a client whose payments are not all matched to invoices yet. */
function UnmatchedMark({ className }: { className: string }) {
  return (
    <span role="img" aria-label={UNMATCHED_WARNING} title={UNMATCHED_WARNING} className={className}>
      ⚠
    </span>
  );
}

/** Renders the second line: the last reminder sent, or a dash, and the next level. */
function ReminderCells({ debtor }: { debtor: DebtorSummary }) {
  const styles = useRowStyles();
  const last = describeLastReminder(debtor.lastReminder);

  return (
    <>
      <div
        role="gridcell"
        className={mergeClasses(styles.cell, styles.secondLine, styles.lastReminder)}
      >
        {last ?? (
          <>
            <span aria-hidden="true">—</span>
            <span className={styles.hidden}>jamais relancé</span>
          </>
        )}
      </div>
      <div
        role="gridcell"
        className={mergeClasses(styles.cell, styles.secondLine, styles.nextLevel)}
      >
        {REMINDER_LEVEL_LABELS[debtor.nextLevel]}
      </div>
    </>
  );
}
