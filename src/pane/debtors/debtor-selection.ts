/**
 * The debtors the user ticked, kept as a set of ids. The list's order is the search's order, so
 * the selection handed to the merge is read back from the list.
 */
import type { DebtorSummary } from '../../api/contract';

export type SelectedIds = ReadonlySet<string>;

/** The state "Tout sélectionner" shows: checked, unchecked, or mixed when only some are. */
export type SelectAllState = boolean | 'mixed';

export function toggleSelected(selected: SelectedIds, id: string, checked: boolean): SelectedIds {
  const next = new Set(selected);
  if (checked) {
    next.add(id);
  } else {
    next.delete(id);
  }
  return next;
}

export function selectAll(debtors: readonly DebtorSummary[], checked: boolean): SelectedIds {
  return checked ? new Set(debtors.map((debtor) => debtor.id)) : new Set();
}

/** Returns the selected debtors, in list order. */
export function selectedDebtors(
  debtors: readonly DebtorSummary[],
  selected: SelectedIds,
): DebtorSummary[] {
  return selected.size === 0 ? [] : debtors.filter((debtor) => selected.has(debtor.id));
}

/** Keeps only the ids a new result list still shows, so nothing hidden gets merged. */
export function keepListed(selected: SelectedIds, debtors: readonly DebtorSummary[]): SelectedIds {
  if (selected.size === 0) {
    return selected;
  }
  return new Set(debtors.filter((debtor) => selected.has(debtor.id)).map((debtor) => debtor.id));
}

export function selectAllState(count: number, total: number): SelectAllState {
  if (count === 0 || total === 0) {
    return false;
  }
  return count === total ? true : 'mixed';
}
