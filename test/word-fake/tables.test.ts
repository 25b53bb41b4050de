/**
 * Tables: a list token's paragraph replaced by a table, and the formatting Word.js sets on it,
 * written as valid WordprocessingML.
 */
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { assertValidDocx } from '../support/ooxml-validate';
import { paragraphTexts, partXml, syncError } from './helpers';
import { FakeWord } from './index';

const VALUES = [
  ['Facture', 'Échéance', 'Montant'],
  ['F-1', '01/02/2025', '100,00'],
  ['Total', '', '100,00'],
];

function tokenParagraph(context: Word.RequestContext): Word.Paragraph {
  const token = context.document.body.search('opistolistefactures', { matchWholeWord: true });
  return token.getFirst().paragraphs.getFirst();
}

async function replaceTokenByTable(word: FakeWord): Promise<void> {
  await word.run(async (context) => {
    const token = tokenParagraph(context);
    token.insertTable(3, 3, 'After', VALUES);
    token.delete();
  });
}

function cell(text: string): string {
  return `<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>${paragraph(text)}</w:tc>`;
}

describe('insertTable and delete of the token paragraph', () => {
  test('the table takes the paragraph place, with the values and a grid', async () => {
    const word = new FakeWord(
      makeDocx({
        body: paragraph('Avant') + paragraph('opistolistefactures') + paragraph('Après'),
      }),
    );
    await replaceTokenByTable(word);

    const docx = word.openDocument.toDocx();
    const xml = partXml(docx);
    expect(paragraphTexts(docx)).toEqual(['Avant', ...VALUES.flat(), 'Après']);
    expect(xml).toMatch(/<w:p>.*Avant.*<\/w:p><w:tbl>.*<\/w:tbl><w:p>.*Après/);
    expect(xml).toContain('<w:tblW w:w="0" w:type="auto"/>');
    expect(xml).toContain('<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>');
    // A4 with 2 cm margins: 11906 - 2 × 1134 twips shared by 3 columns.
    expect(xml.match(/<w:gridCol w:w="3212"\/>/g)).toHaveLength(3);
    await assertValidDocx(docx);
  });

  test('after the last paragraph of the body, an empty paragraph follows the table', async () => {
    const word = new FakeWord(
      makeDocx({ body: paragraph('Avant') + paragraph('opistolistefactures') }),
    );
    await replaceTokenByTable(word);

    const docx = word.openDocument.toDocx();
    expect(partXml(docx)).toMatch(/<\/w:tbl><w:p\/><w:sectPr>/);
    expect(paragraphTexts(docx)).toEqual(['Avant', ...VALUES.flat(), '']);
    await assertValidDocx(docx);
  });

  test('nested in a table cell', async () => {
    const body =
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
      '<w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>' +
      `<w:tr>${cell('opistolistefactures')}</w:tr></w:tbl>${paragraph('')}`;
    const word = new FakeWord(makeDocx({ body }));
    await replaceTokenByTable(word);

    const levels = await word.run(async (context) => {
      const paragraphs = context.document.body.paragraphs.load('items/tableNestingLevel');
      await context.sync();
      return paragraphs.items.map((item) => item.tableNestingLevel);
    });
    expect(levels).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 0]);
    const xml = partXml(word.openDocument.toDocx());
    // The inner table shares the cell's width.
    expect(xml.match(/<w:gridCol w:w="1333"\/>/g)).toHaveLength(3);
    await assertValidDocx(word.openDocument.toDocx());
  });

  test.each([
    [2, 3, VALUES],
    [3, 2, VALUES],
    [0, 3, undefined],
    [3, 1.5, undefined],
  ])(
    'rowCount %s, columnCount %s and values that do not match are rejected',
    async (rows, columns, values) => {
      const word = new FakeWord(makeDocx({ body: paragraph('opistolistefactures') }));
      const error = await word.run(async (context) => {
        tokenParagraph(context).insertTable(rows, columns, 'After', values);
        return syncError(context);
      });
      expect(error).toMatchObject({
        code: 'InvalidArgument',
        debugInfo: { errorLocation: 'Paragraph.insertTable' },
      });
    },
  );

  test('a missing value leaves its cell empty', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('opistolistefactures') }));
    await word.run(async (context) => {
      const sparse: string[][] = [['a', undefined as unknown as string]];
      tokenParagraph(context).insertTable(1, 2, 'Before', sparse);
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['a', '', 'opistolistefactures']);
  });
});

