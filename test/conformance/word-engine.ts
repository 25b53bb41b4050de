/**
 * The Word.js engine run against the fake Word object model: one fake Word per letter, opened on
 * the template, and the count of `context.sync()` calls the merge made (its round trips to Word).
 */
import { prepareWordTemplate, mergeLetterWithWord } from '../../src/merge/word';
import { FakeWord } from '../word-fake';
import type { WordEngine } from './engines';

export const wordJsEngine: WordEngine = (bytes) => {
  const template = prepareWordTemplate(bytes);

  return async (values) => {
    if (template.docxReason !== null) {
      return { kind: 'docxOnly', reason: template.docxReason };
    }

    const fake = new FakeWord(bytes);
    const before = fake.syncCount;
    await mergeLetterWithWord(fake, template, values, { open: true });
    const roundTrips = fake.syncCount - before;

    const created = fake.createdDocuments.at(-1);
    if (created === undefined) {
      throw new Error('The Word.js engine created no document');
    }
    return { kind: 'letter', docx: created.toDocx(), roundTrips };
  };
};
