/**
 * The reminder filters of the search: clients not reminded for some days (or never), and the
 * level their next reminder would have.
 */
import { Field, Input, Select, Text } from '@fluentui/react-components';

import { REMINDER_LEVEL_LABELS, REMINDER_LEVELS, type ReminderLevel } from '../../merge';
import { NOT_REMINDED_LABEL, type FilterValues, type SearchCheck } from './debtor-search';

export type ReminderFiltersProps = {
  values: Pick<FilterValues, 'notRemindedDays' | 'nextLevel'>;
  problem: Extract<SearchCheck, { ok: false }> | undefined;
  /** Class of the grid the two fields share, and of their inputs. */
  classNames: { fields: string; input: string };
  onChange<K extends 'notRemindedDays' | 'nextLevel'>(name: K, value: FilterValues[K]): void;
};

export function ReminderFilters(props: ReminderFiltersProps) {
  const { values, problem, classNames } = props;
  const daysInvalid = problem?.field === 'notRemindedDays';

  return (
    <div className={classNames.fields}>
      <Field
        label={NOT_REMINDED_LABEL}
        hint="En jours ; les clients jamais relancés sont inclus."
        validationState={daysInvalid ? 'error' : 'none'}
        validationMessage={daysInvalid ? problem.message : undefined}
      >
        <Input
          className={classNames.input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={values.notRemindedDays}
          contentAfter={<Text size={200}>jours</Text>}
          onChange={(_, data) => props.onChange('notRemindedDays', data.value)}
        />
      </Field>
      <Field label="Niveau" hint="Niveau de la prochaine relance.">
        <Select
          className={classNames.input}
          value={values.nextLevel}
          onChange={(_, data) => props.onChange('nextLevel', data.value as ReminderLevel | '')}
        >
          <option value="">Tous les niveaux</option>
          {REMINDER_LEVELS.map((level) => (
            <option key={level} value={level}>
              {REMINDER_LEVEL_LABELS[level]}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
