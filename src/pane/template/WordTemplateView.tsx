/**
 * The "Modèle" tab inside Word: check the open document, insert fields at the cursor, start a
 * new template from a starter one, and pick the template's file where Word cannot hand over the
 * open document.
 */
import { Button } from '@fluentui/react-components';
import { useState } from 'react';

import type { TemplateSummary } from '../../merge/summary';
import { checkOpenTemplate, type WordHost } from '../../merge/word';
import type { WordEnvironment } from '../services/environment';
import { FieldSection } from './FieldSection';
import { MergeTemplateSection } from './MergeTemplateSection';
import { NoticeBar, type Notice } from './Notice';
import { Section } from './Section';
import { StarterTemplates, type StarterTemplate } from './StarterTemplates';
import { insertField, openStarter, selectWord } from './template-actions';
import { TemplateCheck } from './TemplateCheck';

export function WordTemplateView({ environment }: { environment: WordEnvironment }) {
  const { host } = environment;

  return (
    <>
      <CheckSection host={host} />
      <FieldSection action="insert" run={(field) => insertField(host, field)} />
      <StarterSection host={host} />
      <MergeTemplateSection />
    </>
  );
}

function CheckSection({ host }: { host: WordHost }) {
  const [summary, setSummary] = useState<TemplateSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function check() {
    setBusy(true);
    setNotice(null);
    try {
      setSummary(await checkOpenTemplate(host));
    } catch {
      setNotice({
        intent: 'error',
        text: 'Word n’a pas pu lire le document. Cliquez dans le document, puis réessayez.',
      });
    } finally {
      setBusy(false);
    }
  }

  async function select(word: string) {
    setNotice(await selectWord(host, word));
  }

  return (
    <Section title="Vérifier le modèle">
      <p>
        Liste les champs du document ouvert (corps, en-têtes et pieds de page) et les mots mal
        orthographiés. Cliquez sur un mot pour le sélectionner dans le document.
      </p>
      <Button appearance="primary" disabled={busy} onClick={() => void check()}>
        {busy ? 'Vérification…' : 'Vérifier le modèle'}
      </Button>
      <NoticeBar notice={notice} />
      {summary && <TemplateCheck summary={summary} onSelectWord={(word) => void select(word)} />}
    </Section>
  );
}

function StarterSection({ host }: { host: WordHost }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function open(starter: StarterTemplate) {
    setBusy(true);
    setNotice(await openStarter(host, starter));
    setBusy(false);
  }

  return (
    <Section title="Nouveau modèle">
      <p>
        Ouvre une copie d’un modèle fourni dans un nouveau document, à adapter puis enregistrer.
      </p>
      <StarterTemplates
        label="Modèles fournis"
        verb="Ouvrir le modèle"
        disabled={busy}
        onPick={(starter) => void open(starter)}
      />
      <NoticeBar notice={notice} />
    </Section>
  );
}
