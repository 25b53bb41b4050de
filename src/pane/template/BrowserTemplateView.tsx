/**
 * The "Modèle" tab in a plain browser: the user picks a .docx or a starter template, checks its
 * field words and unknown words, and copies field names to paste into Word.
 */
import { useMemo, useState } from 'react';

import type { FieldName } from '../../merge/fields';
import { usePane } from '../app/pane-context';
import { NoticeBar, type Notice } from './Notice';
import { Section } from './Section';
import { StarterTemplates, type StarterTemplate } from './StarterTemplates';
import { copyField } from './template-actions';
import {
  errorMessage,
  loadStarterTemplate,
  summarizeDocx,
  type CheckedTemplate,
} from './template-file';
import { TemplateCheck } from './TemplateCheck';
import { TemplateFilePicker } from './TemplateFilePicker';
import { FieldSection } from './FieldSection';

export function BrowserTemplateView() {
  return (
    <>
      <ChoiceSection />
      <FieldSection
        action="copy"
        run={(field: FieldName) => copyField(navigator.clipboard, field)}
      />
    </>
  );
}

function ChoiceSection() {
  const { template, chooseTemplate } = usePane();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const file = template?.kind === 'file' ? template : null;
  // The tab is rebuilt at each visit: the summary comes back from the chosen template's bytes.
  const summary = useMemo(() => (file ? summarizeDocx(file.bytes) : null), [file]);

  function choose({ name, bytes }: CheckedTemplate) {
    chooseTemplate({ kind: 'file', name, bytes });
    setNotice(null);
  }

  async function pickStarter(starter: StarterTemplate) {
    setBusy(true);
    try {
      choose(await loadStarterTemplate(starter));
    } catch (error) {
      setNotice({ intent: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Choisir le modèle">
      <p>Choisissez le modèle Word des courriers : votre fichier .docx ou un modèle fourni.</p>
      <TemplateFilePicker
        disabled={busy}
        onPicked={choose}
        onError={(text) => setNotice({ intent: 'error', text })}
      />
      <StarterTemplates
        label="Modèles fournis"
        verb="Utiliser le modèle"
        disabled={busy}
        onPick={(starter) => void pickStarter(starter)}
      />
      <NoticeBar notice={notice} />
      {file && summary ? (
        <>
          <p>
            Modèle choisi : <strong>{file.name}</strong>
          </p>
          <TemplateCheck summary={summary} />
        </>
      ) : (
        <p>Aucun modèle choisi.</p>
      )}
    </Section>
  );
}
