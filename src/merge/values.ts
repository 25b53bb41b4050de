/**
 * Turns a client record into the value of every field word, formatted for a French letter.
 */
import type { Client, ClientRecord } from '../api/record';
import { LIST_FIELDS, type ListFieldName, type TextFieldName } from './fields';
import { formatCents, formatDate, formatPercent, type CalendarDate } from './format';
import { buildListTable, type ListTable } from './lists';

/** Everything one letter needs: the text of each text field and the table of each list field. */
export type LetterValues = {
  text: Readonly<Record<TextFieldName, string>>;
  lists: Readonly<Record<ListFieldName, ListTable>>;
};

/** Builds the values of one letter; `letterDate` is the value of `opistodatejour`. */
export function buildLetterValues(record: ClientRecord, letterDate: CalendarDate): LetterValues {
  const lists = Object.fromEntries(
    LIST_FIELDS.map((field) => [field, buildListTable(field, record)]),
  ) as Record<ListFieldName, ListTable>;

  return { text: buildTextValues(record.client, letterDate), lists };
}

function buildTextValues(client: Client, letterDate: CalendarDate): Record<TextFieldName, string> {
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
    opistodatejour: formatDate(letterDate),
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
