/**
 * What the debtor list hands to the merge: the chosen debtors in list order, the filter their
 * pieces were searched with, and the pieces left out.
 */
import type { DebtorFilter, DebtorSummary } from '../../api/contract';
import type { Exclusions } from './exclusions';

export type MergeSelection = {
  debtors: readonly DebtorSummary[];
  filter: DebtorFilter;
  exclusions: Exclusions;
};
