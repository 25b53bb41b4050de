/**
 * "Choisir un fichier .docx": picks a template file, reads it and checks it with the .docx
 * engine before handing it on, so that a bad file is refused with the engine's French message.
 */
import { Label, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';

import { checkPickedFile, errorMessage, type CheckedTemplate } from './template-file';

export type TemplateFilePickerProps = {
  disabled?: boolean;
  onPicked: (template: CheckedTemplate) => void;
  onError: (message: string) => void;
};

const DOCX_TYPES = '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function TemplateFilePicker({ disabled, onPicked, onError }: TemplateFilePickerProps) {
  const styles = useStyles();
  const id = useId();

  async function pick(input: HTMLInputElement) {
    const file = input.files?.[0];
    // Cleared so that picking the same file again, once corrected, runs the check again.
    input.value = '';
    if (!file) {
      return;
    }

    try {
      onPicked(await checkPickedFile(file));
    } catch (error) {
      onError(`« ${file.name} » : ${errorMessage(error)}`);
    }
  }

  return (
    <div className={styles.root}>
      <Label htmlFor={id}>Choisir un fichier .docx</Label>
      <input
        id={id}
        type="file"
        accept={DOCX_TYPES}
        disabled={disabled}
        onChange={(event) => void pick(event.currentTarget)}
      />
    </div>
  );
}
