import type { MergeSelection } from '../state/selection';

export type MergePanelProps = { selection: MergeSelection };

/** Placeholder: the merge controls for the debtors picked in the list. */
export function MergePanel({ selection }: MergePanelProps) {
  return <p>{selection.debtors.length} client(s) sélectionné(s).</p>;
}
