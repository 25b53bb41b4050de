/**
 * Runs axe-core inside the page and returns the violations of impact serious or critical, one
 * readable line per element, so that a failing test lists what to fix.
 */
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';

const BLOCKING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];

/**
 * Fluent UI's focus manager (Tabster) puts focusable `<i aria-hidden="true">` elements around
 * tab lists and groups; they only pass the focus on. axe's aria-hidden-focus rule flags them, a
 * known false positive (microsoft/tabster#288), so they alone are left out of the scan.
 */
const TABSTER_DUMMIES = '[data-tabster-dummy]';

export interface AccessibilityReport {
  /** Serious and critical violations: each must be fixed. */
  blocking: string[];
  /** Minor and moderate ones, for the report. */
  other: string[];
}

export async function checkAccessibility(page: Page): Promise<AccessibilityReport> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }

  const results = await page.evaluate(async (exclude) => {
    type Axe = { run(context: { exclude: string[][] }): Promise<AxeResults> };
    const { axe } = window as unknown as { axe: Axe };
    return axe.run({ exclude: [[exclude]] });
  }, TABSTER_DUMMIES);

  const report: AccessibilityReport = { blocking: [], other: [] };
  for (const violation of results.violations) {
    const blocking = violation.impact != null && BLOCKING_IMPACTS.includes(violation.impact);
    for (const node of violation.nodes) {
      const line =
        `${violation.impact ?? 'unknown'} ${violation.id}: ${violation.help} ` +
        `(${node.target.join(' ')}) ${node.html.slice(0, 160)} ${node.failureSummary ?? ''}`;
      (blocking ? report.blocking : report.other).push(line);
    }
  }
  return report;
}
