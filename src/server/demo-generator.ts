/**
 * Fictitious French debtors made by a seeded generator: the same seed, index and reference date
 * always give the same record. Piece dates are placed around the reference date, so that some
 * pieces are overdue and some are not, whatever day the data is made.
 */
import type { ClientRecord, CreditNote, Invoice, Transaction } from '../api/record';
import type { SeededRandom } from './seeded-random';

// prettier-ignore
const FIRST_NAMES = [
  'Léa', 'Hugo', 'Chloé', 'Théo', 'Inès', 'Louis', 'Manon', 'Jules', 'Zoé', 'Gabriel',
  'Anaïs', 'Noé', 'Maëlle', 'Raphaël', 'Océane', 'Éric', 'Agnès', 'Hervé', 'Joël', 'Françoise',
];

// prettier-ignore
const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
  'Moreau', 'Lefèvre', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Hénaff',
  'Le Gall', 'Da Silva', 'N’Diaye', 'Bœuf', 'Castaño', 'Étienne',
];

// prettier-ignore
const COMPANY_PATTERNS = [
  'Garage {last}', 'Casse Auto {city}', 'Carrosserie {last} & Fils', 'Pièces Auto {last}',
  'Dépannage {last}', 'SARL {last} Automobiles', 'Récup’Auto {city}', 'Atelier « {last} »',
  'Auto-Occasions "{last}"', 'Établissements {last} & Cie',
];

/** Postcode and city as the back office stores them; several postcodes start with 0. */
// prettier-ignore
const CITIES: readonly (readonly [string, string])[] = [
  ['01000', 'BOURG-EN-BRESSE'], ['02100', 'SAINT-QUENTIN'], ['03100', 'MONTLUÇON'],
  ['06000', 'NICE'], ['07200', 'AUBENAS'], ['08000', 'CHARLEVILLE-MÉZIÈRES'],
  ['09100', 'PAMIERS'], ['13001', 'MARSEILLE'], ['20000', 'AJACCIO'], ['27000', 'ÉVREUX'],
  ['31000', 'TOULOUSE'], ['31200', 'TOULOUSE'], ['32000', 'AUCH'], ['33000', 'BORDEAUX'],
  ['34000', 'MONTPELLIER'], ['44000', 'NANTES'], ['59000', 'LILLE'], ['64000', 'PAU'],
  ['69007', 'LYON'], ['75011', 'PARIS'], ['81100', 'CASTRES'], ['88000', 'ÉPINAL'],
  ['97400', 'SAINT-DENIS'],
];

// prettier-ignore
const STREETS = [
  'rue de la République', 'avenue Jean-Jaurès', 'route de Narbonne', 'chemin des Vignes',
  'boulevard Victor-Hugo', 'rue du Moulin', 'zone artisanale des Pins', 'impasse des Acacias',
];

const SECOND_LINES = ['BP 12', 'ZA du Lac, lot 4', 'Bâtiment C', 'Chez M. et Mme Roussel'];

/** Days between a piece's date and its due date, as French payment terms usually run. */
const PAYMENT_TERMS = [0, 30, 30, 45, 60];

/** The next serial number, shared by all generated pieces so that their numbers stay distinct. */
export interface PieceNumbering {
  next: number;
}

/** Maps a day offset to the ISO date that many days after a reference date (before, if < 0). */
export type DayCalendar = (offset: number) => string;

/**
 * Returns a calendar around `referenceDate` that remembers the dates it computed: the generator
 * requests the same few hundred days again and again, and Date formatting dominated its time.
 */
export function createDayCalendar(referenceDate: string): DayCalendar {
  const dates = new Map<number, string>();
  return (offset) => {
    let date = dates.get(offset);
    if (date === undefined) {
      date = addDays(referenceDate, offset);
      dates.set(offset, date);
    }
    return date;
  };
}

/** Returns the ISO date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const time = Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days);
  return new Date(time).toISOString().slice(0, 10);
}

/** Returns the id of the `index`-th generated debtor: C-100000, C-100001… */
export function generatedDebtorId(index: number): string {
  return `C-${100000 + index}`;
}

