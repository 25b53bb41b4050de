/**
 * The reminder history: a batch of reminders recorded after a merge, and one client's reminders
 * read back. Recording also copies the newest reminder into `clients`, for the search.
 */
import { createHash } from 'node:crypto';

import type { Database } from 'better-sqlite3';

import type { Reminder, ReminderHistory } from '../api/contract';

/** A reminder with the time the server recorded it, an ISO 8601 timestamp in UTC. */
export type StoredReminder = Reminder & { recordedAt: string };

/** A reminder of the batch whose client id matches no debtor, by its place in the batch. */
export interface UnknownDebtor {
  index: number;
  clientId: string;
}

export type RecordOutcome =
  /** `replayed` when the key had already recorded this batch, so nothing was written now. */
  | { status: 'recorded'; recorded: number; replayed: boolean }
  | { status: 'unknownDebtors'; unknown: UnknownDebtor[] }
  | { status: 'keyReused' };

export interface RecordOptions {
  /** The time written into every reminder of the batch. */
  recordedAt: string;
  /** The request's `Idempotency-Key`, when it sent one. */
  idempotencyKey?: string;
}

const INSERT_REMINDER = `
  INSERT INTO reminders (client_id, level, date, template_name, pieces, recorded_at)
  VALUES (@clientId, @level, @date, @templateName, @pieces, @recordedAt)`;

// ISO dates compare as text. A reminder dated the same day as the last one replaces it, because
// the history puts the one recorded later first.
const UPDATE_LAST_REMINDER = `
  UPDATE clients SET last_reminder_level = @level, last_reminder_date = @date
  WHERE id = @clientId AND (last_reminder_date IS NULL OR last_reminder_date <= @date)`;

/**
 * Records `reminders` in one transaction, all or none. Nothing is written when a client id
 * matches no debtor. A key already recorded with the same body returns the first count and
 * records nothing. The same key with another body is rejected as `keyReused`.
 */
export function recordReminderBatch(
  db: Database,
  reminders: readonly Reminder[],
  options: RecordOptions,
): RecordOutcome {
  const bodySha256 = createHash('sha256').update(JSON.stringify(reminders)).digest('hex');
  const key = options.idempotencyKey;

  const record = db.transaction((): RecordOutcome => {
    if (key !== undefined) {
      const previous = findRequest(db, key);
      if (previous) {
        return previous.bodySha256 === bodySha256
          ? { status: 'recorded', recorded: previous.recorded, replayed: true }
          : { status: 'keyReused' };
      }
    }

    const unknown = findUnknownDebtors(db, reminders);
    if (unknown.length > 0) {
      return { status: 'unknownDebtors', unknown };
    }

    const recorded = insertReminders(
      db,
      reminders.map((reminder) => ({ ...reminder, recordedAt: options.recordedAt })),
    );
    if (key !== undefined) {
      db.prepare(
        'INSERT INTO reminder_requests (idempotency_key, body_sha256, recorded, received_at) ' +
          'VALUES (?, ?, ?, ?)',
      ).run(key, bodySha256, recorded, options.recordedAt);
    }
    return { status: 'recorded', recorded, replayed: false };
  });
  return record();
}

/**
 * Inserts reminders in the order given and moves each client's last reminder forward. Throws,
 * through the foreign key, on a client id that matches no debtor. The caller provides the
 * transaction.
 */
export function insertReminders(db: Database, reminders: Iterable<StoredReminder>): number {
  const insert = db.prepare(INSERT_REMINDER);
  const updateLast = db.prepare(UPDATE_LAST_REMINDER);
  let count = 0;

  for (const reminder of reminders) {
    insert.run({ ...reminder, pieces: JSON.stringify(reminder.pieces) });
    updateLast.run({ clientId: reminder.clientId, level: reminder.level, date: reminder.date });
    count += 1;
  }
  return count;
}

interface ReminderRow {
  client_id: string;
  level: Reminder['level'];
  date: string;
  template_name: string;
  pieces: string;
  recorded_at: string;
}

/**
 * Returns the reminders of `clientId`, newest first: by date, then by time recorded. Returns
 * undefined when no debtor has this id.
 */
export function readReminderHistory(db: Database, clientId: string): ReminderHistory | undefined {
  const client = db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId);
  if (client === undefined) {
    return undefined;
  }

  // Row ids grow with insertion, so `id DESC` puts the reminder recorded later first.
  const rows = db
    .prepare('SELECT * FROM reminders WHERE client_id = ? ORDER BY date DESC, id DESC')
    .all(clientId) as ReminderRow[];
  const items = rows.map((row) => ({
    clientId: row.client_id,
    level: row.level,
    date: row.date,
    templateName: row.template_name,
    pieces: JSON.parse(row.pieces) as Reminder['pieces'],
    recordedAt: row.recorded_at,
  }));
  return { items };
}

function findRequest(
  db: Database,
  key: string,
): { bodySha256: string; recorded: number } | undefined {
  return db
    .prepare(
      'SELECT body_sha256 AS bodySha256, recorded FROM reminder_requests ' +
        'WHERE idempotency_key = ?',
    )
    .get(key) as { bodySha256: string; recorded: number } | undefined;
}

/** Returns each reminder whose client id matches no debtor, in batch order. */
function findUnknownDebtors(db: Database, reminders: readonly Reminder[]): UnknownDebtor[] {
  const ids = JSON.stringify([...new Set(reminders.map((reminder) => reminder.clientId))]);
  const rows = db
    .prepare('SELECT id FROM clients WHERE id IN (SELECT value FROM json_each(?))')
    .all(ids) as { id: string }[];
  const known = new Set(rows.map((row) => row.id));

  return reminders.flatMap((reminder, index) =>
    known.has(reminder.clientId) ? [] : [{ index, clientId: reminder.clientId }],
  );
}
