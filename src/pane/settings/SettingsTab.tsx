/** Placeholder: the SettingsTab screen. */
export function SettingsTab() {
  return <p>À venir.</p>;
}
