/**
 * The result list across "Réessayer": a retry runs again only the clients that failed or were
 * cancelled, and its outcomes replace theirs while the letters already made stay offered. A
 * client left out by a check before sending is not retried: the same check would leave it out.
 */
import type { DebtorSummary } from '../../api/contract';
import type { ClientOutcome, PaneMergeResult } from './pane-merge';

/** The clients "Réessayer" runs again, in list order. */
export function retryTargets(
  debtors: readonly DebtorSummary[],
  result: PaneMergeResult,
): DebtorSummary[] {
  const again = new Set(
    result.outcomes
      .filter((outcome) => outcome.status === 'failed' || outcome.status === 'cancelled')
      .map((outcome) => outcome.id),
  );
  return debtors.filter((debtor) => again.has(debtor.id));
}

/** Merges a retry's result into the previous one. */
export function combineResults(previous: PaneMergeResult, next: PaneMergeResult): PaneMergeResult {
  const replaced = new Map<string, ClientOutcome>(
    next.outcomes.map((outcome) => [outcome.id, outcome]),
  );

  return {
    outcomes: previous.outcomes.map((outcome) => replaced.get(outcome.id) ?? outcome),
    files: [...previous.files, ...next.files],
    archiveName: next.archiveName,
    notices: [...new Set([...previous.notices, ...next.notices])],
    error: next.error,
    reminders: [...previous.reminders, ...next.reminders],
  };
}

export type ResultCounts = Record<ClientOutcome['status'], number>;

export function countOutcomes(outcomes: readonly ClientOutcome[]): ResultCounts {
  const counts: ResultCounts = { opened: 0, download: 0, failed: 0, cancelled: 0, skipped: 0 };
  outcomes.forEach((outcome) => counts[outcome.status]++);
  return counts;
}
