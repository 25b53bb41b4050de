/**
 * Demo debtors made by hand for the cases a search must handle and random data rarely gives:
 * 60 invoices, orders only, nothing left to pay, credit notes only, SQL wildcard characters in a
 * name, phones written with dots and dashes. Their dates are relative to a reference date. Two
 * have been reminded, two have unmatched payments, and one is of unknown kind.
 */
import type { ClientRecord, Invoice, PaymentStatus } from '../api/record';
import { addDays, balanceOf } from './demo-generator';

/** Debtors that the random generator would produce rarely or never, with known values. */
export function specialCases(referenceDate: string): ClientRecord[] {
  return [
    sixtyInvoices(referenceDate),
    ordersOnly(referenceDate),
    everythingPaid(referenceDate),
    creditNotesOnly(referenceDate),
    wildcardCharacters(referenceDate),
    separatedPhones(referenceDate),
  ];
}

const EMPTY_CLIENT = {
  firstName: null,
  lastName: null,
  companyName: null,
  address1: null,
  address2: null,
  postalCode: null,
  city: null,
  email: null,
  phone: null,
  phone2: null,
  vatNumber: null,
  siret: null,
  discountPercent: 0,
  creditLimitCents: 0,
};

/** Returns the payment status after an import, the day before, that left nothing to match. */
function noneUnmatched(referenceDate: string): PaymentStatus {
  return { unmatchedCount: 0, unmatchedCents: 0, lastImportDate: addDays(referenceDate, -1) };
}

/** 60 open invoices a week apart, the last four not yet due, every fifth partly paid. */
function sixtyInvoices(referenceDate: string): ClientRecord {
  const open: Invoice[] = Array.from({ length: 60 }, (_, k) => {
    const date = addDays(referenceDate, -7 * k);
    const totalCents = 10000 + 137 * k;
    return {
      number: `F60-${String(k + 1).padStart(3, '0')}`,
      date,
      dueDate: addDays(date, 30),
      totalCents,
      paidCents: k % 5 === 0 ? 2500 : 0,
    };
  });
  const paid: Invoice[] = [
    {
      number: 'F60-PAYEE-1',
      date: addDays(referenceDate, -500),
      dueDate: addDays(referenceDate, -470),
      totalCents: 99900,
      paidCents: 99900,
    },
  ];

  return {
    client: {
      ...EMPTY_CLIENT,
      id: 'C-000200',
      firstName: 'Jean-Pierre',
      lastName: 'Cabrol',
      companyName: 'Casse Auto du Lauragais',
      address1: 'Route de Revel',
      address2: 'Lieu-dit En Jouanis',
      postalCode: '31290',
      city: 'VILLEFRANCHE-DE-LAURAGAIS',
      email: 'compta@casse-lauragais.example',
      phone: '05 00 00 02 00',
      creditLimitCents: 2000000,
      balanceCents: balanceOf(open, []),
      isProfessional: true,
    },
    invoices: [...open, ...paid],
    creditNotes: [],
    transactions: [],
    // Both reminders and the formal notice were sent. A payment arrived since, not yet matched.
    lastReminder: { level: 'miseEnDemeure', date: addDays(referenceDate, -10) },
    paymentStatus: {
      unmatchedCount: 1,
      unmatchedCents: 25000,
      lastImportDate: addDays(referenceDate, -1),
    },
  };
}

/** Orders and a proforma only, one due before the reference date; no first name. */
function ordersOnly(referenceDate: string): ClientRecord {
  return {
    client: {
      ...EMPTY_CLIENT,
      id: 'C-000201',
      lastName: 'Lefèvre',
      companyName: 'Cœur d’Auto',
      address1: '3 place des Vosges',
      postalCode: '88000',
      city: 'ÉPINAL',
      email: 'Contact@Coeur-Auto.example',
      phone: '03 00 00 02 01',
      balanceCents: 0,
      isProfessional: true,
    },
    paymentStatus: noneUnmatched(referenceDate),
    invoices: [],
    creditNotes: [],
    transactions: [
      {
        number: 'CDE-201-1',
        type: 'commande',
        date: addDays(referenceDate, -40),
        dueDate: addDays(referenceDate, -10),
        totalCents: 56000,
        paidCents: 20000,
      },
      {
        number: 'PRO-201-2',
        type: 'proforma',
        date: addDays(referenceDate, -5),
        dueDate: addDays(referenceDate, 10),
        totalCents: 129000,
        paidCents: 0,
      },
      {
        number: 'CDE-201-0',
        type: 'commande',
        date: addDays(referenceDate, -90),
        dueDate: addDays(referenceDate, -60),
        totalCents: 8900,
        paidCents: 8900,
      },
    ],
  };
}

