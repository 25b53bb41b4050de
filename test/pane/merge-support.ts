/**
 * Shared pieces of the merge tests: a template with the client's name, balance and invoices, the
 * open document as the common API's `getFileAsync` serves it, and reading a letter's text.
 */
import { createOpistoClient } from '../../src/api/client';
import type { DebtorSummary } from '../../src/api/contract';
import type { OfficeDocumentAccess } from '../../src/merge/word';
import { paragraphs } from '../engine/helpers';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { API_KEY, type TestServer } from '../server/helpers';

export const TEMPLATE = makeDocx({
  body:
    paragraph('Client : opistoclientnomcomplet') +
    paragraph('Solde : opistoclientsolde') +
    paragraph('Le opistodatejour') +
    paragraph('opistolistefactures'),
});

/** The text of a letter's body, paragraphs (table cells included) joined by new lines. */
export function letterText(docx: Uint8Array): string {
  return paragraphs(docx).join('\n');
}

/** The first `count` debtors the reference server's search returns, as the list shows them. */
export async function firstDebtors(server: TestServer, count: number): Promise<DebtorSummary[]> {
  // The real client rather than `fetch`, which jsdom lacks.
  const client = createOpistoClient({ baseUrl: server.baseUrl, apiKey: API_KEY });
  return (await client.searchDebtors({ pageSize: count })).items;
}

/**
 * The open document as Office's `getFileAsync` hands it over: compressed slices through
 * callbacks, `error` set only on failure (Word on the web refusing the compressed type).
 */
export function openDocument(bytes: Uint8Array, refuses = false): OfficeDocumentAccess {
  const file = {
    size: bytes.length,
    sliceCount: 1,
    getSliceAsync: (index: number, callback: (result: unknown) => void) =>
      setTimeout(() => callback({ status: 'succeeded', value: { data: [...bytes], index } })),
    closeAsync: () => undefined,
  };
  const getFileAsync = (_type: string, _options: unknown, callback: (r: unknown) => void) =>
    setTimeout(() =>
      callback(
        refuses
          ? { status: 'failed', error: { code: 5001, message: 'Not supported', name: 'x' } }
          : { status: 'succeeded', value: file },
      ),
    );
  return { getFileAsync } as unknown as OfficeDocumentAccess;
}
