/**
 * The search filters, as in the back office: texts on the client, the kinds of pieces, the due
 * date and the invoice dates, and the reminder filters. "Rechercher" (or Enter in any field)
 * checks them and searches.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';

import { FrenchDateInput } from '../common/FrenchDateInput';
import {
  buildSearch,
  DATE_LABELS,
  initialFilters,
  type DateFilterName,
  type FilterValues,
  type KindFilterName,
  type SearchCheck,
  type SearchRequest,
  type TextFilterName,
} from './debtor-search';
import { ReminderFilters } from './ReminderFilters';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  // Fluent's inputs keep a minimum width of their own, which overflowed a narrow pane's columns.
  input: { minWidth: 0, width: '100%' },
  group: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, width: '100%' },
  submit: { alignSelf: 'flex-start' },
});

const TEXT_FIELDS: readonly { name: TextFilterName; label: string; type?: 'email' | 'tel' }[] = [
  { name: 'name', label: 'Nom' },
  { name: 'city', label: 'Ville' },
  { name: 'postalCode', label: 'Code postal' },
  { name: 'email', label: 'E-mail', type: 'email' },
  { name: 'phone', label: 'Téléphone', type: 'tel' },
];

const KIND_FIELDS: readonly { name: KindFilterName; label: string }[] = [
  { name: 'invoices', label: 'Factures' },
  { name: 'creditNotes', label: 'Avoirs' },
  { name: 'transactions', label: 'Commandes' },
];

const DATE_HINTS: Readonly<Partial<Record<DateFilterName, string>>> = {
  dueBefore: 'Date exclue : pour les échéances jusqu’au 31/10, saisissez le 01/11.',
};

export type FiltersFormProps = {
  /** Called with a checked search; a new one replaces any search still running. */
  onSearch(request: SearchRequest): void;
};

export function FiltersForm({ onSearch }: FiltersFormProps) {
  const styles = useStyles();
  const [values, setValues] = useState<FilterValues>(() => initialFilters());
  const [problem, setProblem] = useState<Extract<SearchCheck, { ok: false }> | undefined>();

  const set = <K extends keyof FilterValues>(name: K, value: FilterValues[K]) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = buildSearch(values);
    setProblem(check.ok ? undefined : check);
    if (check.ok) {
      onSearch(check.request);
    }
  };

  const dateField = (name: DateFilterName, label = DATE_LABELS[name]) => (
    <Field
      label={label}
      hint={DATE_HINTS[name]}
      validationState={problem?.field === name ? 'error' : 'none'}
      validationMessage={problem?.field === name ? problem.message : undefined}
    >
      <FrenchDateInput
        className={styles.input}
        value={values[name]}
        onDateChange={(value) => set(name, value)}
      />
    </Field>
  );

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Filtres de recherche" noValidate>
      <div className={styles.fields}>
        {TEXT_FIELDS.map((field) => (
          <Field key={field.name} label={field.label}>
            <Input
              className={styles.input}
              type={field.type ?? 'text'}
              value={values[field.name]}
              onChange={(_, data) => set(field.name, data.value)}
            />
          </Field>
        ))}
      </div>

      <KindsGroup values={values} problem={problem} onChange={set} />

      {dateField('dueBefore')}
      <div className={styles.fields} role="group" aria-label="Date de facturation">
        {dateField('invoicedFrom')}
        {dateField('invoicedTo')}
      </div>
      <ReminderFilters
        values={values}
        problem={problem}
        classNames={{ fields: styles.fields, input: styles.input }}
        onChange={set}
      />

      <Button type="submit" appearance="primary" className={styles.submit}>
        Rechercher
      </Button>
    </form>
  );
}

type KindsGroupProps = {
  values: FilterValues;
  problem: Extract<SearchCheck, { ok: false }> | undefined;
  onChange(name: KindFilterName, checked: boolean): void;
};

/** "Pièces": which kinds of pieces the search and the letters look at. */
function KindsGroup({ values, problem, onChange }: KindsGroupProps) {
  const styles = useStyles();
  const kindsLabel = useId();

  return (
    <>
      <div role="group" aria-labelledby={kindsLabel} className={styles.group}>
        <Text id={kindsLabel} className={styles.legend}>
          Pièces
        </Text>
        {KIND_FIELDS.map((field) => (
          <Checkbox
            key={field.name}
            label={field.label}
            checked={values[field.name]}
            onChange={(_, data) => onChange(field.name, data.checked === true)}
          />
        ))}
      </div>
      {problem?.field === 'kinds' && (
        <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {problem.message}
        </Text>
      )}
    </>
  );
}
