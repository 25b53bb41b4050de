/**
 * The Opisto API's messages, as zod schemas: the one source of the types that the reference
 * server, the client and the command line share, and of the OpenAPI document's schemas.
 *
 * Paths (all under /api/v1, all but health need `Authorization: Bearer <key>`):
 * - GET  /health: `healthSchema`;
 * - GET  /debtors?<debtorSearchQuerySchema>: `debtorPageSchema`;
 * - GET  /debtors/{id}/record?<debtorFilterSchema>: `clientRecordSchema`;
 * - POST /debtors/records with `recordBatchRequestSchema`: `recordBatchSchema`;
 * - GET  /debtors/{id}/reminders: `reminderHistorySchema`, newest first;
 * - POST /reminders with `reminderBatchSchema` and an optional `Idempotency-Key` header:
 *   `remindersRecordedSchema`.
 * Errors are `application/problem+json` bodies of `problemSchema`.
 */
import { z } from 'zod';

import { isCalendarDate } from '../merge/format';
import { clientRecordSchema, lastReminderSchema, reminderLevelSchema } from './record';

export const API_PREFIX = '/api/v1';

/** Pieces a search can look at, named as the record's lists are. */
export const PIECE_KINDS = ['invoices', 'creditNotes', 'transactions'] as const;
export type PieceKind = (typeof PIECE_KINDS)[number];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/** Largest number of records one batch request returns. */
export const MAX_BATCH_SIZE = 200;
const MAX_FILTER_LENGTH = 200;

const calendarDate = z
  .string()
  .refine(isCalendarDate, { error: 'date invalide, format attendu AAAA-MM-JJ' })
  .meta({ format: 'date', example: '2018-11-01' });

const kindsList = z
  .string()
  .regex(new RegExp(`^(${PIECE_KINDS.join('|')})(,(${PIECE_KINDS.join('|')}))*$`), {
    error: `liste invalide, valeurs possibles : ${PIECE_KINDS.join(', ')}`,
  })
  .meta({
    description: 'Kinds of pieces, comma-separated; all kinds when absent.',
    example: 'invoices,creditNotes',
  });

const textFilter = z
  .string()
  .trim()
  .min(1, { error: 'texte vide' })
  .max(MAX_FILTER_LENGTH, { error: `texte trop long (${MAX_FILTER_LENGTH} caractères au plus)` });

/**
 * Filter on the pieces that count. A piece is open while some of it is unpaid (or unused, for a
 * credit note), and only open pieces are listed. Dates filter the pieces, not the debtors.
 */
export const debtorFilterSchema = z.object({
  kinds: kindsList.optional(),
  /** Pieces due strictly before this date: to find what fell due by 31/10, send 2018-11-01. */
  dueBefore: calendarDate.optional(),
  /** Pieces dated on or after this date. */
  invoicedFrom: calendarDate.optional(),
  /** Pieces dated on or before this date. */
  invoicedTo: calendarDate.optional(),
});
export type DebtorFilter = z.infer<typeof debtorFilterSchema>;

