/**
 * The conformance suite's own tools: the outline of a letter, the comparison of two outlines,
 * and the report lines.
 */
import { paragraph, run } from '../fixtures/make-docx';
import { makeCaseDocx, table, textBoxParagraph } from './case-docx';
import type { CaseResult } from './case-runner';
import { compareOutlines } from './compare';
import { outlineLetter, type Outline } from './outline';
import { formatResults, MAX_SHOWN_DIFFERENCES } from './report';

const bodyOutline = (body: string): Outline => outlineLetter(makeCaseDocx({ body }));

/** A total row as the .docx engine writes it: a first cell spanning all columns but the last. */
function spanningTotalRow(columns: number): string {
  return (
    `<w:tr><w:tc><w:tcPr><w:gridSpan w:val="${columns - 1}"/></w:tcPr>` +
    `${paragraph('Total restant :')}</w:tc><w:tc>${paragraph('110,91')}</w:tc></w:tr>`
  );
}

describe('outlineLetter', () => {
  test('reads paragraph text as Word shows it', () => {
    const body =
      `<w:p>${run('  Date')}<w:r><w:tab/><w:t>29/10</w:t><w:br/><w:t>2018  </w:t></w:r></w:p>` +
      `<w:p>${run('Bon')}<w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">` +
      `<w:r><w:delText>effacé</w:delText></w:r></w:del>${run('jour')}</w:p>` +
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      '<w:r><w:instrText> PAGE </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      `${run('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;

    expect(bodyOutline(body).stories[0]?.blocks).toEqual([
      { kind: 'paragraph', text: 'Date\t29/10\n2018' },
      { kind: 'paragraph', text: 'Bonjour' },
      { kind: 'paragraph', text: '3' },
    ]);
  });

  test('leaves the paragraphs of text boxes out of the body', () => {
    const body = textBoxParagraph('Avant', paragraph('Dans la zone')) + paragraph('Après');

    expect(bodyOutline(body).stories[0]?.blocks).toEqual([
      { kind: 'paragraph', text: 'Avant' },
      { kind: 'paragraph', text: 'Après' },
    ]);
  });

  test('reads tables, nested tables inside cells', () => {
    const nested = table([[paragraph('a'), paragraph('b')]]);
    const body =
      table([[paragraph('Client'), paragraph('Durand') + nested + paragraph('')]]) + paragraph('');

    const cells = [
      [{ kind: 'paragraph', text: 'Client' }],
      [
        { kind: 'paragraph', text: 'Durand' },
        {
          kind: 'table',
          rows: [[[{ kind: 'paragraph', text: 'a' }], [{ kind: 'paragraph', text: 'b' }]]],
        },
        { kind: 'paragraph', text: '' },
      ],
    ];
    expect(bodyOutline(body).stories[0]?.blocks).toEqual([
      { kind: 'table', rows: [cells] },
      { kind: 'paragraph', text: '' },
    ]);
  });

  test('reads the blocks of block-level content controls in place', () => {
    const body =
      `<w:sdt><w:sdtPr/><w:sdtContent>${paragraph('Dans le contrôle')}</w:sdtContent></w:sdt>` +
      paragraph('Après');

    expect(bodyOutline(body).stories[0]?.blocks).toEqual([
      { kind: 'paragraph', text: 'Dans le contrôle' },
      { kind: 'paragraph', text: 'Après' },
    ]);
  });

  test('keys headers and footers by part name, after the body', () => {
    const docx = makeCaseDocx({
      body: paragraph('Corps'),
      headerFooters: [
        { id: 'h', kind: 'header', content: paragraph('En-tête') },
        { id: 'f', kind: 'footer', content: paragraph('Pied') },
      ],
      finalSection: {
        references: [
          { kind: 'header', type: 'default', id: 'h' },
          { kind: 'footer', type: 'default', id: 'f' },
        ],
      },
    });

    expect(outlineLetter(docx).stories).toEqual([
      { part: 'word/document.xml', blocks: [{ kind: 'paragraph', text: 'Corps' }] },
      { part: 'word/header10.xml', blocks: [{ kind: 'paragraph', text: 'En-tête' }] },
      { part: 'word/footer11.xml', blocks: [{ kind: 'paragraph', text: 'Pied' }] },
    ]);
  });
});

