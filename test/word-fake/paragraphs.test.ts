/**
 * Paragraph members: delete (with the paragraphs Word keeps), insertParagraph, spacing, font and
 * the properties the engine loads.
 */
import { A4_SECTION, makeDocx, paragraph, run } from '../fixtures/make-docx';
import { assertValidDocx } from '../support/ooxml-validate';
import { paragraphTexts, partXml } from './helpers';
import { FakeWord } from './index';

function deleteParagraphWith(word: FakeWord, text: string): Promise<void> {
  return word.run(async (context) => {
    const found = context.document.body.search(text, { matchWholeWord: true });
    found.getFirst().paragraphs.getFirst().delete();
  });
}

describe('Paragraph.delete', () => {
  test('removes a paragraph that is not the last of its container', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('Un') + paragraph('Deux') }));
    await deleteParagraphWith(word, 'Un');
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Deux']);
  });

  test('empties the last paragraph of the body instead, keeping its properties', async () => {
    const last = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + run('Fin') + '</w:p>';
    const word = new FakeWord(makeDocx({ body: paragraph('Un') + last }));
    await deleteParagraphWith(word, 'Fin');
    expect(partXml(word.openDocument.toDocx())).toContain(
      '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p><w:sectPr>',
    );
  });

  test('empties a paragraph carrying a section break', async () => {
    const breakParagraph = `<w:p><w:pPr>${A4_SECTION}</w:pPr>${run('Section 1')}</w:p>`;
    const word = new FakeWord(makeDocx({ body: breakParagraph + paragraph('Section 2') }));
    await deleteParagraphWith(word, 'Section');
    const docx = word.openDocument.toDocx();
    expect(paragraphTexts(docx)).toEqual(['', 'Section 2']);
    expect(partXml(docx).match(/<w:sectPr>/g)).toHaveLength(2);
  });

  test('empties the last paragraph of a table cell and of a header', async () => {
    const body =
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
      '<w:tblGrid><w:gridCol/></w:tblGrid>' +
      `<w:tr><w:tc>${paragraph('Cellule')}</w:tc></w:tr></w:tbl>${paragraph('')}`;
    const word = new FakeWord(makeDocx({ body, header: paragraph('Entête') }));
    await deleteParagraphWith(word, 'Cellule');
    await word.run(async (context) => {
      context.document.sections.getFirst().getHeader('Primary').paragraphs.getFirst().delete();
    });

    const docx = word.openDocument.toDocx();
    expect(partXml(docx)).toContain('<w:tc><w:p/></w:tc>');
    expect(partXml(docx, 'word/header1.xml')).toMatch(/<w:hdr [^>]*><w:p\/><\/w:hdr>/);
    await assertValidDocx(docx);
  });

  test('isLastParagraph per container', async () => {
    const body =
      paragraph('Un') +
      '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>' +
      `<w:tr><w:tc>${paragraph('A')}${paragraph('B')}</w:tc></w:tr></w:tbl>` +
      paragraph('Fin');
    const word = new FakeWord(makeDocx({ body }));
    const flags = await word.run(async (context) => {
      const paragraphs = context.document.body.paragraphs.load('items/isLastParagraph');
      await context.sync();
      return paragraphs.items.map((item) => item.isLastParagraph);
    });
    expect(flags).toEqual([false, false, true, true]);
  });
});

describe('Paragraph.insertParagraph', () => {
  const styled =
    '<w:p><w:pPr><w:jc w:val="right"/><w:rPr><w:i/></w:rPr>' +
    A4_SECTION +
    '</w:pPr>' +
    run('Modèle') +
    '</w:p>';

  test('copies the paragraph properties without the section break', async () => {
    const word = new FakeWord(makeDocx({ body: styled + paragraph('Suite') }));
    const text = await word.run(async (context) => {
      const model = context.document.body.paragraphs.getFirst();
      const inserted = model.insertParagraph('Nouveau', 'Before').load('text');
      model.insertParagraph('', 'After');
      await context.sync();
      return inserted.text;
    });

    expect(text).toBe('Nouveau');
    const docx = word.openDocument.toDocx();
    expect(paragraphTexts(docx)).toEqual(['Nouveau', 'Modèle', '', 'Suite']);
    expect(partXml(docx)).toContain(
      '<w:p><w:pPr><w:jc w:val="right"/><w:rPr><w:i/></w:rPr></w:pPr>' +
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Nouveau</w:t></w:r></w:p>',
    );
    expect(partXml(docx).match(/<w:sectPr>/g)).toHaveLength(2);
    await assertValidDocx(docx);
  });

  test('rejects locations other than Before and After', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('Un') }));
    await expect(
      word.run(async (context) => {
        context.document.body.paragraphs.getFirst().insertParagraph('x', 'Start' as 'Before');
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('paragraph formatting', () => {
  test('spacing and font in schema order', async () => {
    const body =
      '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:jc w:val="left"/>' +
      '<w:rPr><w:lang w:val="fr-FR"/></w:rPr></w:pPr>' +
      run('Texte', '<w:b/><w:color w:val="FF0000"/><w:lang w:val="fr-FR"/>') +
      '</w:p>';
    const word = new FakeWord(makeDocx({ body }));
    await word.run(async (context) => {
      const first = context.document.body.paragraphs.getFirst();
      first.lineSpacing = 12;
      first.spaceBefore = 6;
      first.spaceAfter = 0;
      first.font.size = 10.5;
      first.font.bold = false;
      first.font.name = 'Arial';
    });

    const docx = word.openDocument.toDocx();
    const xml = partXml(docx);
    expect(xml).toContain(
      '<w:pStyle w:val="Normal"/>' +
        '<w:spacing w:line="240" w:lineRule="exact" w:before="120" w:after="0"/>' +
        '<w:jc w:val="left"/>',
    );
    expect(xml).toContain(
      '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>' +
        '<w:b w:val="0"/><w:color w:val="FF0000"/><w:sz w:val="21"/>' +
        '<w:lang w:val="fr-FR"/></w:rPr>',
    );
    await assertValidDocx(docx);
  });

  test('a negative spacing is rejected at sync', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('Un') }));
    await expect(
      word.run(async (context) => {
        context.document.body.paragraphs.getFirst().spaceAfter = -1;
      }),
    ).rejects.toMatchObject({
      code: 'InvalidArgument',
      debugInfo: { errorLocation: 'Paragraph.spaceAfter' },
    });
  });
});

describe('Paragraph.getRange', () => {
  test('each range location', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('Un deux') + paragraph('Trois') }));
    const texts = await word.run(async (context) => {
      const first = context.document.body.paragraphs.getFirst();
      const ranges = (['Whole', 'Content', 'Start', 'End'] as const).map((location) =>
        first.getRange(location).load('text'),
      );
      first.getRange('After').insertText('> ', 'Replace');
      await context.sync();
      return ranges.map((range) => range.text);
    });
    expect(texts).toEqual(['Un deux', 'Un deux', '', '']);
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Un deux', '> Trois']);
  });

  test('deleting the Whole range deletes the paragraph', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('Un') + paragraph('Deux') }));
    await word.run(async (context) => {
      context.document.body.paragraphs.getFirst().getRange('Whole').delete();
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Deux']);
  });
});
