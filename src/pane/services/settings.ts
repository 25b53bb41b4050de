/**
 * The pane's settings: the back office's address and API key, and the reminder settings (penalty
 * rate, minimum amount). They live in the browser's storage for this user (partitioned by Office
 * where it partitions storage), never in the document, which travels with every letter made
 * from it.
 */
import { parseEuroAmount, parsePenaltyRate, type PenaltyRate } from '../../merge';

export type PaneSettings = {
  apiUrl: string;
  apiKey: string;
  /** The annual late-penalty rate as the user typed it ("13,15"), or empty when none is set. */
  penaltyRate: string;
  /** The minimum amount due for a letter, in euros as typed ("15,50"); "0" by default. */
  minimumAmount: string;
};

const STORAGE_KEY = 'opisto-relances.settings';

export const DEFAULT_SETTINGS: PaneSettings = {
  apiUrl: '',
  apiKey: '',
  penaltyRate: '',
  minimumAmount: '0',
};

/** The part of the Web Storage API the settings use; tests pass their own. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storageKey(partitionKey: string | undefined): string {
  return partitionKey ? `${partitionKey}/${STORAGE_KEY}` : STORAGE_KEY;
}

/**
 * Reads the settings; anything unreadable gives the defaults. A stored rate or amount that no
 * longer parses gives its default too, so that the merge never uses a value the form would reject.
 */
export function loadSettings(
  storage: SettingsStorage,
  partitionKey: string | undefined,
): PaneSettings {
  try {
    const stored: unknown = JSON.parse(storage.getItem(storageKey(partitionKey)) ?? 'null');
    if (stored && typeof stored === 'object') {
      const values = stored as Partial<Record<keyof PaneSettings, unknown>>;
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const penaltyRate = text(values.penaltyRate);
      const minimumAmount = text(values.minimumAmount);
      return {
        apiUrl: text(values.apiUrl) ?? '',
        apiKey: text(values.apiKey) ?? '',
        penaltyRate: penaltyRate !== undefined && isPenaltyRateText(penaltyRate) ? penaltyRate : '',
        minimumAmount:
          minimumAmount !== undefined && parseEuroAmount(minimumAmount) !== null
            ? minimumAmount
            : DEFAULT_SETTINGS.minimumAmount,
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

/** True for an empty rate (none set) or a rate that `parsePenaltyRate` reads. */
function isPenaltyRateText(text: string): boolean {
  return text.trim() === '' || parsePenaltyRate(text) !== null;
}

/** The reminder settings as the merge uses them. */
export type ReminderSettings = {
  /** Null when the user has set no rate: it is never guessed. */
  penaltyRate: PenaltyRate | null;
  minimumCents: number;
};

/** Reads the reminder settings; values that do not parse count as unset (no rate, 0 €). */
export function reminderSettings(settings: PaneSettings): ReminderSettings {
  const rate = settings.penaltyRate.trim();
  return {
    penaltyRate: rate === '' ? null : parsePenaltyRate(rate),
    minimumCents: parseEuroAmount(settings.minimumAmount) ?? 0,
  };
}
