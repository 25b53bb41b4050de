/**
 * The four list tables: their columns, one formatted row per piece, and the "Total restant :" row
 * that sums the last column.
 */
import type { CreditNote, Invoice, Transaction } from '../api/record';
import type { ListFieldName } from './fields';
import { MergeError } from './errors';
import { formatCents, formatDate } from './format';
import type { LateInvoice, Penalties } from './penalties';

export type ColumnAlignment = 'left' | 'right';

export type ListColumn = {
  header: string;
  alignment: ColumnAlignment;
  /** Relative width; the engines share the table's width out in these proportions. */
  weight: number;
};

/** A list field's content, formatted and ready to be written as a table. */
export type ListTable = {
  field: ListFieldName;
  columns: readonly ListColumn[];
  rows: readonly (readonly string[])[];
  totalLabel: string;
  /** Sum of the last column over the rows, in cents. */
  totalCents: number;
  /** The sentence written instead of a table when there are no rows. */
  emptySentence: string;
};

export const TOTAL_LABEL = 'Total restant :';

const date = (header: string): ListColumn => ({ header, alignment: 'left', weight: 15 });
const amount = (header: string, weight = 13): ListColumn => ({
  header,
  alignment: 'right',
  weight,
});
const label = (header: string, weight = 14): ListColumn => ({ header, alignment: 'left', weight });

const INVOICE_COLUMNS = [
  date('Date'),
  date('Date échéance'),
  label('Num facture'),
  amount('Total'),
  amount('Déjà payé'),
  amount('Restant'),
];

const CREDIT_NOTE_COLUMNS = [
  date('Date'),
  date('Date échéance'),
  label('Num avoir'),
  amount('Total'),
  amount('Déjà utilisé'),
  amount('Restant à utiliser', 15),
];

const COMBINED_COLUMNS = [
  date('Date'),
  date('Date échéance'),
  label('Numéro'),
  amount('Total'),
  amount('Déjà payé / utilisé', 15),
  amount('Restant à payer / à utiliser', 18),
];

const PENALTY_COLUMNS = [
  label('Num facture', 16),
  date('Date échéance'),
  amount('Jours de retard', 12),
  amount('Restant', 14),
  amount('Pénalité', 14),
];

// Seven columns share the width. The dates give up a little so that order numbers such as
// "CDE-2018-0042" and the type "Commande" fit on one line, while headers may take two.
const TRANSACTION_COLUMNS = [
  { ...date('Date création'), weight: 14 },
  { ...date('Date échéance'), weight: 14 },
  label('Num transaction', 18),
  label('Type', 14),
  amount('Total'),
  amount('Déjà payé'),
  amount('Restant'),
];

/** Labels of the transaction kinds the back office sends; other kinds are shown as sent. */
const TRANSACTION_TYPE_LABELS: Readonly<Record<string, string>> = {
  commande: 'Commande',
  proforma: 'Proforma',
};

type PieceRow = { cells: string[]; remainingCents: number };

/** "commande" → "Commande"; a kind the catalog does not know gets a capital too. */
export function transactionTypeLabel(type: string): string {
  const known = TRANSACTION_TYPE_LABELS[type.toLowerCase()];
  return known ?? type.charAt(0).toUpperCase() + type.slice(1);
}

function invoiceRow(invoice: Invoice): PieceRow {
  const remainingCents = invoice.totalCents - invoice.paidCents;
  const cells = [
    formatDate(invoice.date),
    formatDate(invoice.dueDate),
    invoice.number,
    formatCents(invoice.totalCents),
    formatCents(invoice.paidCents),
    formatCents(remainingCents),
  ];
  return { cells, remainingCents };
}

function creditNoteRow(note: CreditNote): PieceRow {
  const remainingCents = note.totalCents - note.usedCents;
  const cells = [
    formatDate(note.date),
    formatDate(note.dueDate),
    note.number,
    formatCents(note.totalCents),
    formatCents(note.usedCents),
    formatCents(remainingCents),
  ];
  return { cells, remainingCents };
}

