/**
 * A 2e rappel in real Chromium against the reference API. The test sets the penalty rate in
 * "Paramètres", finds the debtors by their next level, confirms those with unmatched payments,
 * reads the letters' penalties back, and checks that the list shows the reminder just recorded.
 */
import type { Page } from 'playwright-core';

import { createOpistoClient } from '../../src/api/client';
import {
  buildLetterValues,
  checkBeforeSending,
  formatDate,
  parsePenaltyRate,
  UNMATCHED_WARNING,
} from '../../src/merge';
import { REFERENCE_DATE } from '../server/helpers';
import { DEMO_KEY } from './support/api-server';
import { checkAccessibility } from './support/axe';
import { expectedDebtors, type ExpectedDebtor } from './support/expected';
import { readLetters } from './support/letters';
import {
  chooseStarterTemplate,
  collectDownloads,
  debtorCheckbox,
  enterReminderSettings,
  enterSettings,
  escapeRegExp,
  mergeButton,
  search,
  selectAll,
  shownCount,
  STEP_TIMEOUT_MS,
  unmatchedDialog,
  waitUntil,
} from './support/pane-actions';
import { saveScreenshot } from './support/screenshots';
import { startSession, type PaneSession } from './support/session';

const SESSION_TIMEOUT_MS = 60_000;
const MERGE_TIMEOUT_MS = 30_000;
/** Enough demo debtors for some due a 2e rappel to have unmatched payments. */
const DEBTOR_COUNT = 218;
const RATE = '13,15';
/** After every demo reminder, so that the merge's becomes each client's last one. */
const LETTER_DATE = REFERENCE_DATE;
/** Rows the list shows without scrolling, at least, in the test's viewport. */
const ROWS_IN_VIEW = 6;

describe('reminders in Chromium', () => {
  let session: PaneSession;

  beforeAll(async () => {
    session = await startSession({ count: DEBTOR_COUNT });
    await enterSettings(session.page, session.api.baseUrl, DEMO_KEY);
    await enterReminderSettings(session.page, { penaltyRate: RATE });
  }, SESSION_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  test('2e rappel: penalties, unmatched confirmed, history shown', async () => {
    const { page, api } = session;
    const found = expectedDebtors(api.records, { nextLevel: 'rappel2' });
    const unmatched = found.filter((debtor) => hasUnmatched(debtor));
    expect(unmatched.length).toBeGreaterThan(0);
    const watched = pickLatePayer(found.slice(0, ROWS_IN_VIEW));

    await chooseStarterTemplate(page, 'Relance 2e rappel');
    await search(page, { nextLevel: '2e rappel' });
    await expect(shownCount(page)).resolves.toBe(found.length);
    await expect(page.getByLabel('Niveau de relance').inputValue()).resolves.toBe('rappel2');
    await page.getByLabel('Date du courrier').fill(formatDate(LETTER_DATE));
    await selectAll(page).check();
    await showInList(page, found, unmatched[0] as ExpectedDebtor);
    await checkScreen('relances');

    const downloads = collectDownloads(page);
    await mergeButton(page).click();
    const dialog = unmatchedDialog(page);
    await dialog.waitFor({ timeout: STEP_TIMEOUT_MS });
    // The focus starts on the list, away from the buttons, so that Enter chooses nothing yet.
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
    ).resolves.toBe('Clients concernés');
    const listed = await dialog.getByRole('listitem').allTextContents();
    expect(listed).toEqual(
      unmatched.map((debtor) => `${debtor.displayName} : ${UNMATCHED_WARNING}`),
    );
    await checkScreen('confirmation');
    await dialog.getByRole('button', { name: 'Inclure ces clients' }).click();

    await waitUntil(async () => downloads.length > 0, 'the letters download', MERGE_TIMEOUT_MS);
    await page
      .getByText(/^Historique enregistré dans Opisto/)
      .waitFor({ timeout: MERGE_TIMEOUT_MS });
    const letters = await readLetters(downloads);
    await expectPenalties(letters, watched);
    for (const debtor of unmatched.filter(
      (candidate) => candidate.record.client.isProfessional != null,
    )) {
      expect(letters.some((letter) => letter.text.includes(debtor.displayName))).toBe(true);
    }

    await showInList(page, found, watched);
    const row = page.getByRole('row').filter({
      has: page.getByRole('checkbox', { name: `Sélectionner ${watched.displayName}`, exact: true }),
    });
    await expect(row.textContent()).resolves.toContain(`2e rappel · ${formatDate(LETTER_DATE)}`);
    await expect(row.getByRole('gridcell').last().textContent()).resolves.toBe('Mise en demeure');
    await expectRecorded(watched);
  });

  async function checkScreen(name: string): Promise<void> {
    const report = await checkAccessibility(session.page);
    await saveScreenshot(session.page, name);
    expect(report.blocking).toEqual([]);
  }

  /** Reads back the API's history of `debtor`: the merge's reminder comes first. */
  async function expectRecorded(debtor: ExpectedDebtor): Promise<void> {
    const client = createOpistoClient({ baseUrl: session.api.baseUrl, apiKey: DEMO_KEY });
    const [latest] = (await client.reminderHistory(debtor.id)).items;
    expect(latest).toMatchObject({
      level: 'rappel2',
      date: LETTER_DATE,
      templateName: 'Relance 2e rappel.docx',
    });
  }

  /** Checks the letter of `debtor` against the amounts the engine computes from its record. */
  async function expectPenalties(
    letters: readonly { text: string }[],
    debtor: ExpectedDebtor,
  ): Promise<void> {
    const client = createOpistoClient({ baseUrl: session.api.baseUrl, apiKey: DEMO_KEY });
    const record = await client.getRecord(debtor.id);
    const values = buildLetterValues(record, LETTER_DATE, {
      penaltyRate: parsePenaltyRate(RATE),
      level: 'rappel2',
    });
    const letter = letters.find((candidate) => candidate.text.includes(debtor.displayName));

    // The starter template puts no-break spaces around "€".
    const amount = (value: string, after: string) =>
      new RegExp(`soit ${escapeRegExp(value)}\\s€\\s${after}`);
    expect(letter?.text).toMatch(amount(values.text.opistopenalitesretard, 'à ce jour'));
    expect(letter?.text).toMatch(amount(values.text.opistoindemniterecouvrement, ':'));
    expect(letter?.text).toMatch(
      new RegExp(`s’élève ainsi à ${escapeRegExp(values.text.opistototaldu)}\\s€\\.`),
    );
  }
});

