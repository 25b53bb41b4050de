/**
 * Round trips to Word per letter: the Word.js engine merging one letter on the fake Word object
 * model (`test/word-fake`), which counts every `context.sync()`. A round trip to Word costs tens to
 * hundreds of milliseconds in Word on the web (an estimate), so their number is what a user waits
 * for, more than the CPU time. It must not grow with the size of the template or of the lists.
 */
import { performance } from 'node:perf_hooks';

import { buildLetterValues, TEXT_FIELDS } from '../src/merge';
import { mergeLetterWithWord, prepareWordTemplate } from '../src/merge/word';
import { partXml, record } from '../test/engine/helpers';
import { makeDocx, paragraph } from '../test/fixtures/make-docx';
import { FakeWord } from '../test/word-fake';

export const FIELD_COUNTS = [5, 50, 500] as const;
export const ROW_COUNTS = [5, 50, 500] as const;

export type WordSyncCase = {
  /** Field words in the template, the list word included. */
  fields: number;
  /** Rows of the invoice list in the record. */
  rows: number;
  /** `context.sync()` calls for one letter, counted by the fake. */
  syncs: number;
  /** Wall time of one letter on the fake, in ms: information only, the fake is not Word. */
  fakeMs: number;
};

export type WordSyncBench = {
  cases: WordSyncCase[];
  /** The largest number of round trips per letter over every case. */
  syncsPerLetter: number;
};

/** A template with `fields` field words: `fields - 1` text fields, one per line, and one list. */
function sizedTemplate(fields: number): Uint8Array {
  const lines = Array.from({ length: fields - 1 }, (_, index) =>
    paragraph(`Ligne ${index} : ${TEXT_FIELDS[index % TEXT_FIELDS.length] ?? ''}`),
  );
  return makeDocx({ body: lines.join('') + paragraph('opistolistefactures') });
}

/** The example record with `rows` open invoices. */
function sizedRecord(rows: number): ReturnType<typeof record> {
  return record((draft) => {
    draft.invoices = Array.from({ length: rows }, (_, index) => ({
      number: `F-${String(index).padStart(5, '0')}`,
      date: '2018-10-01',
      dueDate: '2018-11-01',
      totalCents: 1000 + index,
      paidCents: 0,
    }));
  });
}

/** Merges one letter on a fresh fake and returns its round trips and time. */
async function measureCase(template: Uint8Array, rows: number): Promise<WordSyncCase> {
  const fake = new FakeWord(template);
  const values = buildLetterValues(sizedRecord(rows), '2018-10-29');
  const prepared = prepareWordTemplate(template);
  const start = performance.now();
  await mergeLetterWithWord(fake, prepared, values);
  const fakeMs = performance.now() - start;
  const created = fake.createdDocuments;
  if (created.length !== 1) {
    throw new Error(`the Word.js engine made ${created.length} documents, not 1`);
  }
  // The count means nothing for a letter that lost its rows: the last invoice must be there.
  const lastInvoice = `F-${String(rows - 1).padStart(5, '0')}`;
  if (!partXml(created[0]?.toDocx() ?? new Uint8Array()).includes(lastInvoice)) {
    throw new Error(`the letter of ${rows} rows lacks invoice ${lastInvoice}`);
  }
  return { fields: 0, rows, syncs: fake.syncCount, fakeMs };
}

export async function measureWordSyncs(): Promise<WordSyncBench> {
  const cases: WordSyncCase[] = [];
  for (const fields of FIELD_COUNTS) {
    const template = sizedTemplate(fields);
    for (const rows of ROW_COUNTS) {
      const measured = await measureCase(template, rows);
      cases.push({ ...measured, fields });
    }
  }
  return { cases, syncsPerLetter: Math.max(...cases.map((entry) => entry.syncs)) };
}
