/**
 * Every field word with what it puts in the letter, filtered by a search box. Each has one
 * action: "Insérer" at the cursor inside Word, "Copier" in a plain browser.
 */
import { Button, Field, makeStyles, SearchBox, tokens } from '@fluentui/react-components';
import { useState } from 'react';

import type { FieldName } from '../../merge/fields';
import { filterFields } from './field-descriptions';

export type FieldListProps = {
  action: 'insert' | 'copy';
  onAction: (field: FieldName) => void;
};

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  text: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  name: { display: 'block', fontFamily: tokens.fontFamilyMonospace },
  description: { display: 'block', color: tokens.colorNeutralForeground3 },
});

const ACTION_LABELS = { insert: 'Insérer', copy: 'Copier' } as const;

export function FieldList({ action, onAction }: FieldListProps) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const entries = filterFields(query);

  return (
    <div>
      <Field label="Rechercher un champ">
        <SearchBox value={query} onChange={(_, data) => setQuery(data.value)} />
      </Field>
      {entries.length === 0 && <p>Aucun champ ne correspond à « {query.trim()} ».</p>}
      <ul className={styles.list} aria-label="Champs disponibles">
        {entries.map(({ field, description }) => (
          <li key={field} className={styles.item}>
            <span className={styles.text}>
              <span className={styles.name}>{field}</span>
              <span className={styles.description}>{description}</span>
            </span>
            <Button
              size="small"
              aria-label={`${ACTION_LABELS[action]} ${field}`}
              onClick={() => onAction(field)}
            >
              {ACTION_LABELS[action]}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
