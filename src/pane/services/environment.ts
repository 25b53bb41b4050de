/**
 * Where the pane runs: inside Word, with Office.js and the Word.js engine, or in a plain browser,
 * where the user picks a template file and the letters are downloaded.
 */
import type { OfficeDocumentAccess, WordHost } from '../../merge/word';

export type WordEnvironment = {
  kind: 'word';
  host: WordHost;
  /** The document open in Word, whose bytes are the template. */
  document: OfficeDocumentAccess;
  /** `Office.context.partitionKey`: prefixes stored keys where Office partitions storage. */
  partitionKey: string | undefined;
  /**
   * The open document's file name ("Relance 2e rappel.docx"), read from
   * `Office.context.document.url`; absent when Word gives no URL.
   */
  documentName?: string;
};

export type BrowserEnvironment = { kind: 'browser' };

export type PaneEnvironment = WordEnvironment | BrowserEnvironment;

/**
 * Returns the file name at the end of a document's path or URL, a local path or an https URL.
 * Returns undefined when there is none: `Office.Document.url` is null when Word has no URL for
 * the document, although it is typed as a string.
 */
export function documentNameOf(url: string | null | undefined): string | undefined {
  const path = (url ?? '').split(/[?#]/)[0] ?? '';
  const last = path.split(/[\\/]/).pop()?.trim() ?? '';
  if (last === '') {
    return undefined;
  }
  try {
    return decodeURIComponent(last);
  } catch {
    // A '%' that starts no escape: the name is shown as it is.
    return last;
  }
}
