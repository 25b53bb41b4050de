/**
 * The Opisto API's messages, as zod schemas: the one source of the types that the reference
 * server, the client and the command line share, and of the OpenAPI document's schemas.
 *
 * Paths (all under /api/v1, all but health need `Authorization: Bearer <key>`):
 * - GET  /health: `healthSchema`;
 * - GET  /debtors?<debtorSearchQuerySchema>: `debtorPageSchema`;
 * - GET  /debtors/{id}/record?<debtorFilterSchema>: `clientRecordSchema`;
 * - POST /debtors/records with `recordBatchRequestSchema`: `recordBatchSchema`.
 * Errors are `application/problem+json` bodies of `problemSchema`.
 */
import { z } from 'zod';

import { isCalendarDate } from '../merge/format';
import { clientRecordSchema } from './record';

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
