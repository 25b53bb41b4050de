/**
 * "Paramètres" in real Chromium against the reference API: the demo key connects, a wrong key is
 * named as the problem, and the screen passes axe.
 */
import { DEMO_KEY } from './support/api-server';
import { checkAccessibility } from './support/axe';
import { enterSettings, search, testConnection, STEP_TIMEOUT_MS } from './support/pane-actions';
import { saveScreenshot } from './support/screenshots';
import { startSession, type PaneSession } from './support/session';

const SESSION_TIMEOUT_MS = 60_000;

describe('Paramètres in Chromium', () => {
  let session: PaneSession;

  beforeAll(async () => {
    session = await startSession({ count: 48 });
  }, SESSION_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  test('plain-browser mode, office.js blocked', async () => {
    const { page, blockedUrls } = session;

    await page.getByRole('tab', { name: 'Modèle' }).click();

    // Outside Word the pane offers a template file instead of the open document.
    await page.getByLabel('Choisir un fichier .docx').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(blockedUrls.some((url) => url.includes('office.js'))).toBe(true);
  });

  test('the demo key connects', async () => {
    const { page, api } = session;

    await enterSettings(page, api.baseUrl, DEMO_KEY);
    const message = await testConnection(page);

    await expect(message.textContent()).resolves.toMatch(/réussi|établie|OK/i);
  });

  test('Paramètres passes axe', async () => {
    const { page, api } = session;
    await enterSettings(page, api.baseUrl, DEMO_KEY);
    await testConnection(page);

    const report = await checkAccessibility(page);
    await saveScreenshot(page, 'parametres');

    expect(report.blocking).toEqual([]);
  });

  test('wrong key in connection test', async () => {
    const { page, api } = session;

    await enterSettings(page, api.baseUrl, 'cle-erronee-1234');
    const message = await testConnection(page);

    await expect(message.textContent()).resolves.toMatch(/clé/i);
    await expect(message.textContent()).resolves.not.toMatch(/réussi|établie/i);
  });

  test('wrong key in search', async () => {
    const { page, api } = session;
    await enterSettings(page, api.baseUrl, 'cle-erronee-1234');

    await search(page, { postalCode: '11' }, false);

    const alert = page.getByRole('alert').filter({ hasText: /clé/i });
    await alert.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await expect(alert.first().textContent()).resolves.toContain('Clé API refusée');
  });
});
