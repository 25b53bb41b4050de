/**
 * Renders the add-in's icon (a white envelope on a blue rounded square, with an orange dot for
 * the reminder) into assets/icons/icon-{16,32,64,80,128}.png, the sizes the manifest and the
 * ribbon ask for.
 *
 * Run: npx tsx scripts/build-icons.ts (needs Debian's Chromium at /usr/bin/chromium)
 *
 * The PNGs are committed, so the build does not need a browser. Each size is drawn from the same
 * SVG by Chromium at that exact pixel size, rather than scaled down from a large image, so the
 * 16 px icon keeps sharp edges.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const OUTPUT_DIR = join(__dirname, '..', 'assets', 'icons');
const SIZES = [16, 32, 64, 80, 128] as const;

const BLUE = '#1b4f8a';
const ORANGE = '#f28c28';

/** The mark on a 32-unit grid; every size scales it through the viewBox. */
const ICON_SVG = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect x="0" y="0" width="32" height="32" rx="6" fill="${BLUE}"/>
  <rect x="5" y="9" width="22" height="15" rx="1.5" fill="#ffffff"/>
  <path d="M5.8 10 L16 18 L26.2 10" fill="none" stroke="${BLUE}" stroke-width="2"
    stroke-linejoin="round"/>
  <circle cx="25" cy="9" r="5" fill="${ORANGE}" stroke="${BLUE}" stroke-width="1.5"/>
</svg>`;

function pageFor(size: number): string {
  return (
    '<!doctype html><html><body style="margin:0;background:transparent">' +
    ICON_SVG.replace('<svg ', `<svg width="${size}" height="${size}" `) +
    '</body></html>'
  );
}

async function buildIcons(): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'opisto-icons-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(pageFor(size));
      const png = await page.locator('svg').screenshot({ omitBackground: true });
      const file = join(OUTPUT_DIR, `icon-${size}.png`);
      writeFileSync(file, png);
      console.log(`Wrote ${file}`);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

buildIcons().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
