/**
 * Ranges: they follow the text through other edits, and their methods insert, break, delete and
 * derive ranges where Word's documentation says.
 */
import { makeDocx, paragraph, run } from '../fixtures/make-docx';
import { paragraphTexts, partXml, syncError } from './helpers';
import { FakeWord } from './index';

const WHOLE_WORD = { matchWholeWord: true, matchCase: false };

function firstMatch(context: Word.RequestContext, text: string): Word.Range {
  return context.document.body.search(text, WHOLE_WORD).getFirst();
}

describe('ranges follow edits', () => {
  const docx = makeDocx({
    body: paragraph('Madame opistoclientnom, vous devez opistoclientsolde euros.'),
  });

  test('two replacements in one batch', async () => {
    const word = new FakeWord(docx);
    await word.run(async (context) => {
      const name = firstMatch(context, 'opistoclientnom');
      const balance = firstMatch(context, 'opistoclientsolde');
      await context.sync();
      name.insertText('Léa Martin-Durand', 'Replace');
      balance.insertText('1 554,12', 'Replace');
      await context.sync();
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual([
      'Madame Léa Martin-Durand, vous devez 1 554,12 euros.',
    ]);
  });

  test('searches, replacements and reads queued in one sync', async () => {
    const word = new FakeWord(docx);
    const texts = await word.run(async (context) => {
      const balance = firstMatch(context, 'opistoclientsolde');
      context.document.body.paragraphs
        .getFirst()
        .getRange('Start')
        .insertText('Objet. ', 'Replace');
      firstMatch(context, 'opistoclientnom').insertText('X', 'Replace');
      balance.load('text');
      const inserted = balance.insertText('12', 'Replace').load('text');
      await context.sync();
      return [balance.text, inserted.text];
    });
    expect(texts).toEqual(['opistoclientsolde', '12']);
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual([
      'Objet. Madame X, vous devez 12 euros.',
    ]);
    expect(word.syncCount).toBe(1);
  });

  test('a range reads its current text after an insertion inside it', async () => {
    const word = new FakeWord(docx);
    const text = await word.run(async (context) => {
      const name = firstMatch(context, 'opistoclientnom');
      name.insertText('[', 'Start');
      name.insertText(']', 'End');
      name.load('text');
      await context.sync();
      return name.text;
    });
    expect(text).toBe('[opistoclientnom]');
  });
});

describe('Range methods', () => {
  const docx = makeDocx({
    body: `<w:p>${run('Total : ')}${run('opistototal', '<w:b/>')}${run(' euros')}</w:p>`,
  });

  test.each([
    ['Before', 'Total : <>opistototal euros', '<>'],
    ['After', 'Total : opistototal<> euros', '<>'],
    ['Start', 'Total : <>opistototal euros', '<>'],
    ['End', 'Total : opistototal<> euros', '<>'],
  ] as const)('insertText %s', async (location, expected, returned) => {
    const word = new FakeWord(docx);
    const text = await word.run(async (context) => {
      const inserted = firstMatch(context, 'opistototal').insertText('<>', location).load('text');
      await context.sync();
      return inserted.text;
    });
    expect(text).toBe(returned);
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual([expected]);
    // Text inserted next to the bold word takes its formatting.
    expect(partXml(word.openDocument.toDocx())).toContain(
      '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">&lt;&gt;</w:t>',
    );
  });

  test('Start and End insertions widen the range; Before and After do not', async () => {
    const word = new FakeWord(docx);
    const texts = await word.run(async (context) => {
      const range = firstMatch(context, 'opistototal');
      range.insertText('(', 'Before');
      range.insertText('[', 'Start');
      range.insertText(']', 'End');
      range.insertText(')', 'After');
      range.load('text');
      await context.sync();
      return range.text;
    });
    expect(texts).toBe('[opistototal]');
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Total : ([opistototal]) euros']);
  });

  test('tabs become w:tab; line feeds and other control characters are rejected', async () => {
    const word = new FakeWord(docx);
    await word.run(async (context) => {
      firstMatch(context, 'opistototal').insertText('12\t€', 'Replace');
    });
    expect(partXml(word.openDocument.toDocx())).toContain(
      '<w:t xml:space="preserve">12</w:t><w:tab/>',
    );

    for (const text of ['a\nb', 'a\rb', 'a\u000bb', 'a\u0007b']) {
      const error = await word.run(async (context) => {
        firstMatch(context, 'euros').insertText(text, 'Replace');
        return syncError(context);
      });
      expect(error).toMatchObject({
        code: 'InvalidArgument',
        message: expect.stringMatching(/unverified/),
      });
    }
  });

  test('inserted text is escaped and stripped of characters XML cannot hold', async () => {
    const word = new FakeWord(docx);
    await word.run(async (context) => {
      firstMatch(context, 'opistototal').insertText('<a & b> \uffff', 'Replace');
    });
    expect(partXml(word.openDocument.toDocx())).toContain('&lt;a &amp; b&gt; </w:t>');
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Total : <a & b>  euros']);
  });

  test('insertBreak Line puts a w:br run before or after the range', async () => {
    const word = new FakeWord(docx);
    await word.run(async (context) => {
      const range = firstMatch(context, 'opistototal');
      range.insertBreak('Line', 'Before');
      range.insertBreak('Line', 'After');
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Total : \nopistototal\n euros']);
    expect(partXml(word.openDocument.toDocx())).toContain(
      '<w:r><w:rPr><w:b/></w:rPr><w:br/></w:r>',
    );
  });

  test('getRange Start and End are collapsed; Before is not a documented location', async () => {
    const word = new FakeWord(docx);
    const error = await word.run(async (context) => {
      const range = firstMatch(context, 'opistototal');
      const start = range.getRange('Start').load('text');
      const end = range.getRange('End');
      end.insertText('!', 'Replace');
      await context.sync();
      expect(start.text).toBe('');
      range.getRange('Before' as 'Start');
      return syncError(context);
    });
    expect(error).toMatchObject({
      code: 'InvalidArgument',
      debugInfo: { errorLocation: 'Range.getRange' },
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Total : opistototal! euros']);
  });

  test('delete removes the range content only', async () => {
    const word = new FakeWord(docx);
    await word.run(async (context) => {
      firstMatch(context, 'opistototal').delete();
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Total :  euros']);
    expect(partXml(word.openDocument.toDocx())).not.toContain('<w:b/>');
  });

  test('select records the selected text', async () => {
    const word = new FakeWord(docx);
    expect(word.selection).toBeNull();
    await word.run(async (context) => {
      firstMatch(context, 'opistototal').select();
    });
    expect(word.selection).toEqual({ text: 'opistototal' });
  });
});

describe('ranges over paragraphs', () => {
  const docx = makeDocx({
    body:
      paragraph('Début') +
      paragraph('opistodebut') +
      paragraph('Ligne 1') +
      paragraph('opistofin') +
      paragraph('Fin'),
  });

  test('expandTo joins two whole paragraphs, and delete removes them all', async () => {
    const word = new FakeWord(docx);
    const text = await word.run(async (context) => {
      const start = firstMatch(context, 'opistodebut').paragraphs.getFirst().getRange('Whole');
      const end = firstMatch(context, 'opistofin').paragraphs.getFirst().getRange('Whole');
      const block = start.expandTo(end).load('text');
      await context.sync();
      block.delete();
      return block.text;
    });
    expect(text).toBe('opistodebut\rLigne 1\ropistofin');
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Début', 'Fin']);
  });

  test('a range over parts of two paragraphs is not modelled', async () => {
    const word = new FakeWord(docx);
    const error = await word.run(async (context) => {
      firstMatch(context, 'opistodebut').expandTo(firstMatch(context, 'Ligne'));
      return syncError(context);
    });
    expect(error).toMatchObject({
      code: 'NotImplemented',
      debugInfo: { errorLocation: 'Range.expandTo' },
    });
  });

  test('ranges of different stories have no union', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('Corps'), header: paragraph('Entête') }));
    const error = await word.run(async (context) => {
      const header = context.document.sections.getFirst().getHeader('Primary');
      const body = context.document.body.paragraphs.getFirst().getRange('Whole');
      body.expandTo(header.paragraphs.getFirst().getRange('Whole'));
      return syncError(context);
    });
    expect(error).toMatchObject({ code: 'ItemNotFound' });
  });
});

describe('selection', () => {
  const docx = makeDocx({ body: paragraph('Lettre') + paragraph('Cordialement, Opisto') });

  test('without a placed cursor, the selection is the start of the body', async () => {
    const word = new FakeWord(docx);
    await word.run(async (context) => {
      context.document.getSelection().insertText('> ', 'Replace');
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual([
      '> Lettre',
      'Cordialement, Opisto',
    ]);
  });

  test('placeCursorAfter puts the collapsed selection after the text', async () => {
    const word = new FakeWord(docx);
    word.placeCursorAfter('Cordialement,');
    const text = await word.run(async (context) => {
      const selection = context.document.getSelection().load('text');
      selection.insertText(' X', 'Start');
      await context.sync();
      return selection.text;
    });
    expect(text).toBe('');
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual([
      'Lettre',
      'Cordialement, X Opisto',
    ]);
    expect(() => word.placeCursorAfter('absent')).toThrow(/absent/);
  });
});
