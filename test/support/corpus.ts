/** Access to the real Word files kept beside the repository for tests. */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { readDocx } from './docx-package';

/** Folder of the corpus, beside the repository (`shared/` next to the clone). */
export const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus');

/** A corpus file with its bytes and the application that wrote it. */
export interface CorpusFile {
  /** File name inside the corpus folder. */
  name: string;
  path: string;
  bytes: Uint8Array;
  /** `Application` of docProps/app.xml, e.g. "Microsoft Office Word"; empty when missing. */
  application: string;
}

/**
 * Reads every .docx, .docm and .dotx of the corpus, sorted by name.
 *
 * @throws Error when the corpus folder is missing.
 */
export function readCorpus(): CorpusFile[] {
  if (!existsSync(CORPUS_DIR)) {
    throw new Error(
      `Test corpus not found at ${CORPUS_DIR}. The tests expect the shared/ folder (with ` +
        'corpus/ and ooxml-schemas/) beside the repository clone.',
    );
  }

  return readdirSync(CORPUS_DIR)
    .filter((name) => /\.(docx|docm|dotx)$/i.test(name))
    .sort()
    .map((name) => {
      const filePath = path.join(CORPUS_DIR, name);
      const bytes = new Uint8Array(readFileSync(filePath));
      return { name, path: filePath, bytes, application: readApplication(bytes) };
    });
}

/** Tells whether Microsoft Word (Windows or Mac) wrote the file, per docProps/app.xml. */
export function isWrittenByWord(file: CorpusFile): boolean {
  return /^Microsoft .*word/i.test(file.application);
}

function readApplication(bytes: Uint8Array): string {
  const appProperties = readDocx(bytes).get('docProps/app.xml');
  if (appProperties === undefined) {
    return '';
  }
  const match = /<Application>([^<]*)<\/Application>/.exec(new TextDecoder().decode(appProperties));
  return match?.[1] ?? '';
}
