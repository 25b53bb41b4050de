/**
 * The letter's date, the reminder level, and how the letters are laid out: one document per
 * client, or one for all.
 */
import { Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState } from 'react';

import {
  implausibleLetterDate,
  isCalendarDate,
  levelFromTemplateName,
  localCalendarDate,
  REMINDER_LEVEL_LABELS,
  REMINDER_LEVELS,
  type ReminderLevel,
} from '../../merge';
import { FrenchDateInput } from '../common/FrenchDateInput';
import type { MergeMode } from './pane-merge';

/**
 * Shows an impossible date as an error, and a date more than a year from today as a warning:
 * penalties grow with it, so a slip of the year must be seen, but an old date may be on purpose.
 */
function dateValidation(letterDate: string, dateValid: boolean) {
  if (!dateValid) {
    return {
      validationState: 'error' as const,
      validationMessage: 'Saisissez une date réelle (jour, mois, année).',
    };
  }
  const implausible = implausibleLetterDate(letterDate, localCalendarDate(new Date()));
  if (implausible) {
    return {
      validationState: 'warning' as const,
      validationMessage: `${implausible.charAt(0).toUpperCase()}${implausible.slice(1)}`,
    };
  }
  return { validationState: 'none' as const };
}

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
        {...dateValidation(letterDate, dateValid)}
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
 * from the template's name (else the first reminder) until the user chooses one, for as long as
 * that template stays chosen.
 */
export function useMergeOptions(templateName: string | null | undefined) {
  const [letterDate, setLetterDate] = useState(() => localCalendarDate(new Date()));
  const [mode, setMode] = useState<MergeMode>('perClient');
  // A level chosen by hand holds for the template it was chosen with: a new template brings its
  // own level again, so that a "Mise en demeure" is never recorded as the 2e rappel chosen before.
  const [choice, setChoice] = useState<{ level: ReminderLevel; template: string | null } | null>(
    null,
  );
  const chosenLevel = choice && choice.template === (templateName ?? null) ? choice.level : null;
  const setChosenLevel = (level: ReminderLevel) =>
    setChoice({ level, template: templateName ?? null });
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
