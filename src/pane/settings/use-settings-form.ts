/**
 * The "Paramètres" form's state: the values as typed, the problems found by "Enregistrer", and
 * the notice of the last action, "Enregistrer" or "Tester la connexion".
 */
import { useState } from 'react';

import { usePane } from '../app/pane-context';
import type { PaneSettings } from '../services/settings';
import type { Notice } from '../template/Notice';
import { testConnection } from './connection-test';
import { checkSettings, type SettingsProblems } from './settings-form';

const NOT_SAVED = 'Paramètres non enregistrés : corrigez les valeurs signalées ci-dessus.';

export function useSettingsForm() {
  const { settings, updateSettings } = usePane();
  const [typed, setTyped] = useState<PaneSettings>(settings);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [problems, setProblems] = useState<SettingsProblems>({});
  const [testing, setTesting] = useState(false);

  /** Saves every setting, or none while one is invalid. */
  function save() {
    const checked = checkSettings(typed);
    if (!checked.ok) {
      setProblems(checked.problems);
      // The address's message goes in the notice; the others show under their fields.
      setNotice({ intent: 'error', text: checked.problems.apiUrl ?? NOT_SAVED });
      return;
    }
    updateSettings(checked.settings);
    setTyped(checked.settings);
    setProblems({});
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

  return { typed, notice, problems, testing, save, edit, test };
}