/** Makes a debtor whose pieces are all paid or used: no search finds it, but its record exists. */
function everythingPaid(referenceDate: string): ClientRecord {
  return {
    client: {
      ...EMPTY_CLIENT,
      id: 'C-000202',
      firstName: 'Sophie',
      lastName: 'Laurent',
      companyName: 'Carrosserie Laurent',
      address1: '8 rue des Forges',
      postalCode: '07200',
      city: 'AUBENAS',
      balanceCents: 0,
      isProfessional: true,
    },
    // The back office reports nothing on payments for this debtor.
    paymentStatus: null,
    invoices: [
      {
        number: 'F202-1',
        date: addDays(referenceDate, -60),
        dueDate: addDays(referenceDate, -30),
        totalCents: 15000,
        paidCents: 15000,
      },
    ],
    creditNotes: [
      {
        number: 'AV202-1',
        date: addDays(referenceDate, -20),
        dueDate: addDays(referenceDate, -20),
        totalCents: -3000,
        usedCents: -3000,
      },
    ],
    transactions: [],
  };
}

/** Credit notes only, one on each side of the reference date; a second address line. */
function creditNotesOnly(referenceDate: string): ClientRecord {
  const creditNotes = [
    {
      number: 'AV203-1',
      date: addDays(referenceDate, -15),
      dueDate: addDays(referenceDate, -15),
      totalCents: -4500,
      usedCents: -1500,
    },
    {
      number: 'AV203-2',
      date: addDays(referenceDate, 3),
      dueDate: addDays(referenceDate, 3),
      totalCents: -2000,
      usedCents: 0,
    },
  ];
  return {
    client: {
      ...EMPTY_CLIENT,
      id: 'C-000203',
      firstName: 'Seán',
      lastName: 'O’Neil',
      address1: '14 rue de Lille',
      address2: 'Appartement 3, escalier B',
      postalCode: '02100',
      city: 'SAINT-QUENTIN',
      email: 'sean.oneil@courriel.example',
      balanceCents: balanceOf([], creditNotes),
      isProfessional: false,
    },
    paymentStatus: noneUnmatched(referenceDate),
    invoices: [],
    creditNotes,
    transactions: [],
  };
}

/** A name with SQL wildcard characters, which a search must treat as plain text. */
function wildcardCharacters(referenceDate: string): ClientRecord {
  const invoices = [
    {
      number: 'F204-1',
      date: addDays(referenceDate, -45),
      dueDate: addDays(referenceDate, -15),
      totalCents: 31415,
      paidCents: 0,
    },
  ];
  return {
    client: {
      ...EMPTY_CLIENT,
      id: 'C-000204',
      lastName: 'Moulin',
      companyName: 'Auto 100 % « Pièces_Occasion » & Co',
      address1: '1 avenue de l’Europe',
      postalCode: '64000',
      city: 'PAU',
      email: 'moulin_100%@courriel.example',
      phone: '05 00 00 02 04',
      balanceCents: balanceOf(invoices, []),
      isProfessional: true,
    },
    lastReminder: { level: 'rappel1', date: addDays(referenceDate, -5) },
    paymentStatus: noneUnmatched(referenceDate),
    invoices,
    creditNotes: [],
    transactions: [],
  };
}

/** Phones written with dots and with dashes, both sides of a phone search. */
function separatedPhones(referenceDate: string): ClientRecord {
  const invoices = [
    {
      number: 'F205-1',
      date: addDays(referenceDate, -10),
      dueDate: addDays(referenceDate, 20),
      totalCents: 12000,
      paidCents: 0,
    },
  ];
  return {
    client: {
      ...EMPTY_CLIENT,
      id: 'C-000205',
      firstName: 'Éloïse',
      lastName: 'Brémond',
      companyName: 'Dépannage Rapide',
      address1: 'ZI de la Plaine',
      postalCode: '13001',
      city: 'MARSEILLE',
      email: 'depannage.rapide@courriel.example',
      phone: '06.00.00.02.05',
      phone2: '04-00-00-02-06',
      balanceCents: balanceOf(invoices, []),
      // The back office cannot tell whether this company buys as a professional.
      isProfessional: null,
    },
    paymentStatus: {
      unmatchedCount: 2,
      unmatchedCents: 12000,
      lastImportDate: addDays(referenceDate, -1),
    },
    invoices,
    creditNotes: [],
    transactions: [],
  };
}