/** Scrolls the list until `debtor`'s row, and its warning mark, are in view. */
async function showInList(
  page: Page,
  listed: readonly ExpectedDebtor[],
  debtor: ExpectedDebtor,
): Promise<void> {
  const scroller = page.getByRole('grid', { name: 'Débiteurs' }).getByRole('rowgroup').last();
  const rowsAbove = Math.max(listed.indexOf(debtor) - 3, 0);
  await scroller.evaluate((element, rows) => {
    const rowHeight = element.querySelector<HTMLElement>('[data-index]')?.offsetHeight ?? 0;
    element.scrollTo({ top: rows * rowHeight });
  }, rowsAbove);
  await debtorCheckbox(page, debtor.displayName).waitFor({ timeout: STEP_TIMEOUT_MS });
  await debtorCheckbox(page, debtor.displayName).scrollIntoViewIfNeeded();
}

function hasUnmatched(debtor: ExpectedDebtor): boolean {
  return (debtor.record.paymentStatus?.unmatchedCount ?? 0) > 0;
}

/** Finds a professional among `debtors` whose letter is made and claims penalties. */
function pickLatePayer(debtors: readonly ExpectedDebtor[]): ExpectedDebtor {
  const late = debtors.find((debtor) => {
    const { record } = debtor;
    const leftOut = checkBeforeSending(record, { minimumCents: 0, confirmUnmatched: true });
    const values = buildLetterValues(record, LETTER_DATE, { penaltyRate: parsePenaltyRate(RATE) });
    return (
      leftOut === null &&
      record.client.isProfessional === true &&
      values.text.opistopenalitesretard !== '0,00'
    );
  });
  if (!late) {
    throw new Error('no professional with late invoices among the first debtors due a 2e rappel');
  }
  return late;
}
