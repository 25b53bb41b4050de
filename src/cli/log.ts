/**
 * The technical log of a run, one JSON object per line, for the team that supports the users. It is
 * written beside the letters, so that a failed letter can be explained after the fact.
 */
import { appendFileSync } from 'node:fs';

export type LogFields = Record<string, string | number | boolean | undefined>;

export class RunLog {
  constructor(private readonly path: string) {}

  write(level: 'info' | 'error', event: string, fields: LogFields = {}): void {
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
    appendFileSync(this.path, `${line}\n`);
  }
}