/** Makes one random debtor with 0 to 8 invoices, some credit notes and some orders. */
export function generateDebtor(
  random: SeededRandom,
  index: number,
  day: DayCalendar,
  numbering: PieceNumbering,
): ClientRecord {
  const [postalCode, city] = random.pick(CITIES);
  const lastName = random.pick(LAST_NAMES);
  const companyName = random.chance(0.6)
    ? random.pick(COMPANY_PATTERNS).replace('{last}', lastName).replace('{city}', titleCase(city))
    : null;
  const firstName = random.chance(0.85) ? random.pick(FIRST_NAMES) : null;

  const invoices = repeat(random.integer(0, 8), () => makeInvoice(random, day, numbering));
  const creditNotes = repeat(random.chance(0.25) ? random.integer(1, 2) : 0, () =>
    makeCreditNote(random, day, numbering),
  );
  const transactions = repeat(random.chance(0.2) ? random.integer(1, 3) : 0, () =>
    makeTransaction(random, day, numbering),
  );

  const phone = formatPhone(random, index);
  return {
    client: {
      id: generatedDebtorId(index),
      firstName,
      lastName,
      companyName,
      address1: `${random.integer(1, 250)} ${random.pick(STREETS)}`,
      address2: random.chance(0.3) ? random.pick(SECOND_LINES) : null,
      postalCode,
      city,
      email: `${emailName(companyName ?? lastName)}.${index}@courriel.example`,
      phone,
      phone2: random.chance(0.25) ? formatPhone(random, index + 1) : null,
      vatNumber: companyName ? `FR${String(10000000000 + index).slice(-11)}` : null,
      siret: companyName ? String(10000000000000 + index * 7) : null,
      discountPercent: random.pick([0, 0, 0, 2, 2.5, 5, 10]),
      creditLimitCents: random.pick([0, 100000, 300000, 500000, 1000000]),
      balanceCents: balanceOf(invoices, creditNotes),
    },
    invoices,
    creditNotes,
    transactions,
  };
}

/**
 * Returns the balance as the back office computes it: what is left on open invoices less what is
 * left on open credit notes. Orders and proformas are not owed yet, so they do not count.
 */
export function balanceOf(
  invoices: readonly Invoice[],
  creditNotes: readonly CreditNote[],
): number {
  const owed = invoices.reduce((sum, invoice) => sum + invoice.totalCents - invoice.paidCents, 0);
  return creditNotes.reduce((sum, note) => sum + note.totalCents - note.usedCents, owed);
}

/** Makes an invoice dated within 400 days before the reference date; one in six is paid in full. */
export function makeInvoice(
  random: SeededRandom,
  day: DayCalendar,
  numbering: PieceNumbering,
): Invoice {
  const offset = -random.integer(0, 400);
  const date = day(offset);
  const totalCents = random.integer(500, 250000);
  const paidCents = settledPart(random, totalCents);
  return {
    number: pieceNumber('5', date, numbering),
    date,
    dueDate: day(offset + random.pick(PAYMENT_TERMS)),
    totalCents,
    paidCents,
  };
}

export function makeCreditNote(
  random: SeededRandom,
  day: DayCalendar,
  numbering: PieceNumbering,
): CreditNote {
  const date = day(-random.integer(0, 300));
  const totalCents = -random.integer(500, 50000);
  return {
    number: pieceNumber('AV', date, numbering),
    date,
    dueDate: date,
    totalCents,
    usedCents: settledPart(random, totalCents),
  };
}

/** Makes an order ("commande") or a proforma, dated within 60 days before the reference date. */
export function makeTransaction(
  random: SeededRandom,
  day: DayCalendar,
  numbering: PieceNumbering,
): Transaction {
  const type = random.pick(['commande', 'commande', 'proforma']);
  const offset = -random.integer(0, 60);
  const date = day(offset);
  const totalCents = random.integer(2000, 400000);
  return {
    number: `${type === 'commande' ? 'CDE' : 'PRO'}-${date.slice(0, 4)}-${numbering.next++}`,
    type,
    date,
    dueDate: day(offset + random.pick([15, 30])),
    totalCents,
    paidCents: type === 'proforma' ? 0 : settledPart(random, totalCents),
  };
}

/** Returns nothing, a part or all of `total`, with the sign of `total`. */
function settledPart(random: SeededRandom, total: number): number {
  const roll = random.next();
  if (roll < 0.6) {
    return 0;
  }
  if (roll < 5 / 6) {
    return Math.trunc((total * random.integer(10, 90)) / 100);
  }
  return total;
}

/** Formats a number in the back office's style: prefix, two-digit year, month and serial. */
function pieceNumber(prefix: string, date: string, numbering: PieceNumbering): string {
  const serial = String(numbering.next++).padStart(5, '0');
  return `${prefix}${date.slice(2, 4)}${date.slice(5, 7)}${serial}`;
}

/**
 * Makes a fictitious phone number, written in one of the ways people type them: spaces, dots,
 * dashes or none. Its third digit is 1, so it never equals a hand-written demo number
 * ("05 00 00 00 01").
 */
function formatPhone(random: SeededRandom, index: number): string {
  const digits = `0${random.integer(1, 7)}1${String(index % 10000000).padStart(7, '0')}`;
  const pairs = digits.match(/../gu) ?? [digits];
  const separator = random.pick([' ', ' ', '.', '-', '']);
  return pairs.join(separator);
}

function emailName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
}

function titleCase(city: string): string {
  return city.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (start) => start.toUpperCase());
}

function repeat<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make);
}