describe('compareOutlines', () => {
  const letter = (date: string) =>
    bodyOutline(paragraph('Garage Durand') + paragraph(`Toulouse, le ${date}`));

  test('finds no difference between identical letters', () => {
    expect(compareOutlines(letter('29/10/2018'), letter('29/10/2018'))).toEqual([]);
  });

  test('names the story, the block and both texts of a difference', () => {
    expect(compareOutlines(letter('29/10/2018'), letter('opistodatejour'))).toEqual([
      'word/document.xml block 1: paragraph "Toulouse, le 29/10/2018" ≠ ' +
        '"Toulouse, le opistodatejour"',
    ]);
  });

  test('shows no-break spaces and line feeds, which look like spaces', () => {
    const left = bodyOutline(paragraph('1\u00a0554,12'));
    const right = bodyOutline(`<w:p><w:r><w:t>1</w:t><w:br/><w:t>554,12</w:t></w:r></w:p>`);

    expect(compareOutlines(left, right)).toEqual([
      'word/document.xml block 0: paragraph "1\\u00a0554,12" ≠ "1\\n554,12"',
    ]);
  });

  test('equals a spanning total row with an unmerged one', () => {
    const header = `<w:tr>${'<w:tc><w:p/></w:tc>'.repeat(6)}</w:tr>`;
    const unmerged =
      '<w:tr>' +
      `<w:tc>${paragraph('Total restant :')}</w:tc>` +
      '<w:tc><w:p/></w:tc>'.repeat(4) +
      `<w:tc>${paragraph('110,91')}</w:tc></w:tr>`;
    const tableOf = (rows: string) =>
      bodyOutline(`<w:tbl><w:tblPr/><w:tblGrid/>${header}${rows}</w:tbl>${paragraph('')}`);

    expect(compareOutlines(tableOf(spanningTotalRow(6)), tableOf(unmerged))).toEqual([]);
    expect(compareOutlines(tableOf(spanningTotalRow(5)), tableOf(unmerged))).toEqual([
      'word/document.xml block 0 row 1: 5 cells ["Total restant :","","","","110,91"] ≠ ' +
        '6 cells ["Total restant :","","","","","110,91"]',
    ]);
  });

  test('compares tables cell by cell and row counts', () => {
    const left = bodyOutline(table([[paragraph('10,91')], [paragraph('a')]]) + paragraph(''));
    const right = bodyOutline(table([[paragraph('10,90')]]) + paragraph(''));

    expect(compareOutlines(left, right)).toEqual([
      'word/document.xml block 0: table of 2 rows ≠ table of 1 rows',
      'word/document.xml block 0 row 0 cell 0: "10,91" ≠ "10,90"',
      'word/document.xml block 0 row 1: 1 cells ["a"] ≠ 0 cells []',
    ]);
  });

  test('reports a table against a paragraph, and missing blocks', () => {
    const left = bodyOutline(table([[paragraph('x')]]) + paragraph('fin'));
    const right = bodyOutline(paragraph('opistolistefactures'));

    expect(compareOutlines(left, right)).toEqual([
      'word/document.xml block 0: table of 1 rows ≠ paragraph "opistolistefactures"',
      'word/document.xml block 1: paragraph "fin" ≠ nothing',
    ]);
  });

  test('reports a header present in one letter only', () => {
    const withHeader = outlineLetter(
      makeCaseDocx({
        body: paragraph('Corps'),
        headerFooters: [{ id: 'h', kind: 'header', content: paragraph('En-tête') }],
        finalSection: { references: [{ kind: 'header', type: 'default', id: 'h' }] },
      }),
    );

    expect(compareOutlines(withHeader, bodyOutline(paragraph('Corps')))).toEqual([
      "word/header10.xml: only in the .docx engine's letter",
    ]);
  });
});

describe('formatResults', () => {
  const result = (change: Partial<CaseResult>): CaseResult => ({
    name: 'cas',
    passed: true,
    roundTrips: 2,
    differences: [],
    note: null,
    ...change,
  });

  test('prints cases, differences and the count', () => {
    const lines = formatResults([
      result({ name: 'adresse-vide' }),
      result({ name: 'liste', passed: false, roundTrips: 1, differences: ['a ≠ b'] }),
      result({ name: 'zone', roundTrips: null, note: 'moteur .docx seulement : zone de texte' }),
    ]);

    expect(lines).toEqual([
      '✓ adresse-vide  (2 allers-retours)',
      '✗ liste  (1 aller-retour)',
      '    a ≠ b',
      '✓ zone  (moteur .docx seulement : zone de texte)',
      '2 réussis, 1 échoué',
    ]);
  });

  test('shows the first differences of a case and counts the others', () => {
    const differences = Array.from({ length: MAX_SHOWN_DIFFERENCES + 3 }, (_, i) => `d${i}`);
    const lines = formatResults([result({ passed: false, differences })]);

    expect(lines).toHaveLength(1 + MAX_SHOWN_DIFFERENCES + 2);
    expect(lines.at(-2)).toBe('    … et 3 autres différences');
    expect(lines.at(-1)).toBe('0 réussi, 1 échoué');
  });
});