describe('table formatting', () => {
  test('styling of a list table', async () => {
    const word = new FakeWord(
      makeDocx({ body: paragraph('opistolistefactures') + paragraph('Fin') }),
    );
    await word.run(async (context) => {
      const token = tokenParagraph(context);
      const table = token.insertTable(3, 3, 'After', VALUES);
      token.delete();
      table.headerRowCount = 1;
      const header = table.rows.getFirst();
      header.font.bold = true;
      header.shadingColor = '#F2F2F2';
      table.getCell(1, 2).horizontalAlignment = 'Right';
      table.getCell(2, 2).parentRow.font.bold = true;
      const border = table.getBorder('All');
      border.type = 'Single';
      border.color = '#808080';
      border.width = 0.5;
      table.getBorder('InsideVertical').type = 'None';
      table.mergeCells(2, 0, 2, 1);
      table.font.size = 9;
    });

    const docx = word.openDocument.toDocx();
    const xml = partXml(docx);
    const rows = xml.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:trPr><w:tblHeader/></w:trPr>');
    expect(rows[1]).not.toContain('tblHeader');
    expect(rows[0]!.match(/<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"\/>/g)).toHaveLength(
      3,
    );
    expect(rows[0]!.match(/<w:b\/>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(rows[1]).toMatch(/<w:jc w:val="right"\/>.*100,00/);
    expect(rows[2]).toContain('<w:gridSpan w:val="2"/>');
    expect(rows[2]!.match(/<w:tc>/g)).toHaveLength(2);
    expect(xml).toContain('<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>');
    expect(xml).toContain('<w:insideV w:val="none" w:sz="4" w:space="0" w:color="808080"/>');
    expect(xml).toContain('<w:sz w:val="18"/>');
    // The merged cell keeps the text of the cells that had some.
    expect(paragraphTexts(docx)).toEqual([...VALUES[0]!, ...VALUES[1]!, 'Total', '100,00', 'Fin']);
    await assertValidDocx(docx);
  });

  test('vertical merge and missing cell', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('opistolistefactures') }));
    const errors = await word.run(async (context) => {
      const table = tokenParagraph(context).insertTable(2, 2, 'After');
      await context.sync();
      table.mergeCells(0, 0, 1, 0);
      const merge = await syncError(context);
      table.getCell(5, 0).horizontalAlignment = 'Left';
      return [merge, await syncError(context)];
    });
    expect(errors).toMatchObject([{ code: 'NotImplemented' }, { code: 'ItemNotFound' }]);
  });

  test('mergeCells needs WordApi 1.4', async () => {
    const word = new FakeWord(makeDocx({ body: paragraph('opistolistefactures') }), {
      requirementSets: { WordApi: '1.3' },
    });
    const error = await word.run(async (context) => {
      tokenParagraph(context).insertTable(2, 2, 'After').mergeCells(0, 0, 0, 1);
      return syncError(context);
    });
    expect(error).toMatchObject({
      code: 'ApiNotFound',
      debugInfo: { errorLocation: 'Table.mergeCells' },
    });
  });

  test('Table.insertParagraph adds a paragraph without properties next to the table', async () => {
    const word = new FakeWord(
      makeDocx({ body: paragraph('opistolistefactures') + paragraph('Fin') }),
    );
    await word.run(async (context) => {
      const table = tokenParagraph(context).insertTable(1, 1, 'After', [['x']]);
      table.insertParagraph('Sous le tableau', 'After');
    });
    expect(partXml(word.openDocument.toDocx())).toContain(
      '</w:tbl><w:p><w:r><w:t xml:space="preserve">Sous le tableau</w:t></w:r></w:p>',
    );
  });
});
