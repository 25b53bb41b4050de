/** Placeholder: the TemplateTab screen. */
export function TemplateTab() {
  return <p>À venir.</p>;
}
