/**
 * The client record a letter is made from, as the back office sends it and the command line reads
 * it: English camelCase keys, calendar dates as "YYYY-MM-DD", amounts as integer cents.
 *
 * Messages are French, for the user. A message may carry a hint after a `|`: the bad value is
 * shown between the two (see parse-record.ts).
 *
 * Objects accept and drop unknown keys, so that the back office can add fields (such as whether a
 * client is a professional buyer) without breaking older readers.
 */
import { z } from 'zod';

import { isCalendarDate } from '../merge/format';
import { REMINDER_LEVELS } from '../merge/reminder-levels';

const MISSING = 'valeur manquante';
const MAX_TEXT_LENGTH = 100_000;

/** Says "missing" for an absent value and `invalid` for a value of the wrong type. */
function typeError(invalid: string): (issue: { input: unknown }) => string {
  return (issue) => (issue.input === undefined ? MISSING : invalid);
}

const text = z
  .string({ error: typeError('valeur invalide|un texte entre guillemets est attendu') })
  .max(MAX_TEXT_LENGTH, { error: `texte trop long|${MAX_TEXT_LENGTH} caractères au plus` });

const optionalText = text.nullish();

const DATE_HINT = 'une date réelle au format AAAA-MM-JJ est attendue, par exemple 2018-10-29';
const calendarDate = z
  .string({ error: typeError(`date invalide|${DATE_HINT}`) })
  .refine(isCalendarDate, { error: `date invalide|${DATE_HINT}` });

const CENTS_HINT = 'un nombre entier de centimes est attendu, par exemple 155412 pour 1 554,12 €';
const cents = z
  .number({ error: typeError(`montant invalide|${CENTS_HINT}`) })
  .refine(Number.isSafeInteger, { error: `montant invalide|${CENTS_HINT}` });

const PERCENT_HINT = 'un nombre entre 0 et 100 est attendu, par exemple 2.5';
const percent = z
  .number({ error: typeError(`pourcentage invalide|${PERCENT_HINT}`) })
  .min(0, { error: `pourcentage invalide|${PERCENT_HINT}` })
  .max(100, { error: `pourcentage invalide|${PERCENT_HINT}` })
  .refine(isHundredths, { error: 'pourcentage invalide|deux décimales au plus' });

function isHundredths(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

const OBJECT_ERROR = typeError('valeur invalide|un objet JSON { … } est attendu');
const LIST_ERROR = typeError('valeur invalide|une liste JSON [ … ] est attendue');

export const clientSchema = z.object(
  {
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
    /** A professional buyer (true) or a consumer (false); null when the back office cannot tell. */
    isProfessional: z
      .boolean({ error: typeError('valeur invalide|true ou false est attendu') })
      .nullish(),
  },
  { error: OBJECT_ERROR },
);

export const reminderLevelSchema = z.enum(REMINDER_LEVELS, {
  error: typeError(`niveau invalide|valeurs possibles : ${REMINDER_LEVELS.join(', ')}`),
});

/** The last reminder sent to the client, from the history of merges. */
export const lastReminderSchema = z.object(
  { level: reminderLevelSchema, date: calendarDate },
  { error: OBJECT_ERROR },
);

const COUNT_HINT = 'un nombre entier positif ou nul est attendu';

/**
 * Payments and credit notes the back office has received but not yet matched to invoices: an
 * invoice listed as unpaid may in fact be paid, so the letter must be checked before it is sent.
 */
export const paymentStatusSchema = z.object(
  {
    unmatchedCount: z
      .number({ error: typeError(`nombre invalide|${COUNT_HINT}`) })
      .int({ error: `nombre invalide|${COUNT_HINT}` })
      .min(0, { error: `nombre invalide|${COUNT_HINT}` }),
    unmatchedCents: cents,
    /** Date of the last import of bank payments into the back office. */
    lastImportDate: calendarDate.nullish(),
  },
  { error: OBJECT_ERROR },
);

/** True when `part` has the sign of `total` (or is 0) and is not larger than it. */
function isPartOf(part: number, total: number): boolean {
  return total >= 0 ? part >= 0 && part <= total : part <= 0 && part >= total;
}

const PAID_ERROR =
  'montant invalide|le montant déjà payé est compris entre 0 et le total de la pièce';

export const invoiceSchema = z
  .object(
    {
      number: text,
      date: calendarDate,
      dueDate: calendarDate,
      totalCents: cents,
      paidCents: cents,
    },
    { error: OBJECT_ERROR },
  )
  .refine((invoice) => isPartOf(invoice.paidCents, invoice.totalCents), {
    path: ['paidCents'],
    error: PAID_ERROR,
  });

/** A credit note counts negative: `totalCents` ≤ 0 and `usedCents` between it and 0. */
export const creditNoteSchema = z
  .object(
    {
      number: text,
      date: calendarDate,
      dueDate: calendarDate,
      totalCents: cents.refine((value) => value <= 0, {
        error: 'montant invalide|le total d’un avoir est négatif ou nul, par exemple -5455',
      }),
      usedCents: cents,
    },
    { error: OBJECT_ERROR },
  )
  .refine((note) => note.totalCents > 0 || isPartOf(note.usedCents, note.totalCents), {
    path: ['usedCents'],
    error: 'montant invalide|la part utilisée d’un avoir est comprise entre son total et 0',
  });

export const transactionSchema = z
  .object(
    {
      number: text,
      type: text,
      date: calendarDate,
      dueDate: calendarDate,
      totalCents: cents,
      paidCents: cents,
    },
    { error: OBJECT_ERROR },
  )
  .refine((transaction) => isPartOf(transaction.paidCents, transaction.totalCents), {
    path: ['paidCents'],
    error: PAID_ERROR,
  });

export const clientRecordSchema = z.object(
  {
    client: clientSchema,
    invoices: z.array(invoiceSchema, { error: LIST_ERROR }).default([]),
    creditNotes: z.array(creditNoteSchema, { error: LIST_ERROR }).default([]),
    transactions: z.array(transactionSchema, { error: LIST_ERROR }).default([]),
    lastReminder: lastReminderSchema.nullish(),
    paymentStatus: paymentStatusSchema.nullish(),
  },
  { error: typeError('valeur invalide|un objet JSON { "client": … } est attendu') },
);

export type ClientRecord = z.infer<typeof clientRecordSchema>;
export type Client = ClientRecord['client'];
export type Invoice = ClientRecord['invoices'][number];
export type CreditNote = ClientRecord['creditNotes'][number];
export type Transaction = ClientRecord['transactions'][number];
export type LastReminder = z.infer<typeof lastReminderSchema>;
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
