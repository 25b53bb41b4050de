/**
 * The open pieces of one expanded debtor, each with "Inclure dans le courrier": unticking one
 * (a disputed invoice) leaves it out of that client's letter.
 */
import {
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';

import { formatCents, formatDate } from '../../merge/format';
import type { PieceKey } from '../state/exclusions';
import { listPieces } from './debtor-pieces';
import type { RecordState } from './use-debtor-records';

const useStyles = makeStyles({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}` },
    '& th': { textAlign: 'left', fontWeight: tokens.fontWeightSemibold },
  },
  amount: { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  // Headers of amounts may wrap, so that the amounts themselves keep their room.
  amountHeader: { textAlign: 'right' },
  // Struck through and greyed, but with the contrast of secondary text: it stays readable.
  excluded: { color: tokens.colorNeutralForeground3, textDecorationLine: 'line-through' },
});

export type DebtorPiecesProps = {
  debtorName: string;
  state: RecordState;
  excluded: ReadonlySet<PieceKey> | undefined;
  onExclude(key: PieceKey, excluded: boolean): void;
  onRetry(): void;
};

export function DebtorPieces({
  debtorName,
  state,
  excluded,
  onExclude,
  onRetry,
}: DebtorPiecesProps) {
  if (state.kind === 'loading') {
    return <Spinner size="extra-tiny" label={`Chargement des pièces de ${debtorName}…`} />;
  }
  if (state.kind === 'error') {
    return (
      <MessageBar layout="multiline" intent="error" role="alert">
        <MessageBarBody>{state.message}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            Réessayer
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return (
    <PiecesTable debtorName={debtorName} state={state} excluded={excluded} onExclude={onExclude} />
  );
}

type PiecesTableProps = Omit<DebtorPiecesProps, 'onRetry' | 'state'> & {
  state: Extract<RecordState, { kind: 'ready' }>;
};

function PiecesTable({ debtorName, state, excluded, onExclude }: PiecesTableProps) {
  const styles = useStyles();
  const pieces = listPieces(state.record);
  if (pieces.length === 0) {
    return <p>Aucune pièce ouverte pour ces critères.</p>;
  }

  return (
    <table className={styles.table} aria-label={`Pièces de ${debtorName}`}>
      <thead>
        <tr>
          <th scope="col">Inclure</th>
          <th scope="col">Pièce</th>
          <th scope="col">Date</th>
          <th scope="col" className={styles.amountHeader}>
            Montant TTC
          </th>
          <th scope="col" className={styles.amountHeader}>
            Reste TTC
          </th>
        </tr>
      </thead>
      <tbody>
        {pieces.map((piece) => {
          const included = !excluded?.has(piece.key);
          return (
            <tr key={piece.key} className={included ? undefined : styles.excluded}>
              <td>
                <Checkbox
                  checked={included}
                  onChange={(_, data) => onExclude(piece.key, data.checked !== true)}
                  aria-label={`Inclure dans le courrier : ${piece.kindLabel} ${piece.number}`}
                />
              </td>
              {/* Kind and number on two lines: six columns did not fit a 340-pixel pane. */}
              <td>
                {piece.kindLabel}
                <br />
                {piece.number}
              </td>
              <td>{formatDate(piece.date)}</td>
              <td className={styles.amount}>{formatCents(piece.totalCents)}</td>
              <td className={styles.amount}>{formatCents(piece.remainingCents)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
