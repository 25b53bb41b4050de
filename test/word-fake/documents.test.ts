/**
 * New documents from `createDocument`, and the differences between Word on Windows or Mac
 * ('desktop') and Word on the web ('web') that the engine must handle.
 */
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { assertValidDocx } from '../support/ooxml-validate';
import { paragraphTexts, syncError } from './helpers';
import { FakeWord } from './index';

const TEMPLATE = makeDocx({ body: paragraph('Madame opistoclientnom,') });
const TEMPLATE_BASE64 = Buffer.from(TEMPLATE).toString('base64');
const OPEN_DOCUMENT = makeDocx({ body: paragraph('Document ouvert') });

/** The desktop path: create from the template, replace in its body, open it. */
async function createFillAndOpen(word: FakeWord): Promise<void> {
  await word.run(async (context) => {
    const created = context.application.createDocument(TEMPLATE_BASE64);
    const found = created.body.search('opistoclientnom', { matchWholeWord: true }).load('items');
    await context.sync();
    found.items.forEach((range) => range.insertText('Dupont', 'Replace'));
    created.open();
    await context.sync();
  });
}

describe('desktop', () => {
  test('a created document is edited through its body, then opened', async () => {
    const word = new FakeWord(OPEN_DOCUMENT);
    await createFillAndOpen(word);

    expect(word.createdDocuments).toHaveLength(1);
    const created = word.createdDocuments[0]!;
    expect(created.opened).toBe(true);
    expect(paragraphTexts(created.toDocx())).toEqual(['Madame Dupont,']);
    await assertValidDocx(created.toDocx());
    // The open document is untouched.
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Document ouvert']);
    expect(word.syncCount).toBe(2);
  });

  test('createDocument without a file makes a blank document', async () => {
    const word = new FakeWord(OPEN_DOCUMENT);
    const count = await word.run(async (context) => {
      const paragraphs = context.application.createDocument().body.paragraphs.load('items/text');
      await context.sync();
      return paragraphs.items.map((item) => item.text);
    });
    expect(count).toEqual(['']);
  });

  test.each([['not base64!'], [Buffer.from('not a zip').toString('base64')]])(
    'createDocument(%j) fails with InvalidArgument at sync',
    async (base64) => {
      const word = new FakeWord(OPEN_DOCUMENT);
      const error = await word.run(async (context) => {
        context.application.createDocument(base64);
        return syncError(context);
      });
      expect(error).toMatchObject({
        code: 'InvalidArgument',
        debugInfo: { errorLocation: 'Application.createDocument' },
      });
      expect(word.createdDocuments).toHaveLength(0);
    },
  );

  test('supports WordApi 1.1 to 1.9, WordApiHiddenDocument to 1.5, WordApiDesktop to 1.4', () => {
    const word = new FakeWord(OPEN_DOCUMENT);
    expect(word.isSetSupported('WordApi', '1.1')).toBe(true);
    expect(word.isSetSupported('WordApi', '1.9')).toBe(true);
    expect(word.isSetSupported('WordApi', '1.10')).toBe(false);
    expect(word.isSetSupported('WordApiHiddenDocument', '1.5')).toBe(true);
    expect(word.isSetSupported('WordApiHiddenDocument', '1.6')).toBe(false);
    expect(word.isSetSupported('WordApiDesktop', '1.4')).toBe(true);
    expect(word.isSetSupported('ExcelApi', '1.1')).toBe(false);
  });

  test('openFails makes open() fail with GeneralException, the document stays closed', async () => {
    const word = new FakeWord(OPEN_DOCUMENT, { openFails: true });
    await expect(createFillAndOpen(word)).rejects.toMatchObject({
      code: 'GeneralException',
      debugInfo: { errorLocation: 'DocumentCreated.open' },
    });
    expect(word.createdDocuments.map((created) => created.opened)).toEqual([false]);
  });
});

describe('web', () => {
  test('supports WordApi only', () => {
    const word = new FakeWord(OPEN_DOCUMENT, { profile: 'web' });
    expect(word.isSetSupported('WordApi', '1.9')).toBe(true);
    expect(word.isSetSupported('WordApiHiddenDocument', '1.3')).toBe(false);
    expect(word.isSetSupported('WordApiDesktop', '1.1')).toBe(false);
  });

  test('createDocument and open work', async () => {
    const word = new FakeWord(OPEN_DOCUMENT, { profile: 'web' });
    await word.run(async (context) => {
      context.application.createDocument(TEMPLATE_BASE64).open();
    });
    expect(word.createdDocuments.map((created) => created.opened)).toEqual([true]);
    expect(paragraphTexts(word.createdDocuments[0]!.toDocx())).toEqual(['Madame opistoclientnom,']);
  });

  test.each(['body', 'sections'] as const)(
    'DocumentCreated.%s fails with NotAllowed at sync',
    async (member) => {
      const word = new FakeWord(OPEN_DOCUMENT, { profile: 'web' });
      const error = await word.run(async (context) => {
        const created = context.application.createDocument(TEMPLATE_BASE64);
        if (member === 'body') {
          created.body.search('opistoclientnom', { matchWholeWord: true });
        } else {
          created.sections.getFirst();
        }
        created.open();
        return syncError(context);
      });
      expect(error).toMatchObject({
        code: 'NotAllowed',
        debugInfo: { errorLocation: `DocumentCreated.${member}` },
      });
      // The failed action dropped the ones after it.
      expect(word.createdDocuments.map((created) => created.opened)).toEqual([false]);
    },
  );

  test('the open document body still works', async () => {
    const word = new FakeWord(OPEN_DOCUMENT, { profile: 'web' });
    await word.run(async (context) => {
      context.document.body.search('ouvert', {}).getFirst().insertText('modifié', 'Replace');
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Document modifié']);
  });
});

describe('requirement sets given by a test', () => {
  test('a member of a missing set fails with ApiNotFound', async () => {
    const word = new FakeWord(OPEN_DOCUMENT, { requirementSets: { WordApi: '1.2' } });
    expect(word.isSetSupported('WordApi', '1.3')).toBe(false);
    const error = await word.run(async (context) => {
      context.application.createDocument(TEMPLATE_BASE64);
      return syncError(context);
    });
    expect(error).toMatchObject({
      code: 'ApiNotFound',
      debugInfo: { errorLocation: 'Application.createDocument' },
    });
  });

  test('a property of a missing set fails to load with ApiNotFound', async () => {
    const word = new FakeWord(OPEN_DOCUMENT, { requirementSets: { WordApi: '1.2' } });
    const error = await word.run(async (context) => {
      context.document.body.paragraphs.load('items/tableNestingLevel');
      return syncError(context);
    });
    expect(error).toMatchObject({ code: 'ApiNotFound' });
  });

  test('null removes a set from the profile; a version adds one to it', async () => {
    const desktop = new FakeWord(OPEN_DOCUMENT, {
      requirementSets: { WordApiHiddenDocument: null },
    });
    expect(desktop.isSetSupported('WordApiHiddenDocument', '1.1')).toBe(false);
    const error = await desktop.run(async (context) => {
      context.application.createDocument(TEMPLATE_BASE64).body.load('text');
      return syncError(context);
    });
    expect(error).toMatchObject({ code: 'ApiNotFound' });

    const web = new FakeWord(OPEN_DOCUMENT, {
      profile: 'web',
      requirementSets: { WordApiHiddenDocument: '1.3' },
    });
    await createFillAndOpen(web);
    expect(paragraphTexts(web.createdDocuments[0]!.toDocx())).toEqual(['Madame Dupont,']);
  });
});
