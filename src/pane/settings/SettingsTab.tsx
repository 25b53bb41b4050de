/**
 * The "Paramètres" tab: the Opisto service's address and the API key, saved for this user in the
 * pane's storage (never in the document), and a connection test with the values as typed.
 */
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';

import { usePane } from '../app/pane-context';
import type { PaneSettings } from '../services/settings';
import { NoticeBar, type Notice } from '../template/Notice';
import { Section } from '../template/Section';
import { testConnection } from './connection-test';
import { checkSettings } from './settings-form';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function SettingsTab() {
  const styles = useStyles();
  const { settings, updateSettings } = usePane();
  const [typed, setTyped] = useState<PaneSettings>(settings);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [testing, setTesting] = useState(false);

  function save() {
    const checked = checkSettings(typed);
    if (!checked.ok) {
      setNotice({ intent: 'error', text: checked.message });
      return;
    }
    updateSettings(checked.settings);
    setTyped(checked.settings);
    setNotice({ intent: 'success', text: 'Paramètres enregistrés.' });
  }

  // A result about other values than those on screen would mislead: it goes with any edit.
  function edit(next: PaneSettings) {
    setTyped(next);
    setNotice(null);
  }

  async function test() {
    setTesting(true);
    setNotice({ intent: 'info', text: 'Test de la connexion en cours…' });
    const result = await testConnection(typed);
    setNotice({ intent: result.ok ? 'success' : 'error', text: result.message });
    setTesting(false);
  }

  return (
    <Section title="Connexion à Opisto">
      <form
        className={styles.form}
        // The pane's own messages, in French, rather than the browser's bubble in its language.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Field label="Adresse du service Opisto" hint="Par exemple https://opisto.example.fr">
          <Input
            type="url"
            value={typed.apiUrl}
            onChange={(_, data) => edit({ ...typed, apiUrl: data.value })}
          />
        </Field>
        <ApiKeyField value={typed.apiKey} onChange={(apiKey) => edit({ ...typed, apiKey })} />
        <p>
          La clé est enregistrée pour votre compte, dans le stockage du complément sur cet
          ordinateur. Elle n’est jamais écrite dans vos modèles ni dans les courriers.
        </p>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary">
            Enregistrer
          </Button>
          <Button disabled={testing} onClick={() => void test()}>
            Tester la connexion
          </Button>
        </div>
        <NoticeBar notice={notice} />
      </form>
    </Section>
  );
}

type ApiKeyFieldProps = { value: string; onChange: (value: string) => void };

/** Shows the key field, hidden by default, with a button that reveals it to check a paste. */
function ApiKeyField({ value, onChange }: ApiKeyFieldProps) {
  const [shown, setShown] = useState(false);

  return (
    <Field label="Clé d’API">
      <Input
        type={shown ? 'text' : 'password'}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(_, data) => onChange(data.value)}
        contentAfter={
          <Button appearance="transparent" size="small" onClick={() => setShown(!shown)}>
            {shown ? 'Masquer la clé' : 'Afficher la clé'}
          </Button>
        }
      />
    </Field>
  );
}
