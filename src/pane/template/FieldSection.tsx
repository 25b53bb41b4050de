/** The field list with the notice of its last action. */
import { useState } from 'react';

import type { FieldName } from '../../merge/fields';
import { FieldList } from './FieldList';
import { NoticeBar, type Notice } from './Notice';
import { Section } from './Section';

export type FieldSectionProps = {
  action: 'insert' | 'copy';
  run: (field: FieldName) => Promise<Notice>;
};

export function FieldSection({ action, run }: FieldSectionProps) {
  const [notice, setNotice] = useState<Notice | null>(null);

  async function act(field: FieldName) {
    setNotice(await run(field));
  }

  return (
    <Section title={action === 'insert' ? 'Insérer un champ' : 'Champs disponibles'}>
      <p>
        {action === 'insert'
          ? 'Cliquez dans le document à l’endroit voulu, puis sur « Insérer ».'
          : 'Copiez un champ, puis collez-le dans votre modèle Word.'}
      </p>
      <NoticeBar notice={notice} />
      <FieldList action={action} onAction={(field) => void act(field)} />
    </Section>
  );
}
