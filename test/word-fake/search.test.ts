/**
 * Word's search as the engine uses it: whole words without case, within one paragraph, over runs
 * that Word split, in document order, and not in text boxes or notes.
 */
import { makeDocx, paragraph, run } from '../fixtures/make-docx';
import { partXml, syncError } from './helpers';
import { FakeWord } from './index';

const WHOLE_WORD = { matchWholeWord: true, matchCase: false };

async function searchTexts(
  docx: Uint8Array,
  text: string,
  options: Word.SearchOptions | object = WHOLE_WORD,
): Promise<string[]> {
  const word = new FakeWord(docx);
  return word.run(async (context) => {
    const results = context.document.body.search(text, options).load('items/text');
    await context.sync();
    return results.items.map((range) => range.text);
  });
}

/** A text box in VML, as Word writes the fallback copy of a DrawingML one. */
function textBoxParagraph(text: string): string {
  return (
    '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:100pt">' +
    `<v:textbox><w:txbxContent>${paragraph(text)}</w:txbxContent></v:textbox>` +
    '</v:shape></w:pict></w:r></w:p>'
  );
}

describe('matching', () => {
  const docx = makeDocx({
    body:
      paragraph('Client : opistoclientnomcomplet, opistoclientnom.') +
      paragraph('Opistoclientnom (OPISTOCLIENTNOM) opistoclientnom_2 opistoclientnomé'),
  });

  test('whole words without case: not inside a longer word, capitalised ones found', async () => {
    expect(await searchTexts(docx, 'opistoclientnom')).toEqual([
      'opistoclientnom',
      'Opistoclientnom',
      'OPISTOCLIENTNOM',
    ]);
  });

  test('matchCase keeps only the exact spelling', async () => {
    expect(
      await searchTexts(docx, 'opistoclientnom', { matchWholeWord: true, matchCase: true }),
    ).toEqual(['opistoclientnom']);
  });

  test('without matchWholeWord, matches inside words count too', async () => {
    expect(await searchTexts(docx, 'opistoclientnom', {})).toHaveLength(6);
  });

  test('matchPrefix and matchSuffix anchor the match to a word start or end', async () => {
    expect(await searchTexts(docx, 'clientnom', { matchPrefix: true })).toEqual([]);
    expect(await searchTexts(docx, 'clientnom', { matchSuffix: true })).toHaveLength(3);
    expect(await searchTexts(docx, 'opistoclient', { matchPrefix: true })).toHaveLength(6);
  });

  test('search text over 255 characters or empty is rejected at sync', async () => {
    const word = new FakeWord(docx);
    for (const text of ['x'.repeat(256), '']) {
      const error = await word.run(async (context) => {
        context.document.body.search(text, WHOLE_WORD);
        return syncError(context);
      });
      expect(error).toMatchObject({
        code: 'SearchStringInvalidOrTooLong',
        debugInfo: { errorLocation: 'Body.search' },
      });
    }
    expect(await searchTexts(docx, 'o'.repeat(255))).toEqual([]);
  });

  test.each([{ matchWildcards: true }, { ignorePunct: true }, { ignoreSpace: true }])(
    '%j is not modelled and says so',
    async (options) => {
      const word = new FakeWord(docx);
      const error = await word.run(async (context) => {
        context.document.body.search('opisto', options);
        return syncError(context);
      });
      expect(error).toMatchObject({ code: 'NotImplemented' });
    },
  );
});

describe('search codes for special characters', () => {
  const docx = makeDocx({
    body: '<w:p><w:r><w:t>a</w:t><w:tab/><w:t xml:space="preserve">b\u00a0c ^ d</w:t></w:r></w:p>',
  });

  test('^t finds a tab, ^s a no-break space, ^^ a caret', async () => {
    expect(await searchTexts(docx, '^t', {})).toEqual(['\t']);
    expect(await searchTexts(docx, 'b^sc', {})).toEqual(['b\u00a0c']);
    expect(await searchTexts(docx, ' ^^ ', {})).toEqual([' ^ ']);
  });

  test.each(['^p', '^w', 'fin^', '\t'])('%j is not modelled and says so', async (text) => {
    const word = new FakeWord(docx);
    const error = await word.run(async (context) => {
      context.document.body.search(text, {});
      return syncError(context);
    });
    expect(error).toMatchObject({ code: 'NotImplemented' });
  });

  test('a range finds the spaces right after a word', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('mot \u00a0 mot  suite') }));
    const text = await word.run(async (context) => {
      const first = context.document.body.search('mot', WHOLE_WORD).getFirst();
      const rest = first.getRange('End').expandTo(first.paragraphs.getFirst().getRange('End'));
      const spaces = rest.search(' ^s ', {}).getFirst();
      first.expandTo(spaces).delete();
      const paragraph = context.document.body.paragraphs.getFirst().load('text');
      await context.sync();
      return paragraph.text;
    });
    expect(text).toBe('mot  suite');
  });
});

