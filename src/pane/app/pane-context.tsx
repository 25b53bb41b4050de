/**
 * What every screen of the pane shares: where it runs, the settings, the API client made from
 * them, and the template chosen for the merge.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

import { createOpistoClient, type OpistoClient } from '../../api/client';
import type { PaneEnvironment } from '../services/environment';
import {
  loadSettings,
  saveSettings,
  type PaneSettings,
  type SettingsStorage,
} from '../services/settings';
import type { TemplateChoice } from '../services/template-choice';

export type ClientState =
  | { kind: 'ready'; client: OpistoClient }
  | { kind: 'missing' }
  | { kind: 'invalid'; message: string };

export type PaneState = {
  environment: PaneEnvironment;
  settings: PaneSettings;
  updateSettings(settings: PaneSettings): void;
  /** The API client for the current settings, or why there is none. */
  client: ClientState;
  template: TemplateChoice | null;
  chooseTemplate(template: TemplateChoice | null): void;
};

const PaneContext = createContext<PaneState | null>(null);

export type PaneProviderProps = {
  environment: PaneEnvironment;
  storage: SettingsStorage;
  children: ReactNode;
};

export function PaneProvider({ environment, storage, children }: PaneProviderProps) {
  const partitionKey = environment.kind === 'word' ? environment.partitionKey : undefined;
  const [settings, setSettings] = useState(() => loadSettings(storage, partitionKey));
  const [template, chooseTemplate] = useState<TemplateChoice | null>(
    environment.kind === 'word' ? { kind: 'openDocument' } : null,
  );
  // Only the address and the key make the client: saving a reminder setting keeps it.
  const { apiUrl, apiKey } = settings;
  const client = useMemo(() => makeClient(apiUrl, apiKey), [apiUrl, apiKey]);

  const state: PaneState = {
    environment,
    settings,
    updateSettings: (next) => {
      saveSettings(storage, partitionKey, next);
      setSettings(next);
    },
    client,
    template,
    chooseTemplate,
  };
  return <PaneContext.Provider value={state}>{children}</PaneContext.Provider>;
}

function makeClient(apiUrl: string, apiKey: string): ClientState {
  if (apiUrl.trim() === '' || apiKey.trim() === '') {
    return { kind: 'missing' };
  }
  try {
    return {
      kind: 'ready',
      client: createOpistoClient({ baseUrl: apiUrl.trim(), apiKey: apiKey.trim() }),
    };
  } catch (error) {
    return { kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Returns the shared state; the pane's screens all sit inside a PaneProvider. */
export function usePane(): PaneState {
  const state = useContext(PaneContext);
  if (!state) {
    throw new Error('usePane outside PaneProvider');
  }
  return state;
}
