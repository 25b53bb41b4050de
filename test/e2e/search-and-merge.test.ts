/**
 * The user's main flow in real Chromium, the pane in a plain browser against the reference API:
 * search with filters, pick two clients, choose a starter template, "Fusionner", and read the
 * downloaded letters back.
 */
import { DEMO_KEY } from './support/api-server';
import { checkAccessibility } from './support/axe';
import { expectedDebtors, openInvoiceNumbers, type ExpectedDebtor } from './support/expected';
import { readLetters } from './support/letters';
import {
  chooseStarterTemplate,
  collectDownloads,
  debtorCheckbox,
  enterSettings,
  mergeButton,
  openTab,
  search,
  shownCount,
  summaryCount,
  waitUntil,
} from './support/pane-actions';
import { saveScreenshot } from './support/screenshots';
import { startSession, type PaneSession } from './support/session';

const SESSION_TIMEOUT_MS = 60_000;
const MERGE_TIMEOUT_MS = 30_000;

describe('search and merge in Chromium', () => {
  let session: PaneSession;

  beforeAll(async () => {
    session = await startSession({ count: 48 });
    await enterSettings(session.page, session.api.baseUrl, DEMO_KEY);
  }, SESSION_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  test('city filter lists the server debtors', async () => {
    const { page, api } = session;
    const expected = expectedDebtors(api.records, { city: 'toulouse' });

    await search(page, { city: 'Toulouse' });

    await expect(shownCount(page)).resolves.toBe(expected.length);
    for (const debtor of expected) {
      await expect(debtorCheckbox(page, debtor.displayName).count()).resolves.toBe(1);
    }
  });

  test('postcode and due date filters', async () => {
    const { page, api } = session;
    const dueBefore = '2026-11-01';
    const expected = expectedDebtors(api.records, { postalCode: '31', dueBefore });
    const others = expectedDebtors(api.records, { postalCode: '31' }).filter(
      (debtor) => !expected.some((kept) => kept.id === debtor.id),
    );
    expect(others.length).toBeGreaterThan(0);

    await search(page, { postalCode: '31', dueBefore });

    await expect(shownCount(page)).resolves.toBe(expected.length);
    for (const debtor of others) {
      await expect(debtorCheckbox(page, debtor.displayName).count()).resolves.toBe(0);
    }
  });

  test('two clients give two letters', async () => {
    const { page, api } = session;
    const chosen = expectedDebtors(api.records, { postalCode: '11' });
    expect(chosen).toHaveLength(2);

    await chooseStarterTemplate(page, 'Relance 1er rappel');
    await checkScreen('modele');
    await search(page, { postalCode: '11' });
    await expect(shownCount(page)).resolves.toBe(2);
    for (const debtor of chosen) {
      await debtorCheckbox(page, debtor.displayName).check();
    }
    // The screenshot of this tab is taken by reminders.test.ts, with reminders in the list.
    await checkScreen();

    const downloads = collectDownloads(page);
    await mergeButton(page).click();
    await waitUntil(async () => downloads.length > 0, 'the letters download', MERGE_TIMEOUT_MS);

    const letters = await readLetters(downloads);
    expect(letters).toHaveLength(2);
    for (const debtor of chosen) {
      expectLetterFor(letters, debtor);
    }
    await expect(summaryCount(page, /courriers? téléchargés?/)).resolves.toBe(2);
    await expect(
      page.getByRole('list', { name: 'Courriers par client' }).getByRole('listitem').count(),
    ).resolves.toBe(2);
    await page.getByRole('region', { name: 'Résultat de la fusion' }).scrollIntoViewIfNeeded();
    await checkScreen('resultats');
  });

  test('selection kept across tabs', async () => {
    const { page, api } = session;
    const chosen = expectedDebtors(api.records, { postalCode: '11' });
    await search(page, { postalCode: '11' });
    for (const debtor of chosen) {
      await debtorCheckbox(page, debtor.displayName).check();
    }

    // The user picks the template after the clients: a natural order that must keep them.
    await chooseStarterTemplate(page, 'Relance 2e rappel');
    await openTab(page, 'Relances');

    await expect(shownCount(page)).resolves.toBe(chosen.length);
    for (const debtor of chosen) {
      await expect(debtorCheckbox(page, debtor.displayName).isChecked()).resolves.toBe(true);
    }
  });

  /** Runs axe on the screen shown, and saves it as docs/images/volet-<name>.png if named. */
  async function checkScreen(name?: string): Promise<void> {
    const report = await checkAccessibility(session.page);
    if (name) {
      await saveScreenshot(session.page, name);
    }
    expect(report.blocking).toEqual([]);
  }
});

function expectLetterFor(letters: { name: string; text: string }[], debtor: ExpectedDebtor) {
  const letter = letters.find((candidate) => candidate.text.includes(debtor.displayName));
  expect(letter).toBeDefined();

  const text = letter?.text ?? '';
  expect(text).not.toMatch(/opisto[a-z]+/i);
  for (const number of openInvoiceNumbers(debtor.record)) {
    expect(text).toContain(number);
  }
  // Paid invoices stay out of the letter.
  for (const invoice of debtor.record.invoices.filter((i) => i.totalCents === i.paidCents)) {
    expect(text).not.toContain(invoice.number);
  }
}
