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
};

export type BrowserEnvironment = { kind: 'browser' };

export type PaneEnvironment = WordEnvironment | BrowserEnvironment;
