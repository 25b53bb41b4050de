/**
 * The debtor search: text filters on the client, filters on its last reminder, piece filters on
 * its open pieces, one page of results in display-name order.
 */
import type { Database } from 'better-sqlite3';

import type { DebtorPage, DebtorSearchQuery, DebtorSummary } from '../api/contract';
import { nextReminderLevel, REMINDER_LEVELS, type ReminderLevel } from '../merge/reminder-levels';
import { PIECE_TABLES, pieceConditions, selectedKinds, type PieceParameters } from './piece-filter';
import { normalisePhone, normalisePostalCode, normaliseSearchText } from './search-text';

/** Sorts after every character a postcode can hold, so `[prefix, prefix + END)` is a prefix. */
const PREFIX_RANGE_END = '\u{10FFFF}';

type SearchParameters = PieceParameters & Record<string, string | number>;

interface WhereClause {
  sql: string;
  parameters: SearchParameters;
}

/**
 * Returns one page of the debtors that match every text filter and have at least one open piece
 * of the selected kinds that the date filters keep, sorted by normalised display name, then id.
 * A page past the end has no items but still reports the total.
 */
export function searchDebtors(db: Database, query: DebtorSearchQuery): DebtorPage {
  const where = buildWhereClause(query);
  const { total } = db
    .prepare(`SELECT count(*) AS total FROM clients c WHERE ${where.sql}`)
    .get(where.parameters) as { total: number };

  const offset = (query.page - 1) * query.pageSize;
  const items = offset >= total ? [] : readPage(db, where, offset, query.pageSize);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

interface SummaryRow {
  id: string;
  displayName: string;
  city: string | null;
  postalCode: string | null;
  balanceCents: number;
  lastReminderLevel: ReminderLevel | null;
  lastReminderDate: string | null;
  hasUnmatchedPayments: 0 | 1;
}

function readPage(
  db: Database,
  where: WhereClause,
  offset: number,
  limit: number,
): DebtorSummary[] {
  // NOTE: a client without a stored balance shows 0, because the summary requires a number.
  // Likewise a client whose payment status is unknown shows no unmatched payments.
  const sql = `
    SELECT c.id, c.display_name AS displayName, c.city, c.postal_code AS postalCode,
      coalesce(c.balance_cents, 0) AS balanceCents,
      c.last_reminder_level AS lastReminderLevel, c.last_reminder_date AS lastReminderDate,
      coalesce(c.unmatched_count, 0) > 0 AS hasUnmatchedPayments
    FROM clients c
    WHERE ${where.sql}
    ORDER BY c.search_name, c.id
    LIMIT @limit OFFSET @offset`;
  const rows = db.prepare(sql).all({ ...where.parameters, limit, offset }) as SummaryRow[];
  return rows.map(toSummary);
}

function toSummary(row: SummaryRow): DebtorSummary {
  const { lastReminderLevel: level, lastReminderDate: date } = row;
  // The migration's checks keep the level and the date both set or both NULL.
  const lastReminder = level !== null && date !== null ? { level, date } : null;
  return {
    id: row.id,
    displayName: row.displayName,
    city: row.city,
    postalCode: row.postalCode,
    balanceCents: row.balanceCents,
    lastReminder,
    nextLevel: nextReminderLevel(lastReminder?.level),
    hasUnmatchedPayments: row.hasUnmatchedPayments === 1,
  };
}

/** Joins fixed SQL fragments for the filters present; values go only into `parameters`. */
function buildWhereClause(query: DebtorSearchQuery): WhereClause {
  const text = textConditions(query);
  const reminders = reminderConditions(query);
  const pieces = pieceExistence(query);
  return {
    sql: [...text.conditions, ...reminders.conditions, pieces.sql].join(' AND '),
    parameters: { ...text.parameters, ...reminders.parameters, ...pieces.parameters },
  };
}

/**
 * Builds the reminder filters' conditions on the last reminder copied into `clients`.
 * `notRemindedSince` keeps the debtors never reminded and those last reminded strictly before the
 * date. `nextLevel` keeps the debtors whose last level leads to it by `nextReminderLevel`, so the
 * filter and the summaries' `nextLevel` cannot disagree.
 */
function reminderConditions(query: DebtorSearchQuery): {
  conditions: string[];
  parameters: Record<string, string>;
} {
  const conditions: string[] = [];
  const parameters: Record<string, string> = {};

  if (query.notRemindedSince !== undefined) {
    conditions.push('(c.last_reminder_date IS NULL OR c.last_reminder_date < @notRemindedSince)');
    parameters.notRemindedSince = query.notRemindedSince;
  }
  if (query.nextLevel !== undefined) {
    conditions.push(nextLevelCondition(query.nextLevel, parameters));
  }
  return { conditions, parameters };
}

/** Builds the condition that the last level, or its absence, leads to `nextLevel`. */
function nextLevelCondition(nextLevel: ReminderLevel, parameters: Record<string, string>): string {
  const alternatives: string[] = [];
  const lastLevels = REMINDER_LEVELS.filter((last) => nextReminderLevel(last) === nextLevel);
  if (lastLevels.length > 0) {
    alternatives.push('c.last_reminder_level IN (SELECT value FROM json_each(@lastLevels))');
    parameters.lastLevels = JSON.stringify(lastLevels);
  }
  if (nextReminderLevel(null) === nextLevel) {
    alternatives.push('c.last_reminder_level IS NULL');
  }
  // When no level leads to `nextLevel`, no debtor matches.
  return alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '0';
}

/**
 * Builds the text filters' conditions. They compare normal forms (search-text.ts) with instr(),
 * not LIKE, so that "%" and "_" in a query are plain characters. Name, city and e-mail match
 * anywhere, and the postcode matches at the start. The phone matches anywhere in either number,
 * with separators ignored on both sides.
 */
function textConditions(query: DebtorSearchQuery): {
  conditions: string[];
  parameters: Record<string, string>;
} {
  const conditions: string[] = [];
  const parameters: Record<string, string> = {};

  if (query.name !== undefined) {
    conditions.push('instr(c.search_name, @name) > 0');
    parameters.name = normaliseSearchText(query.name);
  }
  if (query.city !== undefined) {
    conditions.push('instr(c.search_city, @city) > 0');
    parameters.city = normaliseSearchText(query.city);
  }
  if (query.email !== undefined) {
    conditions.push('instr(c.search_email, @email) > 0');
    parameters.email = normaliseSearchText(query.email);
  }
  if (query.postalCode !== undefined) {
    // A range on the indexed column rather than substr(), so that SQLite can seek the index.
    conditions.push(
      'c.search_postal_code >= @postalCode AND c.search_postal_code < @postalCodeEnd',
    );
    parameters.postalCode = normalisePostalCode(query.postalCode);
    parameters.postalCodeEnd = parameters.postalCode + PREFIX_RANGE_END;
  }
  if (query.phone !== undefined) {
    conditions.push('(instr(c.search_phone, @phone) > 0 OR instr(c.search_phone2, @phone) > 0)');
    parameters.phone = normalisePhone(query.phone);
  }
  return { conditions, parameters };
}

/**
 * Builds the condition that the debtor has an open piece of a selected kind that passes the filter.
 */
function pieceExistence(query: DebtorSearchQuery): { sql: string; parameters: PieceParameters } {
  const parameters: PieceParameters = {};
  const tests = selectedKinds(query.kinds).map((kind) => {
    const table = PIECE_TABLES[kind];
    const conditions = pieceConditions(table, query);
    Object.assign(parameters, conditions.parameters);
    return `EXISTS (SELECT 1 FROM ${table.table} p WHERE p.client_id = c.id AND ${conditions.sql})`;
  });

  // The contract's pattern admits no empty list of kinds; "0" keeps the SQL valid regardless.
  return { sql: tests.length === 0 ? '0' : `(${tests.join(' OR ')})`, parameters };
}
