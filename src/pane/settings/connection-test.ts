/**
 * "Tester la connexion": the health check first, which needs no key and so separates an
 * unreachable or wrong address from a rejected key, then a search for one debtor, which proves
 * the key.
 */
import {
  ApiError,
  createOpistoClient,
  type OpistoClient,
  type OpistoClientOptions,
} from '../../api/client';
import type { PaneSettings } from '../services/settings';

export type ConnectionResult = { ok: boolean; message: string };

/** Options of the test's client: no retries, so a stopped server is reported at once. */
const TEST_OPTIONS: Partial<OpistoClientOptions> = { retries: 0, timeoutMs: 10_000 };

const NO_ADDRESS = 'Saisissez l’adresse du service Opisto, par exemple https://opisto.example.fr.';

/** Runs the test with the settings as typed. Every failure becomes a result, never a throw. */
export async function testConnection(
  settings: Pick<PaneSettings, 'apiUrl' | 'apiKey'>,
  options: Partial<OpistoClientOptions> = {},
): Promise<ConnectionResult> {
  if (settings.apiUrl.trim() === '') {
    return { ok: false, message: NO_ADDRESS };
  }

  let client: OpistoClient;
  let version: string;
  try {
    client = createOpistoClient({
      ...TEST_OPTIONS,
      ...options,
      baseUrl: settings.apiUrl.trim(),
      apiKey: settings.apiKey,
    });
    version = (await client.health()).version;
  } catch (error) {
    return { ok: false, message: failureMessage(error) };
  }

  try {
    await client.searchDebtors({ pageSize: 1 });
    return {
      ok: true,
      message: `Connexion réussie : service Opisto version ${version}, clé d’API acceptée.`,
    };
  } catch (error) {
    return {
      ok: false,
      message: `Le service Opisto répond (version ${version}). ${failureMessage(error)}`,
    };
  }
}

function failureMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  // Any other error is a bug of the pane, not a wrong setting, so the message has no details.
  return 'Le test n’a pas pu aboutir à cause d’une erreur inattendue du complément. Réessayez.';
}
