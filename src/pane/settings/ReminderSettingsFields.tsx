/**
 * "Relances" in "Paramètres": the annual late-penalty rate, which is never guessed, and the
 * minimum amount a client must owe to get a letter.
 */
import { Field, Input, makeStyles } from '@fluentui/react-components';

import type { PaneSettings } from '../services/settings';
import { Section } from '../template/Section';
import type { SettingsProblems } from './settings-form';

type ReminderSettingName = 'penaltyRate' | 'minimumAmount';

export type ReminderSettingsFieldsProps = {
  values: Pick<PaneSettings, ReminderSettingName>;
  problems: SettingsProblems;
  onChange(name: ReminderSettingName, value: string): void;
};

const useStyles = makeStyles({
  // Amounts and rates are short: a full-width input in a wide pane would look like a text field.
  input: { maxWidth: '12em' },
});

const FIELDS: readonly { name: ReminderSettingName; label: string; hint: string }[] = [
  {
    name: 'penaltyRate',
    label: 'Taux des pénalités de retard (% par an)',
    hint:
      'Celui de vos conditions générales de vente, par exemple 13,15. Sans taux, les modèles ' +
      'qui calculent des pénalités ne peuvent pas être fusionnés.',
  },
  {
    name: 'minimumAmount',
    label: 'Seuil minimal de relance (€)',
    hint: 'Les clients qui doivent moins que ce montant ne reçoivent pas de courrier.',
  },
];

export function ReminderSettingsFields({
  values,
  problems,
  onChange,
}: ReminderSettingsFieldsProps) {
  const styles = useStyles();

  return (
    <Section title="Relances">
      {FIELDS.map(({ name, label, hint }) => (
        <Field
          key={name}
          label={label}
          hint={hint}
          validationState={problems[name] ? 'error' : 'none'}
          validationMessage={problems[name]}
        >
          <Input
            className={styles.input}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={values[name]}
            onChange={(_, data) => onChange(name, data.value)}
          />
        </Field>
      ))}
    </Section>
  );
}
