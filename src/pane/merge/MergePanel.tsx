/**
 * "Fusionner": the letter's date, one document per client or one for all, the button with the
 * reason it cannot run yet, the progress with "Annuler", and the result list with "Réessayer".
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';

import { localCalendarDate } from '../../merge';
import { usePane } from '../app/pane-context';
import type { MergeSelection } from '../state/selection';
import type { TemplateChoice } from '../services/template-choice';
import { checkMergeReadiness } from './merge-readiness';
import { MergeOptions } from './MergeOptions';
import { MergeProgress } from './MergeProgress';
import { MergeResults } from './MergeResults';
import type { MergeMode } from './pane-merge';
import { useMergeRun } from './use-merge-run';

export type MergePanelProps = { selection: MergeSelection };

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalM,
  },
  reason: { color: tokens.colorNeutralForeground3 },
});

export function MergePanel({ selection }: MergePanelProps) {
  const styles = useStyles();
  const reasonId = useId();
  const { template, client } = usePane();
  const [letterDate, setLetterDate] = useState(() => localCalendarDate(new Date()));
  const [mode, setMode] = useState<MergeMode>('perClient');
  const merge = useMergeRun();

  const count = selection.debtors.length;
  const running = merge.progress !== null;
  const readiness = checkMergeReadiness({ selectedCount: count, template, client, letterDate });
  const options = { filter: selection.filter, exclusions: selection.exclusions, letterDate, mode };

  return (
    <section className={styles.root} aria-label="Fusion">
      <Text>{describeSelection(count)}</Text>
      {template && <Text>{describeTemplate(template)}</Text>}
      <MergeOptions
        letterDate={letterDate}
        onLetterDateChange={setLetterDate}
        mode={mode}
        onModeChange={setMode}
        disabled={running}
      />
      <Button
        appearance="primary"
        disabledFocusable={!readiness.ready || running}
        aria-describedby={readiness.ready ? undefined : reasonId}
        onClick={() => merge.start({ ...options, debtors: selection.debtors })}
      >
        Fusionner
      </Button>
      {!readiness.ready && (
        <Text id={reasonId} className={styles.reason}>
          {readiness.reason}
        </Text>
      )}
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
          busy={running}
          onRetry={() => merge.retry({ exclusions: selection.exclusions })}
          onDownload={merge.downloadAll}
        />
      )}
    </section>
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
