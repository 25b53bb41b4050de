/**
 * The Word.js engine run against the fake Word object model: one fake Word per letter, opened on
 * the template, and the count of `context.sync()` calls the merge made (its round trips to Word).
 * A letter the engine hands to the .docx engine (WordFallbackError) is reported as such.
 */
import { mergeLetterWithWord, prepareWordTemplate, WordFallbackError } from '../../src/merge/word';
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
    try {
      await mergeLetterWithWord(fake, template, values, { open: true });
    } catch (error) {
      // The add-in makes such a letter with the .docx engine, so there is nothing to compare.
      if (error instanceof WordFallbackError) {
        return { kind: 'docxOnly', reason: `le moteur Word.js passe la main (${error.message})` };
      }
      throw error;
    }
    const roundTrips = fake.syncCount - before;

    const created = fake.createdDocuments.at(-1);
    if (created === undefined) {
      throw new Error('The Word.js engine created no document');
    }
    return { kind: 'letter', docx: created.toDocx(), roundTrips };
  };
};