describe('runs split by Word', () => {
  const splitWord =
    '<w:p>' +
    run('Cher ') +
    run('opis', '<w:b/>') +
    '<w:proofErr w:type="spellStart"/>' +
    run('toclient', '<w:i/>') +
    '<w:bookmarkStart w:id="0" w:name="nom"/>' +
    run('nom', '<w:u w:val="single"/>') +
    '<w:bookmarkEnd w:id="0"/>' +
    run(', bonjour.') +
    '</w:p>';

  test('a word over three runs with different formatting is found', async () => {
    expect(await searchTexts(makeDocx({ body: splitWord }), 'opistoclientnom')).toEqual([
      'opistoclientnom',
    ]);
  });

  test('replacing it writes one run with the first run formatting', async () => {
    const word = new FakeWord(makeDocx({ body: splitWord }));
    const text = await word.run(async (context) => {
      const found = context.document.body.search('opistoclientnom', WHOLE_WORD).getFirst();
      const value = found.insertText('Garage Durand', 'Replace').load('text');
      const paragraph = context.document.body.paragraphs.getFirst().load('text');
      await context.sync();
      expect(value.text).toBe('Garage Durand');
      return paragraph.text;
    });

    expect(text).toBe('Cher Garage Durand, bonjour.');
    const xml = partXml(word.openDocument.toDocx());
    expect(xml).toContain(
      '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Garage Durand</w:t></w:r>',
    );
    expect(xml).not.toMatch(/<w:i\/>|<w:u /);
    // Bookmarks, which are not text, stay.
    expect(xml).toContain('w:bookmarkStart');
  });

  test('hyperlinks, insertions and field results', async () => {
    const body =
      '<w:p>' +
      '<w:hyperlink r:id="rIdX">' +
      run('opisto') +
      '</w:hyperlink>' +
      '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">' +
      run('client') +
      '</w:ins>' +
      '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">' +
      '<w:r><w:delText>xx</w:delText></w:r></w:del>' +
      run('nom') +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      '<w:r><w:instrText xml:space="preserve"> MERGEFIELD opistoclientnom </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      run(' opistoclientsolde') +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '</w:p>';
    const docx = makeDocx({ body });
    expect(await searchTexts(docx, 'opistoclientnom')).toEqual(['opistoclientnom']);
    expect(await searchTexts(docx, 'opistoclientsolde')).toEqual(['opistoclientsolde']);
  });
});

describe('where search looks', () => {
  test('results come in document order, table cells included', async () => {
    const cell = (text: string) => `<w:tc>${paragraph(text)}</w:tc>`;
    const body =
      paragraph('un opistoA') +
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>${cell('deux opistoA')}${cell(
        'trois opistoA',
      )}</w:tr></w:tbl>` +
      paragraph('quatre opistoA et cinq opistoA');
    const word = new FakeWord(makeDocx({ body }));
    const found = await word.run(async (context) => {
      const results = context.document.body.search('opistoA', WHOLE_WORD).load('items');
      await context.sync();
      const paragraphs = results.items.map((range) =>
        range.paragraphs.getFirst().load('text,tableNestingLevel'),
      );
      await context.sync();
      return paragraphs.map((item) => [item.text, item.tableNestingLevel]);
    });
    expect(found).toEqual([
      ['un opistoA', 0],
      ['deux opistoA', 1],
      ['trois opistoA', 1],
      ['quatre opistoA et cinq opistoA', 0],
      ['quatre opistoA et cinq opistoA', 0],
    ]);
  });

  test('a word in a text box or a footnote is not found by body search', async () => {
    const docx = makeDocx({
      body: paragraph('Avant') + textBoxParagraph('opistoboite') + paragraph('Après'),
      footnote: paragraph('opistonote'),
    });
    expect(await searchTexts(docx, 'opistoboite')).toEqual([]);
    expect(await searchTexts(docx, 'opistonote')).toEqual([]);

    const word = new FakeWord(docx);
    const texts = await word.run(async (context) => {
      const paragraphs = context.document.body.paragraphs.load('items/text');
      await context.sync();
      return paragraphs.items.map((item) => item.text);
    });
    expect(texts).toEqual(['Avant', '', 'Après']);
  });

  test('a word never matches across two paragraphs', async () => {
    const docx = makeDocx({ body: paragraph('opisto') + paragraph('clientnom') });
    expect(await searchTexts(docx, 'opistoclientnom', {})).toEqual([]);
  });

  test('Range.search looks only inside the range', async () => {
    const docx = makeDocx({ body: paragraph('opistoA un opistoA deux opistoA') });
    const word = new FakeWord(docx);
    const texts = await word.run(async (context) => {
      const middle = context.document.body.search('un opistoA deux', {}).getFirst();
      const inner = middle.search('opistoA', WHOLE_WORD).load('items/text');
      await context.sync();
      return inner.items.length;
    });
    expect(texts).toBe(1);
  });
});

describe('paragraph text as Word shows it', () => {
  test('tabs read as \\t, line breaks as \\v, page breaks and drawings as nothing', async () => {
    const body =
      '<w:p>' +
      run('a') +
      '<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r>' +
      '<w:r><w:br w:type="page"/><w:t>e</w:t></w:r>' +
      '</w:p>';
    const word = new FakeWord(makeDocx({ body }));
    const text = await word.run(async (context) => {
      const first = context.document.body.paragraphs.getFirst().load('text');
      await context.sync();
      return first.text;
    });
    expect(text).toBe('a\tb\vc\vde');
  });
});
