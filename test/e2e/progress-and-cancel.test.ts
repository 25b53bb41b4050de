/**
 * 200 clients: the progress shows "N / 200 courriers" moving, and "Annuler" stops the merge with
 * some letters made, the others cancelled, and the clients who owe nothing left out.
 */
import type { Page } from 'playwright-core';

import { DEMO_KEY } from './support/api-server';
import { expectedDebtors } from './support/expected';
import { readLetters } from './support/letters';
import {
  cancelButton,
  chooseStarterTemplate,
  collectDownloads,
  enterSettings,
  mergeButton,
  search,
  selectAll,
  shownCount,
  summaryCount,
  unmatchedDialog,
  waitUntil,
} from './support/pane-actions';
import { startSession, type PaneSession } from './support/session';

const SESSION_TIMEOUT_MS = 60_000;

/** With this many demo debtors, exactly 200 have an open piece and are listed. */
const DEBTOR_COUNT = 218;
const LETTER_COUNT = 200;

/**
 * Chromium's CPU slowdown factor during the merge: the letters are made in the page, and at full
 * speed 200 of them may be done before "Annuler" can be clicked.
 */
const CPU_SLOWDOWN = 10;

describe('200 clients in Chromium', () => {
  let session: PaneSession;

  beforeAll(async () => {
    session = await startSession({ count: DEBTOR_COUNT });
    await enterSettings(session.page, session.api.baseUrl, DEMO_KEY);
  }, SESSION_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  test('progress moves, Annuler stops it', async () => {
    const { page, api } = session;
    expect(expectedDebtors(api.records, {})).toHaveLength(LETTER_COUNT);

    await chooseStarterTemplate(page, 'Relance 1er rappel');
    await search(page, {});
    await expect(shownCount(page)).resolves.toBe(LETTER_COUNT);
    await selectAll(page).check();
    const downloads = collectDownloads(page);
    const cdp = await page.context().newCDPSession(page);
    // Some of them have unmatched payments, so the pane opens its dialog first.
    await mergeButton(page).click();
    const dialog = unmatchedDialog(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await dialog.getByRole('button', { name: 'Inclure ces clients' }).click();

    const seen = await watchProgress(page, 2);
    expect(seen[1]).toBeGreaterThan(seen[0] ?? 0);
    await cancelButton(page).click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    const downloaded = await summaryCount(page, /courriers? téléchargés?/);
    const skipped = await summaryCount(page, /clients? sans courrier/);
    expect(downloaded).toBeGreaterThan(0);
    expect(downloaded + skipped).toBeGreaterThanOrEqual(seen[1] ?? 0);
    expect(downloaded).toBeLessThan(LETTER_COUNT);
    await expect(summaryCount(page, /annulés?/)).resolves.toBe(LETTER_COUNT - downloaded - skipped);
    await waitUntil(async () => downloads.length > 0, 'the letters made before "Annuler"');
    const letters = await readLetters(downloads);
    expect(letters).toHaveLength(downloaded);
  });
});

/** Reads "N / 200 courriers" until it has seen `values` different counts, in order. */
async function watchProgress(page: Page, values: number): Promise<number[]> {
  const seen: number[] = [];
  const progress = page.getByText(new RegExp(`\\d+ / ${LETTER_COUNT} courriers`)).first();
  await waitUntil(async () => {
    const text = (await progress.textContent()) ?? '';
    const done = Number(/(\d+) \//.exec(text)?.[1]);
    if (done > 0 && seen.at(-1) !== done) {
      seen.push(done);
    }
    return seen.length >= values;
  }, `${values} progress counts`);
  return seen;
}
