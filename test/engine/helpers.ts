/**
 * Shared steps of the engine tests: merging a template with a record, reading a letter's text.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { strFromU8, unzipSync } from 'fflate';

import { parseClientRecord } from '../../src/api/parse-record';
import type { ClientRecord } from '../../src/api/record';
import { buildLetterValues, compileTemplate, renderLetter } from '../../src/merge';
import { readParagraphTexts } from '../support/word-text';
import example from '../../../shared/spec/example-record.json';

export const NBSP = '\u00a0';

/** Returns the example record, with optional changes, checked against the contract. */
export function record(change: (draft: typeof example) => void = () => undefined): ClientRecord {
  const draft = structuredClone(example);
  change(draft);
  const parsed = parseClientRecord(draft);
  if (!parsed.ok) {
    throw new Error(parsed.problems.join('\n'));
  }
  return parsed.record;
}

export function merge(template: Uint8Array, client: ClientRecord = record()): Uint8Array {
  return renderLetter(compileTemplate(template), buildLetterValues(client, '2018-10-29'));
}

export function partXml(docx: Uint8Array, name = 'word/document.xml'): string {
  const entry = unzipSync(docx)[name];
  if (!entry) {
    throw new Error(`no part ${name}`);
  }
  return strFromU8(entry);
}

/** Reads the text of every paragraph of a part, table cells and text boxes included. */
export function paragraphs(docx: Uint8Array, name = 'word/document.xml'): string[] {
  return readParagraphTexts(partXml(docx, name));
}

/** Writes each letter to `dir` as `<name>.docx` and returns the paths, for the file checks. */
export function writeLetters(letters: ReadonlyMap<string, Uint8Array>, dir: string): string[] {
  return [...letters].map(([name, bytes]) => {
    const file = join(dir, `${name}.docx`);
    writeFileSync(file, bytes);
    return file;
  });
}
