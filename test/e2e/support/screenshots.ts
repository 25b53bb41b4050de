/**
 * Screenshots of the pane for the README, overwritten by every run so that they show the
 * current screens.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

const IMAGES = path.resolve(__dirname, '..', '..', '..', 'docs', 'images');

/** Saves the viewport as docs/images/volet-<name>.png and returns the file's path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(IMAGES, { recursive: true });
  const file = path.join(IMAGES, `volet-${name}.png`);
  // The caret and animations would make each run's image differ for nothing.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}
