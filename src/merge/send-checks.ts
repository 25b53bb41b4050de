/**
 * Checks before sending. Clients who owe nothing, or less than the threshold the user set, get no
 * letter. Clients with payments the back office has not yet matched to invoices get one only
 * when the user confirms, because the invoices listed as unpaid may in fact be paid.
 */
import type { ClientRecord } from '../api/record';
import { buildListTable } from './lists';
import { formatCents, formatDate } from './format';

export type SendCheckOptions = {
  /** Clients owing less than this get no letter; 0 leaves out only those who owe nothing. */
  minimumCents: number;
  /** True once the user has confirmed letters for clients with unmatched payments. */
  confirmUnmatched: boolean;
};

export type LeftOutReason = {
  code: 'nothing_due' | 'below_minimum' | 'unmatched_payments';
  /** French, for the user: why no letter, and what to do to get one. */
  message: string;
};

/** The short warning shown beside a client with unmatched payments. */
export const UNMATCHED_WARNING = 'paiement non lettré : vérifiez avant d’envoyer';

/** Computes what the client owes on the letter's pieces: unpaid invoices less credit notes. */
export function remainingDueCents(record: ClientRecord): number {
  return buildListTable('opistolistefacturesavoirs', record).totalCents;
}

/** Tells whether the back office reports payments or credit notes not matched to invoices. */
export function hasUnmatchedPayments(record: ClientRecord): boolean {
  return (record.paymentStatus?.unmatchedCount ?? 0) > 0;
}

/** Returns why this client gets no letter, or null when the letter may be made. */
export function checkBeforeSending(
  record: ClientRecord,
  options: SendCheckOptions,
): LeftOutReason | null {
  const due = remainingDueCents(record);
  if (due <= 0) {
    return {
      code: 'nothing_due',
      message:
        due === 0
          ? 'Rien à réclamer : ce client ne doit rien (factures moins avoirs). Aucun courrier ' +
            'n’est fait.'
          : `Rien à réclamer : ce client a un solde créditeur de ${formatCents(-due)} € ` +
            '(factures moins avoirs). Aucun courrier n’est fait.',
    };
  }
  if (due < options.minimumCents) {
    return {
      code: 'below_minimum',
      message:
        `Ce client doit ${formatCents(due)} €, moins que le seuil de ` +
        `${formatCents(options.minimumCents)} € choisi : aucun courrier n’est fait. Baissez le ` +
        'seuil pour l’inclure.',
    };
  }
  if (hasUnmatchedPayments(record) && !options.confirmUnmatched) {
    return { code: 'unmatched_payments', message: describeUnmatched(record) };
  }
  return null;
}

/** Describes the unmatched payments of a client, with what to check and how to go on. */
export function describeUnmatched(record: ClientRecord): string {
  return (
    `Paiement non lettré : vérifiez avant d’envoyer. ${summarizeUnmatched(record)} ` +
    'Vérifiez dans Opisto, puis confirmez pour inclure ce client.'
  );
}

/** States how many payments are unmatched, for how much, and the date of the last import. */
export function summarizeUnmatched(record: ClientRecord): string {
  const status = record.paymentStatus;
  const count = status?.unmatchedCount ?? 0;
  const plural = count > 1 ? 's' : '';
  const notMatched = count > 1 ? 'ne sont pas encore rapprochés' : 'n’est pas encore rapproché';
  const lastImport = status?.lastImportDate
    ? ` Dernier import des paiements : ${formatDate(status.lastImportDate)}.`
    : '';
  return (
    `${count} paiement${plural} ou avoir${plural} de ${formatCents(status?.unmatchedCents ?? 0)} ` +
    `€ ${notMatched} des factures.${lastImport}`
  );
}

/**
 * Reads an amount in euros as the user types it: "15", "15,50", "1 500.5". Returns cents, or
 * null when the text is not a positive amount with two decimals at most.
 */
export function parseEuroAmount(text: string): number | null {
  const compact = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/€$/, '')
    .replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) {
    return null;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
