/** The letter's date and how the letters are laid out: one document per client, or one for all. */
import { Field, Radio, RadioGroup } from '@fluentui/react-components';

import { isCalendarDate } from '../../merge';
import { FrenchDateInput } from '../common/FrenchDateInput';
import type { MergeMode } from './pane-merge';

export type MergeOptionsProps = {
  letterDate: string;
  onLetterDateChange(date: string): void;
  mode: MergeMode;
  onModeChange(mode: MergeMode): void;
  disabled: boolean;
};

export function MergeOptions(props: MergeOptionsProps) {
  const { letterDate, mode, disabled } = props;
  const dateValid = isCalendarDate(letterDate);

  return (
    <>
      <Field
        label="Date du courrier"
        hint="Date écrite à la place de opistodatejour."
        validationState={dateValid ? 'none' : 'error'}
        validationMessage={dateValid ? undefined : 'Saisissez une date complète.'}
      >
        <FrenchDateInput
          value={letterDate}
          disabled={disabled}
          onDateChange={props.onLetterDateChange}
        />
      </Field>
      <Field label="Présentation des courriers">
        <RadioGroup
          value={mode}
          disabled={disabled}
          onChange={(_, data) => props.onModeChange(data.value as MergeMode)}
        >
          <Radio value="perClient" label="Un document par client" />
          <Radio value="single" label="Un seul document" />
        </RadioGroup>
      </Field>
    </>
  );
}
