/**
 * Shows the state of the history of the letters made: being recorded, recorded, or failed with
 * "Réessayer l’enregistrement". A failure never takes the letters back, because they are made.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
} from '@fluentui/react-components';

import type { HistoryState } from './use-merge-run';

export type HistoryNoticeProps = { history: HistoryState; onRetry(): void };

export function HistoryNotice({ history, onRetry }: HistoryNoticeProps) {
  switch (history.status) {
    case 'idle':
      return null;
    case 'recording':
      return <Spinner size="tiny" label="Enregistrement de l’historique des relances…" />;
    case 'recorded':
      return (
        <Text role="status">
          {history.count > 1
            ? `Historique enregistré dans Opisto : ${history.count} relances.`
            : `Historique enregistré dans Opisto : ${history.count} relance.`}
        </Text>
      );
    case 'failed':
      return (
        <MessageBar layout="multiline" intent="warning" role="alert">
          <MessageBarBody>
            Les courriers sont faits, mais l’historique n’a pas pu être enregistré :{' '}
            {history.message} {describePending(history.pendingCount)}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onRetry}>
              Réessayer l’enregistrement
            </Button>
          </MessageBarActions>
        </MessageBar>
      );
  }
}

function describePending(count: number): string {
  return count > 1
    ? `${count} relances restent à enregistrer.`
    : `${count} relance reste à enregistrer.`;
}
