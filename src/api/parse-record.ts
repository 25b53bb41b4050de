/**
 * Checks an untrusted client record and explains every problem in French, naming the path and
 * the value: `invoices[2].dueDate : date invalide, format attendu AAAA-MM-JJ « 2018-13-01 »`.
 */
import { z } from 'zod';

import { clientRecordSchema, type ClientRecord } from './record';

export type RecordParseResult =
  { ok: true; record: ClientRecord } | { ok: false; problems: readonly string[] };

const MAX_SHOWN_VALUE = 60;

/** Validates `input` against the record contract; problems are French lines for the user. */
export function parseClientRecord(input: unknown): RecordParseResult {
  // Checks without a message of ours fall back to zod's French messages.
  const result = clientRecordSchema.safeParse(input, { error: z.locales.fr().localeError });
  if (result.success) {
    return { ok: true, record: result.data };
  }

  const problems = result.error.issues.map((issue) => describeIssue(issue, input));
  return { ok: false, problems };
}

/**
 * Describes one zod issue in French: its path from `input`, the problem, the value and the hint.
 * It works for any schema, but adds the piece number only when `input` is a client record.
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  const where = path === '' ? 'enregistrement' : path;
  const [problem, hint] = issue.message.split('|');
  const shown = value === undefined ? '' : ` « ${showValue(value)} »`;
  const advice = hint ? ` (${hint})` : '';

  return `${where} : ${problem}${shown}${advice}${pieceLabel(input, issue.path)}`;
}

const PIECE_NAMES: Readonly<Record<string, string>> = {
  invoices: 'facture',
  creditNotes: 'avoir',
  transactions: 'transaction',
};

/** Names the piece a path is in by its number, " — facture n° 518100007", when it has one. */
function pieceLabel(input: unknown, path: readonly PropertyKey[]): string {
  const kind = PIECE_NAMES[String(path[0])];
  const number = valueAt(input, [...path.slice(0, 2), 'number']);
  if (!kind || typeof path[1] !== 'number' || typeof number !== 'string' || number === '') {
    return '';
  }
  return ` — ${kind} n° ${showValue(number)}`;
}

/** Writes a path as JavaScript would: `invoices[2].dueDate`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';

  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
    } else {
      text += text === '' ? String(key) : `.${String(key)}`;
    }
  }
  return text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;

  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function showValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'object') {
    return Array.isArray(value) ? 'liste' : 'objet';
  }

  // Control characters would break the message line; show them as code points instead.
  const shown = String(value).replace(
    /\p{Cc}/gu,
    (char) => `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`,
  );
  return shown.length > MAX_SHOWN_VALUE ? `${shown.slice(0, MAX_SHOWN_VALUE)}…` : shown;
}
