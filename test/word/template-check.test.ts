/**
 * The template check on the document open in Word, through the fake Word object model.
 */
import { checkOpenTemplate, insertFieldAtCursor, selectWordInDocument } from '../../src/merge/word';
import { partXml } from '../engine/helpers';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { readParagraphTexts } from '../support/word-text';
import { FakeWord } from '../word-fake';

const TEMPLATE = makeDocx({
  body:
    paragraph('Opistoclientnom opistoclientvile') +
    paragraph('opistolistefactures, opistoclientnom et opistozzzz'),
  header: paragraph('opistodatejour'),
  footer: paragraph('opistoclientsiret opistoclientnom'),
});

describe('checkOpenTemplate', () => {
  test('counts field words of the body, header and footer', async () => {
    const summary = await checkOpenTemplate(new FakeWord(TEMPLATE));

    expect(summary.fields).toEqual(
      expect.arrayContaining([
        { field: 'opistoclientnom', count: 3 },
        { field: 'opistolistefactures', count: 1 },
        { field: 'opistodatejour', count: 1 },
        { field: 'opistoclientsiret', count: 1 },
      ]),
    );
    expect(summary.fields).toHaveLength(4);
  });

  test('lists unknown words with a suggestion when one is close', async () => {
    const summary = await checkOpenTemplate(new FakeWord(TEMPLATE));

    expect(summary.unknown).toEqual([
      { word: 'opistoclientvile', count: 1, suggestion: 'opistoclientville' },
      { word: 'opistozzzz', count: 1, suggestion: null },
    ]);
  });

  test('costs two round trips', async () => {
    const fake = new FakeWord(TEMPLATE);
    await checkOpenTemplate(fake);

    expect(fake.syncCount).toBe(2);
  });
});

describe('selectWordInDocument', () => {
  test('selects the requested occurrence', async () => {
    const fake = new FakeWord(TEMPLATE);

    await expect(selectWordInDocument(fake, 'opistoclientnom', 1)).resolves.toBe(true);
    expect(fake.selection?.text).toBe('opistoclientnom');
  });

  test('selects a word in the footer', async () => {
    const fake = new FakeWord(TEMPLATE);

    await expect(selectWordInDocument(fake, 'opistoclientsiret')).resolves.toBe(true);
    expect(fake.selection?.text).toBe('opistoclientsiret');
  });

  test('returns false for a word too long to search', async () => {
    const fake = new FakeWord(TEMPLATE);

    await expect(selectWordInDocument(fake, `opisto${'x'.repeat(300)}`)).resolves.toBe(false);
  });

  test('returns false past the last occurrence', async () => {
    const fake = new FakeWord(TEMPLATE);

    await expect(selectWordInDocument(fake, 'opistoclientvile', 1)).resolves.toBe(false);
    expect(fake.selection).toBeNull();
  });
});

describe('insertFieldAtCursor', () => {
  test('inserts the field word where the cursor is', async () => {
    const fake = new FakeWord(makeDocx({ body: paragraph('Bonjour ,') + paragraph('fin') }));
    fake.placeCursorAfter('Bonjour ');

    await insertFieldAtCursor(fake, 'opistoclientprenom');

    expect(readParagraphTexts(partXml(fake.openDocument.toDocx()))[0]).toBe(
      'Bonjour opistoclientprenom,',
    );
    expect(fake.syncCount).toBe(2);
  });

  test('adds spaces inside a word', async () => {
    const fake = new FakeWord(makeDocx({ body: paragraph('Madame') + paragraph('fin') }));
    fake.placeCursorAfter('Mad');

    await insertFieldAtCursor(fake, 'opistoclientnom');

    expect(readParagraphTexts(partXml(fake.openDocument.toDocx()))[0]).toBe(
      'Mad opistoclientnom ame',
    );
  });
});
