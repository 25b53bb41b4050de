/**
 * The "Relances" search as plain data: the filter form's values, the API query and piece filter
 * they make, and the checks that give the user a French message before anything is sent.
 */
import type { DebtorFilter, PieceKind } from '../../api/contract';
import type { DebtorSearchInput } from '../../api/client';
import { formatDate, isCalendarDate, localCalendarDate } from '../../merge/format';
import type { ReminderLevel } from '../../merge/reminder-levels';
import type { ClientState } from '../app/pane-context';

/**
 * The form's values: texts as typed, dates as "YYYY-MM-DD" or empty, the days since the last
 * reminder as typed, and the next level or empty for any level.
 */
export type FilterValues = {
  name: string;
  city: string;
  postalCode: string;
  email: string;
  phone: string;
  invoices: boolean;
  creditNotes: boolean;
  transactions: boolean;
  dueBefore: string;
  invoicedFrom: string;
  invoicedTo: string;
  notRemindedDays: string;
  nextLevel: ReminderLevel | '';
};

export type TextFilterName = 'name' | 'city' | 'postalCode' | 'email' | 'phone';
export type DateFilterName = 'dueBefore' | 'invoicedFrom' | 'invoicedTo';
export type KindFilterName = PieceKind;

/**
 * Returns the filters a new pane starts with: pieces due before today, so that a reminder never
 * claims an invoice not yet due. The user can clear the date.
 */
export function initialFilters(today: Date = new Date()): FilterValues {
  return { ...EMPTY_FILTERS, dueBefore: localCalendarDate(today) };
}

export const EMPTY_FILTERS: FilterValues = {
  name: '',
  city: '',
  postalCode: '',
  email: '',
  phone: '',
  invoices: true,
  creditNotes: true,
  transactions: true,
  dueBefore: '',
  invoicedFrom: '',
  invoicedTo: '',
  notRemindedDays: '',
  nextLevel: '',
};

/** The labels the form shows, reused in messages so that they name the fields on screen. */
export const DATE_LABELS: Readonly<Record<DateFilterName, string>> = {
  dueBefore: 'Échéance avant le',
  invoicedFrom: 'Date de facturation du',
  invoicedTo: 'Date de facturation au',
};

export const NOT_REMINDED_LABEL = 'Pas relancé depuis';

/** Longest "Pas relancé depuis" accepted, in days: ten years, beyond any reminder worth finding. */
export const MAX_NOT_REMINDED_DAYS = 3660;

const TEXT_NAMES: readonly TextFilterName[] = ['name', 'city', 'postalCode', 'email', 'phone'];
const KIND_NAMES: readonly PieceKind[] = ['invoices', 'creditNotes', 'transactions'];

/** The search to send: the API query, and the piece filter the records are then read with. */
export type SearchRequest = { query: DebtorSearchInput; filter: DebtorFilter };

export type SearchCheck =
  | { ok: true; request: SearchRequest }
  | { ok: false; field: DateFilterName | 'kinds' | 'notRemindedDays'; message: string };

/**
 * Turns the form into a search, or returns a French message naming the field to correct. `now`
 * is the moment "Pas relancé depuis N jours" counts back from, in the machine's time zone.
 */
export function buildSearch(values: FilterValues, now: Date = new Date()): SearchCheck {
  const kinds = KIND_NAMES.filter((kind) => values[kind]);
  if (kinds.length === 0) {
    return {
      ok: false,
      field: 'kinds',
      message: 'Cochez au moins un type de pièce : Factures, Avoirs ou Commandes.',
    };
  }

  const dateProblem = checkDates(values);
  if (dateProblem) {
    return dateProblem;
  }
  const days = readDays(values.notRemindedDays);
  if (days === null) {
    const typed = values.notRemindedDays.trim();
    return {
      ok: false,
      field: 'notRemindedDays',
      message:
        `« ${NOT_REMINDED_LABEL} » : nombre de jours invalide « ${typed} ». Saisissez un ` +
        `nombre entier de jours, de 0 à ${MAX_NOT_REMINDED_DAYS}, par exemple 30.`,
    };
  }

  const filter = pieceFilter(values, kinds);
  const query: DebtorSearchInput = { ...filter };
  for (const name of TEXT_NAMES) {
    const text = values[name].trim();
    if (text !== '') {
      query[name] = text;
    }
  }
  // Reminder filters choose debtors, not pieces: they stay out of the filter records are read with.
  if (days !== undefined) {
    query.notRemindedSince = daysBefore(now, days);
  }
  if (values.nextLevel !== '') {
    query.nextLevel = values.nextLevel;
  }
  return { ok: true, request: { query, filter } };
}

/** Reads the number of days: undefined when empty, null when not a whole number in range. */
function readDays(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  if (!/^\d{1,4}$/.test(trimmed)) {
    return null;
  }
  const days = Number(trimmed);
  return days <= MAX_NOT_REMINDED_DAYS ? days : null;
}

/**
 * Returns the calendar date `days` days before `now`, counted in local calendar days, so that a
 * change to or from summer time never shifts it by one. The API keeps debtors last reminded
 * strictly before that date, or never.
 */
export function daysBefore(now: Date, days: number): string {
  return localCalendarDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - days));
}

function pieceFilter(values: FilterValues, kinds: readonly PieceKind[]): DebtorFilter {
  const filter: DebtorFilter = {};

  // All kinds is the API's default: leaving the list out keeps the query short.
  if (kinds.length < KIND_NAMES.length) {
    filter.kinds = kinds.join(',');
  }
  for (const name of ['dueBefore', 'invoicedFrom', 'invoicedTo'] as const) {
    if (values[name] !== '') {
      filter[name] = values[name];
    }
  }
  return filter;
}

function checkDates(values: FilterValues): SearchCheck | undefined {
  for (const name of ['dueBefore', 'invoicedFrom', 'invoicedTo'] as const) {
    const date = values[name];
    if (date !== '' && !isCalendarDate(date)) {
      return {
        ok: false,
        field: name,
        message:
          `« ${DATE_LABELS[name]} » : date invalide. ` +
          'Saisissez une date réelle, par exemple 31/10/2026.',
      };
    }
  }

  const { invoicedFrom, invoicedTo } = values;
  if (invoicedFrom !== '' && invoicedTo !== '' && invoicedFrom > invoicedTo) {
    return {
      ok: false,
      field: 'invoicedTo',
      message:
        `Date de facturation : la date « du » (${formatDate(invoicedFrom)}) est après la date ` +
        `« au » (${formatDate(invoicedTo)}). Corrigez l’une des deux dates.`,
    };
  }
  return undefined;
}

/** Returns why the search cannot run with the current settings, or undefined when it can. */
export function clientProblem(client: ClientState): string | undefined {
  if (client.kind === 'missing') {
    return (
      'Renseignez l’adresse du serveur Opisto et la clé d’API dans l’onglet « Paramètres » ' +
      'pour lancer une recherche.'
    );
  }
  if (client.kind === 'invalid') {
    return `${client.message} Corrigez les réglages dans l’onglet « Paramètres ».`;
  }
  return undefined;
}
