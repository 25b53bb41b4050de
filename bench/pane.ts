/**
 * The task pane: the size of its production JavaScript, gzipped, and its time to first render in
 * headless Chromium. The pane is served from `dist/pane` on loopback next to the reference API.
 * Every request to another host is aborted, as in the browser tests, so office.js never loads and
 * the pane starts in its plain-browser mode.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import { chromium, type Browser } from 'playwright-core';

import { startApiServer } from '../test/e2e/support/api-server';
import { CHROMIUM_PATH, PANE_VIEWPORT, requireChromium } from '../test/e2e/support/browser';
import { tab } from '../test/e2e/support/pane-actions';
import { PANE_FOLDER } from '../test/e2e/support/session';
import { serveFolder } from '../test/e2e/support/static-server';
import { median } from './stats';

export type PaneOptions = { quick?: boolean };

export type BundleSize = {
  /** Each .js file of dist/pane with its size on disk and gzipped (level 9), in KB (1,024 B). */
  files: { file: string; rawKB: number; gzipKB: number }[];
  /** The gzipped sizes added up, in KB. */
  bundleGzipKB: number;
};

export type FirstRender = {
  /** Timed page loads, after one warm-up load. */
  runs: number;
  /** Each load, in ms, from `page.goto` to the "Relances" tab and the name filter visible. */
  timesMs: number[];
  medianMs: number;
};

const PANE_PAGE = 'taskpane.html';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Builds the pane with `npm run build:pane` when dist/pane has no page or no script. */
export function ensurePaneBuild(): void {
  const built =
    existsSync(path.join(PANE_FOLDER, PANE_PAGE)) && scriptFiles(PANE_FOLDER).length > 0;
  if (built) {
    return;
  }
  const result = spawnSync('npm', ['run', 'build:pane'], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`npm run build:pane failed with status ${String(result.status)}`);
  }
}

function scriptFiles(folder: string): string[] {
  return readdirSync(folder).filter((file) => file.endsWith('.js'));
}

export function measureBundle(): BundleSize {
  const files = scriptFiles(PANE_FOLDER).map((file) => {
    const bytes = readFileSync(path.join(PANE_FOLDER, file));
    return {
      file,
      rawKB: bytes.length / 1024,
      gzipKB: gzipSync(bytes, { level: 9 }).length / 1024,
    };
  });
  return { files, bundleGzipKB: files.reduce((sum, entry) => sum + entry.gzipKB, 0) };
}

export async function measureFirstRender(options: PaneOptions = {}): Promise<FirstRender> {
  requireChromium();
  const runs = options.quick ? 3 : 5;
  const pane = await serveFolder(PANE_FOLDER);
  const api = await startApiServer({ count: 48, paneOrigin: pane.origin });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const url = `${pane.origin}/${PANE_PAGE}`;
    await loadOnce(browser, url);
    const timesMs: number[] = [];
    for (let index = 0; index < runs; index++) {
      timesMs.push(await loadOnce(browser, url));
    }
    return { runs, timesMs, medianMs: median(timesMs) };
  } finally {
    await browser.close();
    await api.close();
    await pane.close();
  }
}

/** Opens the pane in a fresh context (empty cache and storage) and times its first render. */
async function loadOnce(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({
    viewport: PANE_VIEWPORT,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  try {
    await context.route('**/*', (route) =>
      isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    await tab(page, 'Relances').waitFor({ state: 'visible' });
    await page.getByLabel('Nom', { exact: true }).waitFor({ state: 'visible' });
    return performance.now() - start;
  } finally {
    await context.close();
  }
}

function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return (
    parsed.protocol === 'data:' ||
    parsed.protocol === 'blob:' ||
    LOOPBACK_HOSTS.has(parsed.hostname)
  );
}
