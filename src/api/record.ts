/**
 * The client record a letter is made from, as the back office sends it and the command line reads
 * it: English camelCase keys, calendar dates as "YYYY-MM-DD", amounts as integer cents.
 *
 * A message may carry a hint after a `|`: the value is shown between the two.
 *
 * Objects accept and drop unknown keys, so that the back office can add fields (such as whether a
 * client is a professional buyer) without breaking older readers.
 */
import { z } from 'zod';

import { isCalendarDate } from '../merge/format';

const MISSING = 'valeur manquante';
const MAX_TEXT_LENGTH = 100_000;

const text = z
  .string({ error: (issue) => (issue.input === undefined ? MISSING : 'texte attendu') })
  .max(MAX_TEXT_LENGTH, { error: `texte trop long|${MAX_TEXT_LENGTH} caractères au plus` });

const optionalText = text.nullish();

const calendarDate = z
  .string({ error: (issue) => (issue.input === undefined ? MISSING : 'date attendue') })
  .refine(isCalendarDate, {
    error: 'date invalide|une date réelle au format AAAA-MM-JJ est attendue',
  });

const cents = z
  .number({ error: (issue) => (issue.input === undefined ? MISSING : 'montant attendu') })
  .refine(Number.isSafeInteger, {
    error: 'montant invalide|un nombre entier de centimes est attendu',
  });

const percent = z
  .number({ error: 'pourcentage attendu' })
  .min(0, { error: 'pourcentage invalide|un nombre entre 0 et 100 est attendu' })
  .max(100, { error: 'pourcentage invalide|un nombre entre 0 et 100 est attendu' })
  .refine(isHundredths, {
    error: 'pourcentage invalide|deux décimales au plus',
  });

function isHundredths(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

export const clientSchema = z.object({
  id: text.min(1, { error: 'identifiant vide' }),
  firstName: optionalText,
  lastName: optionalText,
  companyName: optionalText,
  address1: optionalText,
  address2: optionalText,
  postalCode: optionalText,
  city: optionalText,
  email: optionalText,
  phone: optionalText,
  phone2: optionalText,
  vatNumber: optionalText,
  siret: optionalText,
  discountPercent: percent.nullish(),
  creditLimitCents: cents.nullish(),
  balanceCents: cents.nullish(),
});

export const invoiceSchema = z.object({
  number: text,
  date: calendarDate,
  dueDate: calendarDate,
  totalCents: cents,
  paidCents: cents,
});

/** A credit note counts negative: `totalCents` ≤ 0 and `usedCents` between it and 0. */
export const creditNoteSchema = z
  .object({
    number: text,
    date: calendarDate,
    dueDate: calendarDate,
    totalCents: cents.refine((value) => value <= 0, {
      error: 'montant invalide|le total d’un avoir est négatif ou nul',
    }),
    usedCents: cents,
  })
  .refine((note) => note.usedCents <= 0 && note.usedCents >= note.totalCents, {
    path: ['usedCents'],
    error:
      'montant invalide|la part utilisée d’un avoir est négative ou nulle, et pas plus grande que l’avoir',
  });

export const transactionSchema = z.object({
  number: text,
  type: text,
  date: calendarDate,
  dueDate: calendarDate,
  totalCents: cents,
  paidCents: cents,
});

export const clientRecordSchema = z.object(
  {
    client: clientSchema,
    invoices: z.array(invoiceSchema, { error: 'liste attendue' }).default([]),
    creditNotes: z.array(creditNoteSchema, { error: 'liste attendue' }).default([]),
    transactions: z.array(transactionSchema, { error: 'liste attendue' }).default([]),
  },
  { error: 'objet attendu' },
);

export type ClientRecord = z.infer<typeof clientRecordSchema>;
export type Client = ClientRecord['client'];
export type Invoice = ClientRecord['invoices'][number];
export type CreditNote = ClientRecord['creditNotes'][number];
export type Transaction = ClientRecord['transactions'][number];
