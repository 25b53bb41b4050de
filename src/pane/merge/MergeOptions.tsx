/**
 * The letter's date, the reminder level, and how the letters are laid out: one document per
 * client, or one for all.
 */
import { Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState } from 'react';

import {
  isCalendarDate,
  levelFromTemplateName,
  localCalendarDate,
  REMINDER_LEVEL_LABELS,
  REMINDER_LEVELS,
  type ReminderLevel,
} from '../../merge';
import { FrenchDateInput } from '../common/FrenchDateInput';
import type { MergeMode } from './pane-merge';

/** Source of the level shown, for the hint under the choice. */
export type LevelSource = 'user' | 'templateName' | 'default';

export type MergeOptionsProps = {
  letterDate: string;
  onLetterDateChange(date: string): void;
  level: ReminderLevel;
  levelSource: LevelSource;
  onLevelChange(level: ReminderLevel): void;
  mode: MergeMode;
  onModeChange(mode: MergeMode): void;
  disabled: boolean;
};

const LEVEL_HINTS: Readonly<Record<LevelSource, string | undefined>> = {
  user: undefined,
  templateName: 'Choisi d’après le nom du modèle.',
  default: 'Le nom du modèle n’indique aucun niveau : 1er rappel par défaut.',
};

export function MergeOptions(props: MergeOptionsProps) {
  const { letterDate, level, mode, disabled } = props;
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
      <Field label="Niveau de relance" hint={LEVEL_HINTS[props.levelSource]}>
        <Select
          value={level}
          disabled={disabled}
          onChange={(_, data) => props.onLevelChange(data.value as ReminderLevel)}
        >
          {REMINDER_LEVELS.map((option) => (
            <option key={option} value={option}>
              {REMINDER_LEVEL_LABELS[option]}
            </option>
          ))}
        </Select>
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

/**
 * Keeps the options' state: today's date and one document per client at first. The level comes
 * from the template's name (else the first reminder) until the user chooses one, which then stays
 * whatever template comes next.
 */
export function useMergeOptions(templateName: string | null | undefined) {
  const [letterDate, setLetterDate] = useState(() => localCalendarDate(new Date()));
  const [mode, setMode] = useState<MergeMode>('perClient');
  const [chosenLevel, setChosenLevel] = useState<ReminderLevel | null>(null);
  const guessed = templateName ? levelFromTemplateName(templateName) : null;
  const level = chosenLevel ?? guessed ?? 'rappel1';
  let levelSource: LevelSource = 'default';
  if (chosenLevel) {
    levelSource = 'user';
  } else if (guessed) {
    levelSource = 'templateName';
  }

  return {
    values: { letterDate, mode, level },
    props: {
      letterDate,
      onLetterDateChange: setLetterDate,
      level,
      levelSource,
      onLevelChange: setChosenLevel,
      mode,
      onModeChange: setMode,
    } satisfies Omit<MergeOptionsProps, 'disabled'>,
  };
}
