/**
 * Debian's Chromium driven by playwright-core, with a fresh profile per run and every request to
 * a host other than this machine aborted: the office.js script from Microsoft's CDN never leaves
 * the machine, so the pane starts in its plain-browser mode.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A task pane's size in Word desktop, roughly. */
export const PANE_VIEWPORT = { width: 420, height: 800 };

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface PaneBrowser {
  context: BrowserContext;
  page: Page;
  /** URLs the page asked for on other hosts, which were aborted. */
  blockedUrls: string[];
  /** Uncaught errors and console errors of the page, for failure messages. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Checks that Debian's Chromium is installed. Throws rather than letting the tests skip: in CI a
 * skipped browser test would hide a broken pane.
 */
export function requireChromium(): void {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    const where = process.env.CI === 'true' ? 'in CI; the CI script must install it' : '';
    throw new Error(
      `${CHROMIUM_PATH} not found ${where}. Install Debian's Chromium as root with: ` +
        'apt-get install -y chromium',
    );
  }
}

/** Launches Chromium and opens the pane at `url`, waiting for its tabs. */
export async function openPane(url: string): Promise<PaneBrowser> {
  requireChromium();
  const profile = mkdtempSync(path.join(tmpdir(), 'opisto-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    viewport: PANE_VIEWPORT,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // Fluent shortens its transitions then, so that axe never measures a colour mid-fade.
    reducedMotion: 'reduce',
  });

  const blockedUrls: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) {
      return route.continue();
    }
    blockedUrls.push(url);
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = watchErrors(page);
  await page.goto(url);
  await page.getByRole('tab', { name: 'Relances' }).waitFor();

  return {
    context,
    page,
    blockedUrls,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Loopback over http(s), and the browser's own schemes (data:, blob:) that never leave it. */
function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') {
    return true;
  }
  return LOOPBACK_HOSTS.has(parsed.hostname);
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  return errors;
}