/** Search: debtors with at least one open piece that the filter keeps, and matching texts. */
export const debtorSearchQuerySchema = debtorFilterSchema.extend({
  /** Part of the company name, last name or first name, in any case. */
  name: textFilter.optional(),
  city: textFilter.optional(),
  /** Start of the postcode: "31" finds the whole département. */
  postalCode: textFilter.optional(),
  email: textFilter.optional(),
  /** Part of either phone number; spaces and dots are ignored. */
  phone: textFilter.optional(),
  /** Debtors never reminded, or last reminded strictly before this date ("Pas relancé depuis"). */
  notRemindedSince: calendarDate.optional(),
  /** Debtors whose next reminder is of this level. */
  nextLevel: reminderLevelSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type DebtorSearchQuery = z.infer<typeof debtorSearchQuerySchema>;

export const debtorSummarySchema = z.object({
  id: z.string().min(1),
  /** Company name, last name and first name, the non-empty ones. */
  displayName: z.string(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  /** The whole balance of the debtor, every open piece included, in cents. */
  balanceCents: z.number().int(),
  lastReminder: lastReminderSchema.nullable(),
  /** The level to send next: the first reminder when none was sent, then one step up. */
  nextLevel: reminderLevelSchema,
  /** True when payments or credit notes are not yet matched to invoices. */
  hasUnmatchedPayments: z.boolean(),
});
export type DebtorSummary = z.infer<typeof debtorSummarySchema>;

/** One page of a search, sorted by display name then id. */
export const debtorPageSchema = z.object({
  items: z.array(debtorSummarySchema),
  /** Debtors matching the search, over all pages. */
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type DebtorPage = z.infer<typeof debtorPageSchema>;

export const recordBatchRequestSchema = z.object({
  ids: z
    .array(z.string().min(1).max(MAX_FILTER_LENGTH))
    .min(1, { error: 'liste d’identifiants vide' })
    .max(MAX_BATCH_SIZE, { error: `${MAX_BATCH_SIZE} identifiants au plus par requête` }),
  filter: debtorFilterSchema.optional(),
});
export type RecordBatchRequest = z.infer<typeof recordBatchRequestSchema>;

/** The records found, in the order of the request, and the ids that matched no debtor. */
export const recordBatchSchema = z.object({
  records: z.array(clientRecordSchema),
  missing: z.array(z.string()),
});
export type RecordBatch = z.infer<typeof recordBatchSchema>;

/**
 * The same response, with each record checked only for its client id. The client checks each
 * record on its own, so that one invalid record costs its own letter, not its whole batch.
 */
export const looseRecordBatchSchema = z.object({
  records: z.array(z.looseObject({ client: z.looseObject({ id: z.string().min(1) }) })),
  missing: z.array(z.string()),
});
export type LooseRecordBatch = z.infer<typeof looseRecordBatchSchema>;

/** Largest number of pieces one reminder lists. */
export const MAX_REMINDER_PIECES = 10_000;

/** A piece that a letter listed, by its kind and its number. */
export const reminderPieceSchema = z.object({
  kind: z.enum(PIECE_KINDS),
  number: z.string().max(MAX_FILTER_LENGTH),
});

/**
 * Returns the list of a reminder's pieces, with its limit. The server passes a strict piece
 * schema, to reject unknown keys.
 */
export function pieceListOf<T extends z.ZodType>(piece: T): z.ZodArray<T> {
  return z.array(piece).max(MAX_REMINDER_PIECES, {
    error: `${MAX_REMINDER_PIECES} pièces au plus par relance`,
  });
}

/**
 * Returns the list of reminders of one request, with its limits. The server passes a strict
 * reminder schema, to reject unknown keys.
 */
export function reminderListOf<T extends z.ZodType>(reminder: T): z.ZodArray<T> {
  return z
    .array(reminder)
    .min(1, { error: 'liste de relances vide' })
    .max(MAX_BATCH_SIZE, { error: `${MAX_BATCH_SIZE} relances au plus par requête` });
}

/** One reminder sent: recorded after a letter was made, one per client and merge. */
export const reminderSchema = z.object({
  clientId: z.string().min(1, { error: 'identifiant vide' }).max(MAX_FILTER_LENGTH),
  level: reminderLevelSchema,
  /** The letter's date. */
  date: calendarDate,
  /** The template's file name, "Relance 2e rappel.docx". */
  templateName: z.string().min(1, { error: 'nom de modèle vide' }).max(MAX_FILTER_LENGTH),
  /** The pieces the letter listed. */
  pieces: pieceListOf(reminderPieceSchema),
});
export type Reminder = z.infer<typeof reminderSchema>;

export const reminderBatchSchema = z.object({ reminders: reminderListOf(reminderSchema) });
export type ReminderBatch = z.infer<typeof reminderBatchSchema>;

/** The number of reminders recorded. A batch with an id that matches no debtor gets a 400. */
export const remindersRecordedSchema = z.object({ recorded: z.number().int().min(0) });
export type RemindersRecorded = z.infer<typeof remindersRecordedSchema>;

/**
 * Optional header of POST /reminders. A request sent again with the same key and body records
 * nothing more and returns the first response, so that a client may retry it after a network
 * error.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** A key that the client draws at random for each batch, such as 32 hexadecimal digits. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, {
  error: 'clé invalide, 1 à 200 caractères ASCII visibles sont attendus',
});

/** A client's reminders, newest first (by date, then by time recorded). */
export const reminderHistorySchema = z.object({
  items: z.array(
    reminderSchema.extend({
      /** When the server recorded the reminder, in UTC: "2026-12-04T09:30:00.000Z". */
      recordedAt: z.iso.datetime(),
    }),
  ),
});
export type ReminderHistory = z.infer<typeof reminderHistorySchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
});

/** An error as RFC 9457 defines it, with a French `title` that tells the user what to do. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  /** Description naming the parameter: "dueBefore : date invalide « 2018-13-01 »". */
  detail: z.string(),
  /** Each invalid parameter, for a form to show beside its field. */
  errors: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export { clientRecordSchema };
