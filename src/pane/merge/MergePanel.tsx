/**
 * "Fusionner" and its options: the letter's date, the reminder level, and one document per
 * client or one for all. Below the button come the reason it cannot run yet, the dialog about
 * unmatched payments, the progress with "Annuler", and the results with the history.
 */
import {
  Button,
  makeStyles,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { useId } from 'react';

import type { Reminder } from '../../api/contract';
import { usePane } from '../app/pane-context';
import { reminderSettings } from '../services/settings';
import { templateFileName, type TemplateChoice } from '../services/template-choice';
import type { MergeSelection } from '../state/selection';
import { checkMergeReadiness, type MergeReadiness } from './merge-readiness';
import { MergeOptions, useMergeOptions } from './MergeOptions';
import { MergeProgress } from './MergeProgress';
import { MergeResults } from './MergeResults';
import { useTemplateFields } from './template-fields';
import { UnmatchedDialog, useUnmatchedQuestion } from './UnmatchedDialog';
import { useMergeRun } from './use-merge-run';

export type MergePanelProps = {
  selection: MergeSelection;
  /** Receives the reminders the server has recorded, so that the list can show them. */
  onRemindersRecorded?: (reminders: readonly Reminder[]) => void;
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalM,
  },
  reason: { color: tokens.colorNeutralForeground3 },
});

export function MergePanel({ selection, onRemindersRecorded }: MergePanelProps) {
  const styles = useStyles();
  const { template, client, settings, environment } = usePane();
  const options = useMergeOptions(template && templateFileName(template, environment));
  const { letterDate, mode, level } = options.values;
  const fieldsUsed = useTemplateFields(template);
  const merge = useMergeRun(onRemindersRecorded);
  const { penaltyRate, minimumCents } = reminderSettings(settings);
  const question = useUnmatchedQuestion((confirmUnmatched) =>
    merge.start({
      ...selection,
      letterDate,
      mode,
      level,
      penaltyRate,
      sendChecks: { minimumCents, confirmUnmatched },
    }),
  );

  const running = merge.progress !== null;
  const readiness = checkMergeReadiness({
    selectedCount: selection.debtors.length,
    template,
    fieldsUsed,
    penaltyRate,
    client,
    letterDate,
  });

  return (
    <section className={styles.root} aria-label="Fusion">
      <Text>{describeSelection(selection.debtors.length)}</Text>
      {template && <Text>{describeTemplate(template)}</Text>}
      <MergeOptions {...options.props} disabled={running} />
      <MergeButton
        readiness={readiness}
        running={running}
        onClick={() => question.askOrStart(selection.debtors)}
      />
      <UnmatchedDialog {...question.dialog} />
      {merge.progress && (
        <MergeProgress
          progress={merge.progress}
          onCancel={merge.cancel}
          cancelling={merge.cancelling}
        />
      )}
      {/* Hidden during a run: the last run's list would be out of date, and re-rendering
          thousands of its rows on every letter slowed the run down. */}
      {merge.result && !running && (
        <MergeResults
          result={merge.result}
          history={merge.history}
          busy={running}
          onRetry={() => merge.retry({ exclusions: selection.exclusions })}
          onDownload={merge.downloadAll}
          onRetryHistory={merge.retryHistory}
        />
      )}
    </section>
  );
}

type MergeButtonProps = { readiness: MergeReadiness; running: boolean; onClick(): void };

/** "Fusionner", and why it cannot run yet, so that it never stays silently grey. */
function MergeButton({ readiness, running, onClick }: MergeButtonProps) {
  const styles = useStyles();
  const reasonId = useId();
  // The dialog about unmatched payments gives the focus back here when it closes.
  const restoreFocus = useRestoreFocusTarget();

  return (
    <>
      <Button
        {...restoreFocus}
        appearance="primary"
        disabledFocusable={!readiness.ready || running}
        aria-describedby={readiness.ready ? undefined : reasonId}
        onClick={onClick}
      >
        Fusionner
      </Button>
      {!readiness.ready && (
        <Text id={reasonId} className={styles.reason}>
          {readiness.reason}
        </Text>
      )}
    </>
  );
}

function describeSelection(count: number): string {
  if (count === 0) {
    return 'Aucun client sélectionné.';
  }
  return count === 1 ? '1 client sélectionné.' : `${count} clients sélectionnés.`;
}

/** Names the template the letters will be made from, so that the user sees it before merging. */
function describeTemplate(template: TemplateChoice): string {
  return template.kind === 'openDocument'
    ? 'Modèle : le document ouvert dans Word.'
    : `Modèle : ${template.name}`;
}
