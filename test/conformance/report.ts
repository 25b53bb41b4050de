/**
 * The conformance run's results as terminal lines, in French like the rest of the command line:
 * one line per case, its differences indented below it, and a count at the end.
 */
import type { CaseResult } from './case-runner';

/** Differences shown per case; a broken engine would otherwise print hundreds of lines. */
export const MAX_SHOWN_DIFFERENCES = 20;

/** Formats the results, one line per case then the differences, and the final count. */
export function formatResults(results: readonly CaseResult[]): string[] {
  const lines = results.flatMap(caseLines);
  const passed = results.filter((result) => result.passed).length;

  lines.push(`${plural(passed, 'réussi')}, ${plural(results.length - passed, 'échoué')}`);
  return lines;
}

function caseLines(result: CaseResult): string[] {
  const mark = result.passed ? '✓' : '✗';
  const details = [roundTrips(result.roundTrips), result.note].filter((text) => text !== null);
  const head = `${mark} ${result.name}${details.length > 0 ? `  (${details.join(' ; ')})` : ''}`;

  const shown = result.differences.slice(0, MAX_SHOWN_DIFFERENCES);
  const hidden = result.differences.length - shown.length;
  const more =
    hidden > 0 ? [`    … et ${plural(hidden, 'autre différence', 'autres différences')}`] : [];
  return [head, ...shown.map((difference) => `    ${difference}`), ...more];
}

function roundTrips(count: number | null): string | null {
  return count === null ? null : plural(count, 'aller-retour', 'allers-retours');
}

/** French takes the singular for 0 and 1: « 0 échoué », « 1 échoué », « 2 échoués ». */
function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count <= 1 ? singular : pluralForm}`;
}
