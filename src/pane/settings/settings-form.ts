/** Checks the settings as typed before they are saved. */
import { ApiError } from '../../api/client';
import { parseBaseUrl } from '../../api/base-url';
import { parseEuroAmount, parsePenaltyRate } from '../../merge';
import type { PaneSettings } from '../services/settings';

export type SettingsField = keyof PaneSettings;

/** French messages by field; the address's goes in the form's notice, the others under fields. */
export type SettingsProblems = Partial<Record<SettingsField, string>>;

export type SettingsCheck =
  { ok: true; settings: PaneSettings } | { ok: false; problems: SettingsProblems };

/**
 * Trims the fields and checks the address, the penalty rate and the minimum amount. Returns every
 * problem at once, so that the user fixes them in one go; nothing is saved while one remains.
 */
export function checkSettings(typed: PaneSettings): SettingsCheck {
  const minimumAmount = typed.minimumAmount.trim();
  const settings: PaneSettings = {
    apiUrl: typed.apiUrl.trim(),
    apiKey: typed.apiKey.trim(),
    penaltyRate: typed.penaltyRate.trim(),
    // An emptied threshold means no threshold, which is 0 €.
    minimumAmount: minimumAmount === '' ? '0' : minimumAmount,
  };

  const problems: SettingsProblems = {
    apiUrl: addressProblem(settings.apiUrl),
    penaltyRate: penaltyRateProblem(settings.penaltyRate),
    minimumAmount: minimumAmountProblem(settings.minimumAmount),
  };
  const found = Object.fromEntries(
    Object.entries(problems).filter(([, message]) => message !== undefined),
  ) as SettingsProblems;
  return Object.keys(found).length === 0 ? { ok: true, settings } : { ok: false, problems: found };
}

function addressProblem(apiUrl: string): string | undefined {
  // An empty address is kept: the user may save the key first and ask for the address later.
  if (apiUrl === '') {
    return undefined;
  }
  try {
    parseBaseUrl(apiUrl);
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) {
      return error.message;
    }
    throw error;
  }
}

/** Checks the rate. An empty one is valid, because templates that need a rate report it. */
function penaltyRateProblem(rate: string): string | undefined {
  if (rate === '' || parsePenaltyRate(rate) !== null) {
    return undefined;
  }
  return (
    `Taux invalide « ${rate} » : indiquez le taux annuel en pourcentage, entre 0 et 100, ` +
    'deux décimales au plus, par exemple 13,15.'
  );
}

function minimumAmountProblem(amount: string): string | undefined {
  if (parseEuroAmount(amount) !== null) {
    return undefined;
  }
  return (
    `Montant invalide « ${amount} » : indiquez un montant en euros, par exemple 15 ou 15,50 ` +
    '(0 pour relancer tout client qui doit quelque chose).'
  );
}