function transactionRow(transaction: Transaction): PieceRow {
  const remainingCents = transaction.totalCents - transaction.paidCents;
  const cells = [
    formatDate(transaction.date),
    formatDate(transaction.dueDate),
    transaction.number,
    transactionTypeLabel(transaction.type),
    formatCents(transaction.totalCents),
    formatCents(transaction.paidCents),
    formatCents(remainingCents),
  ];
  return { cells, remainingCents };
}

function makeTable(
  field: ListFieldName,
  columns: readonly ListColumn[],
  pieces: readonly PieceRow[],
  emptySentence: string,
): ListTable {
  // Past 2^53 cents, sums stop being exact; every step is checked, since a sum that came back
  // into range would still be wrong.
  let totalCents = 0;
  for (const piece of pieces) {
    totalCents += piece.remainingCents;
    if (!Number.isSafeInteger(piece.remainingCents) || !Number.isSafeInteger(totalCents)) {
      throw amountTooLarge(field);
    }
  }
  const rows = pieces.map((piece) => piece.cells);

  return { field, columns, rows, totalLabel: TOTAL_LABEL, totalCents, emptySentence };
}

function amountTooLarge(field: ListFieldName): MergeError {
  return new MergeError(
    'record_invalid',
    `Les montants de la liste ${field} sont trop grands pour être additionnés au centime près ` +
      '(plus de 90 000 milliards d’euros) : vérifiez les montants de ce client.',
    { field },
  );
}

function penaltyRow(late: LateInvoice): PieceRow {
  const cells = [
    late.invoice.number,
    formatDate(late.invoice.dueDate),
    String(late.daysLate),
    formatCents(late.remainingCents),
    formatCents(late.penaltyCents),
  ];
  return { cells, remainingCents: late.penaltyCents };
}

/**
 * Builds the penalty table. Its total is the exact sum rounded once, as `opistopenalitesretard`
 * shows it, so it may differ by a cent or two from the sum of the rounded rows.
 */
function penaltyTable(penalties: Penalties | null): ListTable {
  const table = makeTable(
    'opistolistepenalites',
    PENALTY_COLUMNS,
    (penalties?.lateInvoices ?? []).map(penaltyRow),
    'Aucune facture en retard.',
  );
  return { ...table, totalLabel: 'Total pénalités :', totalCents: penalties?.penaltyCents ?? 0 };
}

/** The pieces of one client that list fields draw from. */
export type ListSources = {
  invoices: readonly Invoice[];
  creditNotes: readonly CreditNote[];
  transactions: readonly Transaction[];
};

/**
 * Builds the table of one list field. Rows keep the order of the record; the combined list shows
 * invoices first, then credit notes, whose negative remainders net against the invoices. The
 * penalty list needs `penalties`, and is empty without them.
 */
export function buildListTable(
  field: ListFieldName,
  sources: ListSources,
  penalties: Penalties | null = null,
): ListTable {
  switch (field) {
    case 'opistolistefactures':
      return makeTable(
        field,
        INVOICE_COLUMNS,
        sources.invoices.map(invoiceRow),
        'Aucune facture en attente.',
      );
    case 'opistolisteavoirs':
      return makeTable(
        field,
        CREDIT_NOTE_COLUMNS,
        sources.creditNotes.map(creditNoteRow),
        'Aucun avoir en cours.',
      );
    case 'opistolistefacturesavoirs':
      return makeTable(
        field,
        COMBINED_COLUMNS,
        [...sources.invoices.map(invoiceRow), ...sources.creditNotes.map(creditNoteRow)],
        'Aucune facture ni aucun avoir en attente.',
      );
    case 'opistolistetransactions':
      return makeTable(
        field,
        TRANSACTION_COLUMNS,
        sources.transactions.map(transactionRow),
        'Aucune transaction en cours.',
      );
    case 'opistolistepenalites':
      return penaltyTable(penalties);
  }
}

/** Formats the total row's last cell. */
export function formatTotal(table: ListTable): string {
  return formatCents(table.totalCents);
}
