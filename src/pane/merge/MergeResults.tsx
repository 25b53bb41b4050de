/**
 * The result list after a merge: each client with what became of its letter, the reason of each
 * failure or of each client left out, the messages about how Word delivered the letters, the state
 * of the history, and "Réessayer".
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';

import { useEffect, useRef } from 'react';

import { HistoryNotice } from './HistoryNotice';
import { countOutcomes } from './merge-history';
import type { ClientOutcome, PaneMergeResult } from './pane-merge';
import type { HistoryState } from './use-merge-run';

export type MergeResultsProps = {
  result: PaneMergeResult;
  history: HistoryState;
  onRetry(): void;
  onDownload(): void;
  onRetryHistory(): void;
  /** True while a run is under way, when neither button can start another. */
  busy: boolean;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  failed: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForeground2 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function MergeResults(props: MergeResultsProps) {
  const { result, history, onRetry, onDownload, busy } = props;
  const styles = useStyles();
  const counts = countOutcomes(result.outcomes);
  const toRetry = counts.failed + counts.cancelled;
  const root = useRef<HTMLElement>(null);

  // In a narrow pane the results appear below the fold; bring them into view once.
  useEffect(() => {
    root.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, []);

  return (
    <section ref={root} className={styles.root} aria-label="Résultat de la fusion">
      {result.error !== null && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>La fusion s’est interrompue</MessageBarTitle>
            {result.error}
          </MessageBarBody>
        </MessageBar>
      )}
      {result.notices.map((notice) => (
        <MessageBar key={notice} layout="multiline" intent="warning">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ))}
      <Text weight="semibold">{summarize(counts)}</Text>
      <HistoryNotice history={history} onRetry={props.onRetryHistory} />
      <div className={styles.actions}>
        {toRetry > 0 && (
          <Button appearance="primary" onClick={onRetry} disabledFocusable={busy}>
            Réessayer ({toRetry} {toRetry > 1 ? 'clients' : 'client'})
          </Button>
        )}
        {result.files.length > 0 && (
          <Button onClick={onDownload} disabledFocusable={busy}>
            Télécharger de nouveau
          </Button>
        )}
      </div>
      <ul className={styles.list} aria-label="Courriers par client">
        {result.outcomes.map((outcome) => (
          <li key={outcome.id} className={styles.item}>
            <Text weight="semibold">{outcome.name}</Text>
            <Text className={statusClass(outcome, styles)}>{describeOutcome(outcome)}</Text>
            {'warning' in outcome && outcome.warning && (
              <Text className={styles.warning}>{outcome.warning}</Text>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function summarize(counts: ReturnType<typeof countOutcomes>): string {
  const parts = [
    plural(counts.opened, 'courrier ouvert dans Word', 'courriers ouverts dans Word'),
    plural(counts.download, 'courrier téléchargé', 'courriers téléchargés'),
    plural(counts.failed, 'échec', 'échecs'),
    plural(counts.cancelled, 'annulé', 'annulés'),
    plural(counts.skipped, 'client sans courrier', 'clients sans courrier'),
  ];
  return parts.filter((part) => part !== null).join(', ') || 'Aucun courrier.';
}

function plural(count: number, one: string, many: string): string | null {
  if (count === 0) {
    return null;
  }
  return `${count} ${count > 1 ? many : one}`;
}

/** Returns the status line of one client, in French. */
export function describeOutcome(outcome: ClientOutcome): string {
  switch (outcome.status) {
    case 'opened':
      return 'Ouvert dans Word';
    case 'download':
      return `Téléchargé : ${outcome.fileName}`;
    case 'failed':
      return `Échec : ${outcome.message}`;
    case 'cancelled':
      return 'Annulé';
    case 'skipped':
      return `Pas de courrier : ${outcome.message}`;
  }
}

function statusClass(
  outcome: ClientOutcome,
  styles: ReturnType<typeof useStyles>,
): string | undefined {
  if (outcome.status === 'failed') {
    return styles.failed;
  }
  return outcome.status === 'skipped' ? styles.skipped : undefined;
}
