/**
 * Inside Word, which template the merge uses: the open document, or a .docx file the user picked
 * because Word cannot hand over the open document (Word on the web).
 */
import { Button } from '@fluentui/react-components';
import { useState } from 'react';

import { usePane } from '../app/pane-context';
import { NoticeBar, type Notice } from './Notice';
import { Section } from './Section';
import { TemplateFilePicker } from './TemplateFilePicker';

export function MergeTemplateSection() {
  const { template, chooseTemplate } = usePane();
  const [notice, setNotice] = useState<Notice | null>(null);
  const file = template?.kind === 'file' ? template : null;

  return (
    <Section title="Modèle utilisé pour la fusion">
      <p>
        {file ? (
          <>
            Modèle pour la fusion : <strong>{file.name}</strong>
          </>
        ) : (
          'Modèle pour la fusion : le document ouvert dans Word.'
        )}
      </p>
      <p>
        Sur Word pour le web, Word ne transmet pas toujours le document ouvert au complément :
        choisissez alors le fichier .docx du modèle.
      </p>
      <TemplateFilePicker
        onPicked={({ name, bytes }) => {
          chooseTemplate({ kind: 'file', name, bytes });
          setNotice({ intent: 'success', text: `« ${name} » servira de modèle pour la fusion.` });
        }}
        onError={(text) => setNotice({ intent: 'error', text })}
      />
      {file && (
        <Button
          onClick={() => {
            chooseTemplate({ kind: 'openDocument' });
            setNotice(null);
          }}
        >
          Utiliser le document ouvert
        </Button>
      )}
      <NoticeBar notice={notice} />
    </Section>
  );
}
