/**
 * The "Paramètres" tab: the Opisto service's address and the API key, with a connection test on
 * the values as typed, and the reminder settings (penalty rate, minimum amount). All are saved
 * together for this user in the pane's storage, never in the document.
 */
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';

import { NoticeBar } from '../template/Notice';
import { Section } from '../template/Section';
import { ReminderSettingsFields } from './ReminderSettingsFields';
import { useSettingsForm } from './use-settings-form';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function SettingsTab() {
  const styles = useStyles();
  const { typed, notice, problems, testing, save, edit, test } = useSettingsForm();

  return (
    <form
      className={styles.form}
      // The pane's own messages, in French, rather than the browser's bubble in its language.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Section title="Connexion à Opisto">
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
      </Section>
      <ReminderSettingsFields
        values={typed}
        problems={problems}
        // A field's message stays until the next "Enregistrer" checks the field again.
        onChange={(name, value) => edit({ ...typed, [name]: value })}
      />
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
