/**
 * Turns a client record into the value of every field word, formatted for a French letter.
 */
import type { Client, ClientRecord } from '../api/record';
import {
  BUYER_KIND_FIELDS,
  LIST_FIELDS,
  PENALTY_RATE_FIELDS,
  type FieldName,
  type ListFieldName,
  type TextFieldName,
} from './fields';
import { formatCents, formatDate, formatPercent, type CalendarDate } from './format';
import { buildListTable, type ListTable } from './lists';
import { MergeError } from './errors';
import {
  computePenalties,
  recoveryIndemnityCents,
  type PenaltyRate,
  type Penalties,
} from './penalties';
import { REMINDER_LEVEL_LABELS, type ReminderLevel } from './reminder-levels';

/** Everything one letter needs: the text of each text field and the table of each list field. */
export type LetterValues = {
  text: Readonly<Record<TextFieldName, string>>;
  lists: Readonly<Record<ListFieldName, ListTable>>;
  /** The client's kind, which picks the conditional paragraphs; null when it is unknown. */
  isProfessional: boolean | null;
};

/** Options of a merge, the same for all its letters. */
export type LetterOptions = {
  /** The annual late-penalty rate; the penalty fields are empty without it. */
  penaltyRate?: PenaltyRate | null;
  /** The level of this merge, written by `opistoniveaurelance`. */
  level?: ReminderLevel | null;
  /**
   * The fields the template uses. When given, a client whose letter would need a fact the
   * record lacks raises a MergeError instead of getting a letter with empty amounts.
   */
  fieldsUsed?: ReadonlySet<FieldName>;
};

/** Builds the values of one letter; `letterDate` is the value of `opistodatejour`. */
export function buildLetterValues(
  record: ClientRecord,
  letterDate: CalendarDate,
  options: LetterOptions = {},
): LetterValues {
  if (options.fieldsUsed) {
    checkLetterNeeds(record.client, options.fieldsUsed, options);
  }
  // Late invoices are found with a zero rate when none is set: the indemnity needs their count.
  const rate = options.penaltyRate ?? null;
  const penalties = computePenalties(record.invoices, letterDate, rate ?? ZERO_RATE);
  const lists = Object.fromEntries(
    LIST_FIELDS.map((field) => [field, buildListTable(field, record, rate ? penalties : null)]),
  ) as Record<ListFieldName, ListTable>;

  const text = {
    ...buildClientValues(record.client),
    opistodatejour: formatDate(letterDate),
    opistoniveaurelance: options.level ? REMINDER_LEVEL_LABELS[options.level] : '',
    opistodernierrelance: record.lastReminder ? formatDate(record.lastReminder.date) : '',
    ...buildAmountsDue(record.client, lists, penalties, rate !== null),
  };
  return { text, lists, isProfessional: record.client.isProfessional ?? null };
}

const ZERO_RATE: PenaltyRate = { hundredthsOfPercent: 0 };

type AmountDueField = 'opistopenalitesretard' | 'opistoindemniterecouvrement' | 'opistototaldu';

/**
 * Penalties, indemnity and total due. The total starts from what the letter's pieces leave to
 * pay, unpaid invoices less unused credit notes, as the threshold check counts it. Each is empty when a fact it needs is missing (the rate,
 * or whether the client is a professional): a wrong amount in a formal letter is worse than none.
 */
function buildAmountsDue(
  client: Client,
  lists: Record<ListFieldName, ListTable>,
  penalties: Penalties,
  hasRate: boolean,
): Record<AmountDueField, string> {
  const buyer = client.isProfessional;
  const lateCount = penalties.lateInvoices.length;
  const indemnity =
    buyer === null || buyer === undefined ? null : recoveryIndemnityCents(lateCount, buyer);
  const total =
    hasRate && indemnity !== null
      ? lists.opistolistefacturesavoirs.totalCents + penalties.penaltyCents + indemnity
      : null;

  return {
    opistopenalitesretard: hasRate ? formatCents(penalties.penaltyCents) : '',
    opistoindemniterecouvrement: indemnity === null ? '' : formatCents(indemnity),
    opistototaldu: total === null ? '' : formatCents(total),
  };
}

/**
 * Raises a MergeError when the template uses a field this client's letter cannot fill. Penalty
 * amounts need a rate. The indemnity and conditional paragraphs need the client's kind, because
 * charging the indemnity to a consumer is forbidden.
 */
export function checkLetterNeeds(
  client: Client,
  fieldsUsed: ReadonlySet<FieldName>,
  options: LetterOptions,
): void {
  const needsRate = [...fieldsUsed].filter((field) => PENALTY_RATE_FIELDS.has(field));
  if (needsRate.length > 0 && !options.penaltyRate) {
    throw penaltyRateMissing(needsRate);
  }

  const needsBuyer = [...fieldsUsed].filter((field) => BUYER_KIND_FIELDS.has(field));
  const unknown = client.isProfessional === null || client.isProfessional === undefined;
  if (needsBuyer.length > 0 && unknown) {
    throw new MergeError(
      'record_invalid',
      `Le modèle utilise ${needsBuyer.join(', ')}, mais la fiche de ce client ne dit pas s’il ` +
        'est un professionnel ou un particulier. Renseignez-le dans Opisto, puis relancez ' +
        'la fusion pour ce client.',
      { fields: needsBuyer.join(',') },
    );
  }
}

/** Builds the error for a template that uses penalty fields in a merge without a rate. */
export function penaltyRateMissing(fields: readonly FieldName[]): MergeError {
  return new MergeError(
    'record_invalid',
    `Le modèle utilise ${fields.join(', ')}, mais aucun taux de pénalités de retard n’est ` +
      'indiqué. Indiquez le taux annuel prévu par vos conditions générales de vente (par ' +
      'exemple 13,15 %) dans les paramètres, ou avec --penalty-rate en ligne de commande.',
    { fields: fields.join(',') },
  );
}

function buildClientValues(client: Client) {
  return {
    opistoclientprenom: text(client.firstName),
    opistoclientnom: text(client.lastName),
    opistoclientnomcomplet: fullName(client),
    opistoclientraisonsociale: text(client.companyName),
    opistoclientadresse1: text(client.address1),
    opistoclientadresse2: text(client.address2),
    opistoclientcp: text(client.postalCode),
    opistoclientville: text(client.city),
    opistoclientsolde: amount(client.balanceCents),
    opistoclientencoursaccorde: amount(client.creditLimitCents),
    opistoclientmail: text(client.email),
    opistoclientnumtva: text(client.vatNumber),
    opistoclientremisepourcent: percent(client.discountPercent),
    opistoclienttelprincipal: text(client.phone),
    opistoclienttelsecondaire: text(client.phone2),
    opistoclientsiret: text(client.siret),
  };
}

/** Company name, last name and first name, the non-empty ones joined by one space. */
export function fullName(client: Client): string {
  return [client.companyName, client.lastName, client.firstName]
    .map((part) => text(part).trim())
    .filter((part) => part !== '')
    .join(' ');
}

function text(value: string | null | undefined): string {
  return value ?? '';
}

function amount(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '' : formatCents(cents);
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatPercent(value);
}
