/** Checks the settings as typed before they are saved. */
import { ApiError } from '../../api/client';
import { parseBaseUrl } from '../../api/base-url';
import type { PaneSettings } from '../services/settings';

/** Trims the fields and checks the address; returns the French reason when it is refused. */
export function checkSettings(
  typed: PaneSettings,
): { ok: true; settings: PaneSettings } | { ok: false; message: string } {
  const settings = { apiUrl: typed.apiUrl.trim(), apiKey: typed.apiKey.trim() };

  // An empty address is kept: the user may save the key first and ask for the address later.
  if (settings.apiUrl !== '') {
    try {
      parseBaseUrl(settings.apiUrl);
    } catch (error) {
      if (error instanceof ApiError) {
        return { ok: false, message: error.message };
      }
      throw error;
    }
  }
  return { ok: true, settings };
}
