/**
 * The pane's settings: the back office's address and API key. They live in the browser's storage
 * for this user (partitioned by Office where it partitions storage), never in the document, which
 * travels with every letter made from it.
 */

export type PaneSettings = {
  apiUrl: string;
  apiKey: string;
};

const STORAGE_KEY = 'opisto-relances.settings';

export const DEFAULT_SETTINGS: PaneSettings = { apiUrl: '', apiKey: '' };

/** The part of the Web Storage API the settings use; tests pass their own. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storageKey(partitionKey: string | undefined): string {
  return partitionKey ? `${partitionKey}/${STORAGE_KEY}` : STORAGE_KEY;
}

/** Reads the settings; anything unreadable gives the defaults. */
export function loadSettings(
  storage: SettingsStorage,
  partitionKey: string | undefined,
): PaneSettings {
  try {
    const stored: unknown = JSON.parse(storage.getItem(storageKey(partitionKey)) ?? 'null');
    if (stored && typeof stored === 'object') {
      const { apiUrl, apiKey } = stored as Partial<Record<keyof PaneSettings, unknown>>;
      return {
        apiUrl: typeof apiUrl === 'string' ? apiUrl : '',
        apiKey: typeof apiKey === 'string' ? apiKey : '',
      };
    }
  } catch {
    // A value written by hand or by another version: start again from the defaults.
  }
  return { ...DEFAULT_SETTINGS };
}

export function saveSettings(
  storage: SettingsStorage,
  partitionKey: string | undefined,
  settings: PaneSettings,
): void {
  storage.setItem(storageKey(partitionKey), JSON.stringify(settings));
}
