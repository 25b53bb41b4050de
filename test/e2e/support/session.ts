/**
 * One browser test's world: the built pane served on loopback, the reference API with the pane's
 * origin allowed, and Chromium showing the pane in its plain-browser mode.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { startApiServer, type ApiServer } from './api-server';
import { openPane, requireChromium, type PaneBrowser } from './browser';
import { serveFolder, type StaticServer } from './static-server';

export const PANE_FOLDER = path.resolve(__dirname, '..', '..', '..', 'dist', 'pane');
const PANE_PAGE = 'taskpane.html';

export interface PaneSession extends PaneBrowser {
  api: ApiServer;
  pane: StaticServer;
}

export interface SessionOptions {
  /** Number of demo debtors the API serves. */
  count: number;
}

/** Checks the tools and the build first, so that a missing one fails with what to do. */
export function requirePaneBuild(): void {
  requireChromium();
  if (!existsSync(path.join(PANE_FOLDER, PANE_PAGE))) {
    throw new Error(`${PANE_FOLDER}/${PANE_PAGE} is missing: run npm run build first`);
  }
}

export async function startSession(options: SessionOptions): Promise<PaneSession> {
  requirePaneBuild();
  const pane = await serveFolder(PANE_FOLDER);
  const api = await startApiServer({ count: options.count, paneOrigin: pane.origin });

  try {
    const browser = await openPane(`${pane.origin}/${PANE_PAGE}`);
    return {
      ...browser,
      api,
      pane,
      close: async () => {
        await browser.close();
        await api.close();
        await pane.close();
      },
    };
  } catch (error) {
    await api.close();
    await pane.close();
    throw error;
  }
}
