/**
 * Files of the project that the server reads at run time. Paths start from this file's folder,
 * which is src/server under ts-jest and dist/server once built: two levels below the root.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The demo database that `npm run api` creates on its first start. */
export const DEFAULT_DATABASE_FILE = path.join(PROJECT_ROOT, 'data', 'opisto-demo.sqlite');

/** The hand-written demo records, also read by the command line's demo. */
export const DEMO_DEBTORS_FILE = path.join(PROJECT_ROOT, 'assets', 'demo', 'debtors.json');

/** Returns the `version` of the project's package.json. */
export function packageVersion(): string {
  const text = readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  if (typeof version !== 'string') {
    throw new Error('package.json has no version string');
  }
  return version;
}
