/**
 * What the pane should show, computed from the demo records in plain TypeScript, the same
 * reference the server's own tests check its SQL against.
 */
import type { ClientRecord } from '../../../src/api/record';
import { fullName } from '../../../src/merge/values';
import { expectedIds, type ExpectedQuery } from '../../server/helpers';

export type ExpectedDebtor = { id: string; displayName: string; record: ClientRecord };

/** The debtors a search should list, in the list's order. */
export function expectedDebtors(
  records: readonly ClientRecord[],
  query: ExpectedQuery,
): ExpectedDebtor[] {
  const byId = new Map(records.map((record) => [record.client.id, record]));
  return expectedIds(records, query).map((id) => {
    const record = byId.get(id);
    if (!record) {
      throw new Error(`no demo record ${id}`);
    }
    return { id, displayName: fullName(record.client), record };
  });
}

/** Numbers of the invoices still unpaid, which opistolistefactures lists. */
export function openInvoiceNumbers(record: ClientRecord, dueBefore?: string): string[] {
  return record.invoices
    .filter((invoice) => invoice.totalCents !== invoice.paidCents)
    .filter((invoice) => dueBefore === undefined || invoice.dueDate < dueBefore)
    .map((invoice) => invoice.number);
}
