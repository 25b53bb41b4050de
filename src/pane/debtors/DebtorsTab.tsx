/** Placeholder: the DebtorsTab screen. */
export function DebtorsTab() {
  return <p>À venir.</p>;
}
