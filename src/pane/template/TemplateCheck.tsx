/**
 * The result of a template check: each field word with how often it occurs, and the words that
 * start with "opisto" but name no field, with the nearest valid name. Inside Word each word is a
 * button that selects it in the document.
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

import type { TemplateSummary, UnknownWord } from '../../merge/summary';

export type TemplateCheckProps = {
  summary: TemplateSummary;
  /** Selects a word in the document; absent outside Word, where words are plain text. */
  onSelectWord?: (word: string) => void;
};

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  word: { fontFamily: tokens.fontFamilyMonospace },
  unknown: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorPaletteRedForeground1 },
});

function times(count: number): string {
  return count === 1 ? '1 fois' : `${count} fois`;
}

export function TemplateCheck({ summary, onSelectWord }: TemplateCheckProps) {
  const styles = useStyles();

  function wordLabel(word: string, className: string) {
    if (!onSelectWord) {
      return <span className={className}>{word}</span>;
    }
    return (
      <Button
        appearance="transparent"
        className={className}
        aria-label={`Sélectionner ${word} dans le document`}
        onClick={() => onSelectWord(word)}
      >
        {word}
      </Button>
    );
  }

  return (
    <div>
      <Text as="h3" weight="semibold">
        Champs trouvés
      </Text>
      {summary.fields.length === 0 ? (
        <p>Aucun champ dans le modèle.</p>
      ) : (
        <ul className={styles.list} aria-label="Champs trouvés">
          {summary.fields.map(({ field, count }) => (
            <li key={field} className={styles.item}>
              {wordLabel(field, styles.word)}
              <span>{times(count)}</span>
            </li>
          ))}
        </ul>
      )}
      <UnknownWords words={summary.unknown}>
        {(word) => wordLabel(word, styles.unknown)}
      </UnknownWords>
    </div>
  );
}

type UnknownWordsProps = {
  words: readonly UnknownWord[];
  children: (word: string) => ReactNode;
};

function UnknownWords({ words, children }: UnknownWordsProps) {
  const styles = useStyles();

  if (words.length === 0) {
    return <p>Aucun mot inconnu.</p>;
  }
  return (
    <>
      <Text as="h3" weight="semibold">
        Mots inconnus
      </Text>
      <p>
        Ces mots commencent par « opisto » mais ne sont pas des champs : ils resteront tels quels
        dans les courriers. Corrigez-les dans le modèle.
      </p>
      <ul className={styles.list} aria-label="Mots inconnus">
        {words.map(({ word, count, suggestion }) => (
          <li key={word} className={styles.item}>
            {children(word)}
            <span>
              {suggestion ? `→ ${suggestion} ?` : '(aucun champ proche)'} · {times(count)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
