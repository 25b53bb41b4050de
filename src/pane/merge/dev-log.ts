/**
 * The pane's one way to the browser console: merge log lines for developers, seen in the
 * browser's developer tools (F12, or Safari's Web Inspector for Word on the Mac).
 *
 * Lines carry ids, counts, routes and error codes, never a record's content or the API key.
 */
export function logToConsole(line: string): void {
  // Developers read the pane's events in the console; no other log store exists in the add-in.
  // eslint-disable-next-line no-console
  console.info(`[opisto-relances] ${line}`);
}
