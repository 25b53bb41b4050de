/**
 * The server goes down between the search and "Fusionner": the pane shows a French message, keeps
 * the selection, and "Réessayer" makes the letters once the server is back.
 */
import { DEMO_KEY } from './support/api-server';
import { expectedDebtors } from './support/expected';
import { readLetters } from './support/letters';
import {
  chooseStarterTemplate,
  collectDownloads,
  debtorCheckbox,
  enterSettings,
  mergeButton,
  retryButton,
  search,
  shownCount,
  STEP_TIMEOUT_MS,
  waitUntil,
} from './support/pane-actions';
import { startSession, type PaneSession } from './support/session';

const SESSION_TIMEOUT_MS = 60_000;
const MERGE_TIMEOUT_MS = 30_000;

describe('the server stopped before "Fusionner"', () => {
  let session: PaneSession;

  beforeAll(async () => {
    session = await startSession({ count: 48 });
    await enterSettings(session.page, session.api.baseUrl, DEMO_KEY);
  }, SESSION_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  test('French message, selection kept, retry works', async () => {
    const { page, api } = session;
    const chosen = expectedDebtors(api.records, { postalCode: '11' });
    await chooseStarterTemplate(page, 'Relance 1er rappel');
    await search(page, { postalCode: '11' });
    await expect(shownCount(page)).resolves.toBe(chosen.length);
    for (const debtor of chosen) {
      await debtorCheckbox(page, debtor.displayName).check();
    }

    await api.stop();
    await mergeButton(page).click();

    const alert = page.getByRole('alert').filter({ hasText: /injoignable/ });
    await alert.first().waitFor({ timeout: MERGE_TIMEOUT_MS });
    await expect(alert.first().textContent()).resolves.toMatch(/vérifiez l’adresse/);

    await expect(shownCount(page)).resolves.toBe(chosen.length);
    for (const debtor of chosen) {
      await expect(debtorCheckbox(page, debtor.displayName).isChecked()).resolves.toBe(true);
    }

    await api.start();
    const downloads = collectDownloads(page);
    await retryButton(page).first().click({ timeout: STEP_TIMEOUT_MS });
    await waitUntil(async () => downloads.length > 0, 'the letters download', MERGE_TIMEOUT_MS);

    const letters = await readLetters(downloads);
    expect(letters).toHaveLength(chosen.length);
    for (const debtor of chosen) {
      expect(letters.some((letter) => letter.text.includes(debtor.displayName))).toBe(true);
    }
  });
});
