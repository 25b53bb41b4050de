/** The run under way: how many letters are done, and "Annuler". */
import { Button, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';

import type { MergeProgress as Progress } from './pane-merge';

export type MergeProgressProps = {
  progress: Progress;
  onCancel(): void;
  /** True once "Annuler" was clicked and the run is finishing its current client. */
  cancelling: boolean;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function MergeProgress({ progress, onCancel, cancelling }: MergeProgressProps) {
  const styles = useStyles();
  const text = `${progress.done} / ${progress.total} courriers`;

  return (
    <div className={styles.root}>
      <Field label="Fusion en cours" validationMessage={text} validationState="none">
        <ProgressBar value={progress.done} max={Math.max(progress.total, 1)} thickness="large" />
      </Field>
      <Button onClick={onCancel} disabled={cancelling}>
        {cancelling ? 'Annulation…' : 'Annuler'}
      </Button>
    </div>
  );
}
