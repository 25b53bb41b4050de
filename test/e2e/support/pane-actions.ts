/**
 * What a user does in the pane, through the roles and accessible names that assistive
 * technology gets: the tests read as the user's steps, and a control without a name fails here.
 */
import type { Download, ElementHandle, Locator, Page } from 'playwright-core';

/** Time for the pane to finish one click: a search, a connection test. */
export const STEP_TIMEOUT_MS = 15_000;

export function tab(page: Page, name: 'Relances' | 'Modèle' | 'Paramètres'): Locator {
  return page.getByRole('tab', { name, exact: true });
}

export async function openTab(page: Page, name: 'Relances' | 'Modèle' | 'Paramètres') {
  await tab(page, name).click();
}

/** Types the API's address and key in "Paramètres" and saves them. */
export async function enterSettings(page: Page, apiUrl: string, apiKey: string): Promise<void> {
  await openTab(page, 'Paramètres');
  await page.getByLabel('Adresse du service Opisto').fill(apiUrl);
  await page.getByLabel('Clé d’API').fill(apiKey);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'Paramètres enregistrés.' }).waitFor();
}

/** Types the reminder settings in "Paramètres" and saves them. */
export async function enterReminderSettings(
  page: Page,
  settings: { penaltyRate?: string; minimumAmount?: string },
): Promise<void> {
  await openTab(page, 'Paramètres');
  await page.getByLabel('Taux des pénalités de retard (% par an)').fill(settings.penaltyRate ?? '');
  await page.getByLabel('Seuil minimal de relance (€)').fill(settings.minimumAmount ?? '0');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'Paramètres enregistrés.' }).waitFor();
}

/** Clicks "Tester la connexion" and returns the message the pane shows for it. */
export async function testConnection(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Tester la connexion' }).click();
  const message = page
    .getByRole('status')
    .or(page.getByRole('alert'))
    .filter({ hasNotText: /en cours/ })
    .filter({ hasText: /\S/ });
  await message.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  return message.first();
}

export type SearchFilters = {
  name?: string;
  city?: string;
  postalCode?: string;
  dueBefore?: string;
  /** The label of the "Niveau" option, such as "2e rappel"; all levels when absent. */
  nextLevel?: string;
};

/**
 * Fills the "Relances" filters given and clicks "Rechercher". Unless `newList` is false, waits
 * for the list of this search: each search's list replaces the grid, so the count read next is
 * not the previous search's.
 */
export async function search(page: Page, filters: SearchFilters, newList = true): Promise<void> {
  await openTab(page, 'Relances');
  const fields: [keyof SearchFilters, string][] = [
    ['name', 'Nom'],
    ['city', 'Ville'],
    ['postalCode', 'Code postal'],
    ['dueBefore', 'Échéance avant le'],
  ];
  for (const [key, label] of fields) {
    await page.getByLabel(label, { exact: true }).fill(filters[key] ?? '');
  }
  await page
    .getByLabel('Niveau', { exact: true })
    .selectOption({ label: filters.nextLevel ?? 'Tous les niveaux' });

  const previous = await currentGrid(page);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  if (newList) {
    await waitUntil(async () => {
      const grid = await currentGrid(page);
      return grid !== null && (previous === null || !(await isSameElement(grid, previous)));
    }, 'the list of the new search');
  }
}

async function currentGrid(page: Page): Promise<ElementHandle | null> {
  const grid = debtorGrid(page);
  return (await grid.count()) === 0 ? null : grid.elementHandle();
}

function isSameElement(a: ElementHandle, b: ElementHandle): Promise<boolean> {
  return a.evaluate((element, other) => element === other, b);
}

/** Returns N of "Nb éléments : N" once the search has finished. */
export async function shownCount(page: Page): Promise<number> {
  const counter = page.getByText(/Nb éléments\s*:\s*\d+/);
  await counter.waitFor({ timeout: STEP_TIMEOUT_MS });
  const text = (await counter.textContent()) ?? '';
  return Number(/(\d+)/.exec(text)?.[1]);
}

export function debtorGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Débiteurs' });
}

/** Returns the checkbox that selects one debtor, found by the name shown in the list. */
export function debtorCheckbox(page: Page, displayName: string): Locator {
  return page.getByRole('checkbox', { name: `Sélectionner ${displayName}`, exact: true });
}

export function selectAll(page: Page): Locator {
  return page.getByRole('checkbox', { name: 'Tout sélectionner' });
}

/** In "Modèle", picks a starter template as the merge's template (plain-browser mode). */
export async function chooseStarterTemplate(page: Page, label: string): Promise<void> {
  await openTab(page, 'Modèle');
  const buttons = page.getByRole('button', { name: new RegExp(`« ${escapeRegExp(label)} »`) });
  await buttons.first().click();
  await page.getByText(/^Modèle choisi/).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Collects the page's downloads from now on. */
export function collectDownloads(page: Page): Download[] {
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  return downloads;
}

/** Locates the dialog about unmatched payments that "Fusionner" opens first. */
export function unmatchedDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Paiements non lettrés' });
}

export function mergeButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Fusionner', exact: true });
}

export function cancelButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Annuler', exact: true });
}

export function retryButton(page: Page): Locator {
  return page.getByRole('button', { name: /^Réessayer/ });
}

export function progressBar(page: Page): Locator {
  return page.getByRole('progressbar');
}

/**
 * Returns the results' summary, such as "2 courriers téléchargés" or
 * "12 courriers téléchargés, 170 annulés, 18 clients sans courrier".
 */
export function resultSummary(page: Page): Locator {
  return page.getByRole('region', { name: 'Résultat de la fusion' }).getByText(SUMMARY);
}

const SUMMARY_PART = /\d+ (courriers? téléchargés?|échecs?|annulés?|clients? sans courrier)/;
const SUMMARY = new RegExp(`^(${SUMMARY_PART.source}(, )?)+$|^Aucun courrier`);

/** Reads the count before `words` in the results' summary, 0 when absent. */
export async function summaryCount(page: Page, words: RegExp): Promise<number> {
  const summary = resultSummary(page);
  await summary.waitFor({ timeout: STEP_TIMEOUT_MS });
  const text = (await summary.textContent()) ?? '';
  const match = new RegExp(`(\\d+) ${words.source}`).exec(text);
  return match ? Number(match[1]) : 0;
}

/** Waits until `condition` holds, polling; the error names what was awaited. */
export async function waitUntil(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
