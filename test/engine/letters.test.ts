import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { strToU8, unzipSync, zipSync } from 'fflate';

import { buildLetterValues, compileTemplate, renderSingleDocument } from '../../src/merge';
import { SPACER_PARAGRAPH } from '../../src/merge/docx/table-xml';
import { makeDocx, paragraph, run } from '../fixtures/make-docx';
import { convertToPdfText } from '../support/libreoffice';
import { formatErrors, validateDocxFiles } from '../support/ooxml-validate';
import { merge, NBSP, paragraphs, partXml, record, writeLetters } from './helpers';

/** Every letter the tests make, kept for the schema and LibreOffice checks at the end. */
const letters = new Map<string, Uint8Array>();

function keep(name: string, docx: Uint8Array): Uint8Array {
  letters.set(name, docx);
  return docx;
}

const WORKED_EXAMPLE = makeDocx({
  body: [
    paragraph('opistoclientnomcomplet'),
    paragraph('opistoclientadresse1'),
    paragraph('opistoclientadresse2'),
    paragraph('opistoclientcp opistoclientville'),
    paragraph(''),
    paragraph('Toulouse, le opistodatejour'),
    paragraph('le règlement des factures suivantes ne nous est pas parvenu :'),
    paragraph('opistolistefactures'),
    paragraph('Solde : opistoclientsolde €'),
  ].join(''),
});

describe('worked example', () => {
  const letter = keep('worked-example', merge(WORKED_EXAMPLE));

  test('address block drops the empty line', () => {
    expect(paragraphs(letter).slice(0, 5)).toEqual([
      'Garage Durand Martin Léa',
      '12 rue des Lilas',
      '31400 TOULOUSE',
      '',
      'Toulouse, le 29/10/2018',
    ]);
  });

  test('invoice table replaces the field', () => {
    const texts = paragraphs(letter);
    const start = texts.indexOf('Date');
    expect(texts.slice(start, start + 6)).toEqual([
      'Date',
      'Date échéance',
      'Num facture',
      'Total',
      'Déjà payé',
      'Restant',
    ]);
    expect(texts.slice(start + 6, start + 12)).toEqual([
      '29/10/2018',
      '31/12/2018',
      '518100007',
      '100,00',
      '0,00',
      '100,00',
    ]);
    expect(texts.slice(start + 18, start + 20)).toEqual(['Total restant :', '110,91']);
  });

  test('balance uses a no-break space', () => {
    expect(paragraphs(letter)).toContain(`Solde : 1${NBSP}554,12 €`);
  });

  test('table has a repeated bold header and unsplittable rows', () => {
    const xml = partXml(letter);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(4);
    expect(xml).toContain('<w:jc w:val="right"/>');
    expect(xml).not.toContain('opisto');
  });
});

describe('words split over runs', () => {
  const template = makeDocx({
    body:
      '<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Cher Op</w:t></w:r>' +
      '<w:proofErr w:type="spellStart"/>' +
      '<w:r w:rsidR="00A1B2C3"><w:rPr><w:b/></w:rPr><w:t>isto</w:t></w:r>' +
      '<w:r w:rsidR="00A1B2C4"><w:t>client</w:t></w:r><w:proofErr w:type="spellEnd"/>' +
      '<w:hyperlink w:history="1" w:anchor="x"><w:r><w:t>prenom</w:t></w:r></w:hyperlink>' +
      '<w:r><w:t>, à opisto</w:t></w:r>' +
      '<w:ins w:id="7" w:author="Léa" w:date="2018-10-29T10:00:00Z">' +
      '<w:r><w:t>clientville</w:t></w:r></w:ins>' +
      '<w:r><w:t>.</w:t></w:r></w:p>',
  });
  const letter = keep('split-runs', merge(template));

  test('values replace the whole words', () => {
    expect(paragraphs(letter)).toEqual(['Cher Léa, à TOULOUSE.']);
  });

  test('value takes the first character formatting', () => {
    expect(partXml(letter)).toContain(
      '<w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Cher Léa</w:t>',
    );
  });
});

describe('list inside a sentence', () => {
  const template = makeDocx({
    body: paragraph('Voici la liste : opistolistefactures et merci.') + paragraph('Fin'),
  });
  const letter = keep('list-in-sentence', merge(template));
  const empty = keep(
    'empty-list',
    merge(
      template,
      record((draft) => {
        draft.invoices = [];
      }),
    ),
  );

  test('paragraph splits around the table', () => {
    const texts = paragraphs(letter);
    expect(texts[0]).toBe('Voici la liste :');
    expect(texts.at(-2)).toBe('et merci.');
    expect(partXml(letter)).toMatch(/Voici la liste :<\/w:t><\/w:r><\/w:p><w:tbl>/);
  });

  test('empty list writes a sentence, no table', () => {
    expect(paragraphs(empty)).toEqual([
      'Voici la liste :',
      'Aucune facture en attente.',
      'et merci.',
      'Fin',
    ]);
    expect(partXml(empty)).not.toContain('<w:tbl>');
  });
});

describe('properties of a split paragraph', () => {
  const template = makeDocx({
    body:
      '<w:p><w:pPr><w:pageBreakBefore/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' +
      `</w:pPr>${run('Détail : opistolistefactures Merci.')}</w:p>`,
  });
  const letter = keep('split-properties', merge(template));

  test('page break and number stay on the first piece', () => {
    const xml = partXml(letter);
    expect(xml.match(/<w:pageBreakBefore\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:numPr>/g)).toHaveLength(1);
    expect(xml.indexOf('<w:pageBreakBefore/>')).toBeLessThan(xml.indexOf('Détail :'));
  });
});

describe('tables in cells and sections', () => {
  const template = makeDocx({
    body:
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
      '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>' +
      '<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>' +
      `${paragraph('opistolisteavoirs')}</w:tc></w:tr></w:tbl>` +
      '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11905" w:h="16838"/></w:sectPr></w:pPr>' +
      `${run('opistolistetransactions')}</w:p>` +
      paragraph('opistolistefacturesavoirs'),
  });
  const letter = keep('tables-in-cells', merge(template));

  test('nested table is followed by a paragraph', () => {
    expect(partXml(letter)).toContain(`</w:tbl>${SPACER_PARAGRAPH}</w:tc>`);
  });

  test('section break survives the table', () => {
    const xml = partXml(letter);
    expect(xml.match(/<w:sectPr>/g)).toHaveLength(2);
    expect(paragraphs(letter)).toContain('56,36');
  });
});

describe('tables next to tables', () => {
  const userTable =
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
    '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>' +
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>' +
    `${paragraph('Cellule')}</w:tc></w:tr></w:tbl>`;
  const template = makeDocx({
    body:
      userTable +
      paragraph('opistolistefactures') +
      paragraph('opistolisteavoirs') +
      userTable +
      paragraph('Factures :') +
      paragraph('opistolistefacturesavoirs'),
  });
  const letter = keep('tables-next-to-tables', merge(template));
  const xml = partXml(letter);

  test('no two tables touch', () => {
    expect(xml).not.toContain('</w:tbl><w:tbl>');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(5);
    expect(xml.split(`</w:tbl>${SPACER_PARAGRAPH}<w:tbl>`)).toHaveLength(4);
  });

  test('paragraph before a list keeps with it', () => {
    expect(xml).toContain(
      '<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">Factures :',
    );
  });
});

describe('headers and footers', () => {
  const template = makeDocx({
    body: paragraph('Corps'),
    header: paragraph('Client : opistoclientnomcomplet'),
    footer: paragraph('SIRET opistoclientsiret - TVA opistoclientnumtva'),
  });
  const letter = keep('header-footer', merge(template));

  test('fields are filled in header and footer', () => {
    expect(paragraphs(letter, 'word/header1.xml')).toEqual(['Client : Garage Durand Martin Léa']);
    expect(paragraphs(letter, 'word/footer1.xml')).toEqual([
      'SIRET 12345678900012 - TVA FR00123456789',
    ]);
  });
});

describe('blank lines', () => {
  const template = makeDocx({
    body:
      paragraph('opistoclientadresse2') +
      paragraph('  opistoclienttelsecondaire opistoclientadresse2 ') +
      paragraph('Tél. opistoclienttelsecondaire') +
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
      '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>' +
      '<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>' +
      `${paragraph('opistoclientadresse2')}</w:tc></w:tr></w:tbl>` +
      paragraph('Fin'),
  });
  const letter = keep('blank-lines', merge(template));

  test('paragraphs of empty fields go, others stay', () => {
    expect(paragraphs(letter)).toEqual(['Tél. ', '', 'Fin']);
  });

  test('the last paragraph of a cell stays', () => {
    expect(partXml(letter)).toMatch(/<w:tc>.*<w:p>.*<\/w:p><\/w:tc>/);
  });
});

describe('blank lines next to tables', () => {
  const table = (text: string) =>
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
    '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>' +
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>' +
    `${text}</w:tc></w:tr></w:tbl>`;
  const template = makeDocx({
    body:
      table(paragraph('A')) +
      paragraph('opistoclientadresse2') +
      table(paragraph('B') + paragraph('opistoclienttelsecondaire') + '<w:bookmarkEnd w:id="0"/>') +
      paragraph('Fin'),
  });
  const letter = keep('blank-between-tables', merge(template));
  const xml = partXml(letter);

  test('tables stay apart', () => {
    expect(xml).not.toContain('</w:tbl><w:tbl>');
    expect(xml).toContain(`</w:tbl>${SPACER_PARAGRAPH}<w:tbl>`);
  });

  test('a cell keeps its last paragraph', () => {
    expect(paragraphs(letter)).toEqual(['A', '', 'B', '', 'Fin']);
  });
});

describe('hostile values', () => {
  const template = makeDocx({
    body:
      paragraph('A opistoclientnom') +
      paragraph('B opistoclientprenom') +
      paragraph('C opistoclientadresse1') +
      paragraph('D opistoclientville') +
      paragraph('E opistoclientraisonsociale'),
  });
  const long = 'x'.repeat(10_000);
  const letter = keep(
    'hostile',
    merge(
      template,
      record((draft) => {
        draft.client.lastName = `& < > " ' ]]> <w:t> opistoclientprenom`;
        draft.client.firstName = 'Léa 🚗 \u0001\u0008\u001f\ufffe fin';
        draft.client.address1 = 'ligne 1\nligne 2\r\nligne 3\tcolonne';
        draft.client.city = long;
        draft.client.companyName = '\ud800 seul';
      }),
    ),
  );

  test('markup characters are text', () => {
    expect(paragraphs(letter)[0]).toBe(`A & < > " ' ]]> <w:t> opistoclientprenom`);
  });

  test('emoji stays and control characters go', () => {
    expect(paragraphs(letter)[1]).toBe('B Léa 🚗  fin');
  });

  test('line breaks become w:br', () => {
    expect(paragraphs(letter)[2]).toBe('C ligne 1\nligne 2\nligne 3\tcolonne');
    expect(partXml(letter).match(/<w:br\/>/g)).toHaveLength(2);
  });

  test('long value is kept whole', () => {
    expect(paragraphs(letter)[3]).toBe(`D ${long}`);
  });

  test('lone surrogate is dropped', () => {
    expect(paragraphs(letter)[4]).toBe('E  seul');
  });
});

describe('unknown words', () => {
  const template = makeDocx({ body: paragraph('À opistoclientvile, opistoclientville') });
  const compiled = compileTemplate(template);
  const letter = keep('unknown-word', merge(template));

  test('are reported and left as typed', () => {
    expect(compiled.words.map((word) => [word.word, word.field])).toEqual([
      ['opistoclientvile', null],
      ['opistoclientville', 'opistoclientville'],
    ]);
    expect(paragraphs(letter)).toEqual(['À opistoclientvile, TOULOUSE']);
  });
});

describe('single document', () => {
  const template = makeDocx({
    body: paragraph('Madame opistoclientnomcomplet') + paragraph('opistolistefactures'),
    header: paragraph('En-tête opistoclientnom'),
    footer:
      '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>' +
      '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>' +
      '<w:r><w:t xml:space="preserve"> sur </w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      '<w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
  });
  const clients = [
    record(),
    record((draft) => {
      draft.client.lastName = 'Dupont';
      draft.invoices = [];
    }),
    record((draft) => {
      draft.client.lastName = 'Roux';
    }),
  ];
  const compiled = compileTemplate(template);
  const document = keep(
    'single-document',
    renderSingleDocument(
      compiled,
      clients.map((client) => buildLetterValues(client, '2018-10-29')),
    ),
  );

  test('letters follow each other in sections', () => {
    const texts = paragraphs(document);
    expect(texts.filter((text) => text.startsWith('Madame'))).toEqual([
      'Madame Garage Durand Martin Léa',
      'Madame Garage Durand Dupont Léa',
      'Madame Garage Durand Roux Léa',
    ]);
    expect(partXml(document).match(/<w:type w:val="nextPage"\/>/g)).toHaveLength(2);
  });

  test('numbered lists restart in each letter', () => {
    const numbered = (text: string) =>
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>' +
      `${run(text)}</w:p>`;
    const listTemplate = makeDocx({
      body: numbered('régler opistoclientsolde') + numbered('nous écrire'),
      numbering:
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>' +
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>',
    });
    const values = buildLetterValues(record(), '2018-10-29');
    const joined = keep(
      'numbered-single',
      renderSingleDocument(compileTemplate(listTemplate), [values, values, values]),
    );
    const ids = partXml(joined).match(/<w:numId w:val="\d+"\/>/g);
    expect(ids).toEqual([
      '<w:numId w:val="3"/>',
      '<w:numId w:val="3"/>',
      '<w:numId w:val="4"/>',
      '<w:numId w:val="4"/>',
      '<w:numId w:val="5"/>',
      '<w:numId w:val="5"/>',
    ]);
    expect(partXml(joined, 'word/numbering.xml')).toContain(
      '<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">' +
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num>',
    );
  });

  test('a letter never shows the previous letter header', () => {
    const twoSections = makeDocx({
      body:
        `<w:p><w:pPr><w:sectPr><w:pgSz w:w="11905" w:h="16838"/></w:sectPr></w:pPr>` +
        `${run('Lettre opistoclientnom')}</w:p>` +
        paragraph('Annexe'),
      header: paragraph('Relevé de opistoclientnom'),
    });
    const values = buildLetterValues(record(), '2018-10-29');
    const joined = keep(
      'sections-single',
      renderSingleDocument(compileTemplate(twoSections), [values, values]),
    );
    const xml = partXml(joined);
    // The template's first section has no header: in letter 2 it gets an empty one.
    const firstSections = xml.match(
      /<w:sectPr>(?:(?!<\/w:sectPr>).)*<w:pgSz w:w="11905" w:h="16838"\/>/g,
    );
    expect(firstSections).toHaveLength(2);
    expect(firstSections?.[0]).not.toContain('headerReference');
    expect(firstSections?.[1]).toContain(
      '<w:headerReference w:type="default" r:id="rIdOpistoEmptyheader"/>',
    );
    expect(paragraphs(joined, 'word/opisto-empty-header.xml')).toEqual(['']);
  });

  test('tracked page setup is not a section', () => {
    const tracked = makeDocx({
      body: paragraph('Madame opistoclientnom'),
      footer: paragraph('Page'),
    });
    const files = unzipSync(tracked);
    const main = new TextDecoder().decode(files['word/document.xml']);
    files['word/document.xml'] = strToU8(
      main.replace(
        '</w:sectPr></w:body>',
        '<w:sectPrChange w:id="9" w:author="A" w:date="2018-10-29T10:00:00Z"><w:sectPr/>' +
          '</w:sectPrChange></w:sectPr></w:body>',
      ),
    );
    const values = buildLetterValues(record(), '2018-10-29');
    const joined = renderSingleDocument(compileTemplate(zipSync(files)), [values, values]);
    expect(partXml(joined).match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(1);
    expect(partXml(joined)).toContain('<w:pgNumType w:start="1"/><w:sectPrChange');
  });

  test('each later letter starts a new page', () => {
    const sections = partXml(document).match(/<w:sectPr>.*?<\/w:sectPr>/g) ?? [];
    expect(sections).toHaveLength(3);
    // A section's type sets how it starts, so the first letter's stays as the template has it.
    expect(sections[0]).not.toContain('nextPage');
    expect(sections[1]).toContain('<w:type w:val="nextPage"/>');
    expect(sections[2]).toContain('<w:type w:val="nextPage"/>');
  });

  test('ids, bookmarks and comments stay unique', () => {
    const marked = makeDocx({
      body:
        '<w:p><w:bookmarkStart w:id="0" w:name="Solde"/><w:r><w:t>opistoclientsolde</w:t></w:r>' +
        '<w:bookmarkEnd w:id="0"/><w:commentRangeStart w:id="0"/>' +
        '<w:r><w:t>Voir</w:t></w:r><w:commentRangeEnd w:id="0"/>' +
        '<w:r><w:commentReference w:id="0"/></w:r></w:p>' +
        '<w:p><w:hyperlink w:anchor="Solde"><w:r><w:t>Solde</w:t></w:r></w:hyperlink>' +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
        '<w:r><w:instrText xml:space="preserve"> REF Solde \\h </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    });
    const values = buildLetterValues(record(), '2018-10-29');
    const xml = partXml(renderSingleDocument(compileTemplate(marked), [values, values]));

    expect(xml.match(/<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"\/>/g)).toEqual([
      '<w:bookmarkStart w:id="0" w:name="Solde"/>',
      '<w:bookmarkStart w:id="1" w:name="Solde_l2"/>',
    ]);
    expect(xml.match(/w:anchor="[^"]+"/g)).toEqual(['w:anchor="Solde"', 'w:anchor="Solde_l2"']);
    expect(xml.match(/ REF \S+/g)).toEqual([' REF Solde', ' REF Solde_l2']);
    expect(xml.match(/<w:commentReference/g)).toHaveLength(1);
    expect(xml.match(/<w:commentRangeStart/g)).toHaveLength(1);
  });

  test('page numbers count per letter', () => {
    const xml = partXml(document);
    expect(xml.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(2);
    expect(partXml(document, 'word/footer1.xml')).toContain('> SECTIONPAGES </w:instrText>');
    expect(partXml(document, 'word/footer1.xml')).not.toContain('NUMPAGES');
  });

  test('each letter has its own header', () => {
    expect(paragraphs(document, 'word/header1.xml')).toEqual(['En-tête Martin']);
    expect(paragraphs(document, 'word/header1_l2.xml')).toEqual(['En-tête Dupont']);
    expect(paragraphs(document, 'word/header1_l3.xml')).toEqual(['En-tête Roux']);
  });
});

describe('footnotes', () => {
  const template = makeDocx({
    body:
      '<w:p><w:r><w:t>Voir la note</w:t></w:r>' +
      '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' +
      '<w:footnoteReference w:id="1"/></w:r></w:p>',
    footnote: paragraph('Client opistoclientsiret'),
    settings: '<w:defaultTabStop w:val="708"/><w:compat/>',
  });
  const letter = keep('footnote', merge(template));

  test('fields in footnotes are filled', () => {
    expect(paragraphs(letter, 'word/footnotes.xml')).toEqual(['Client 12345678900012']);
  });

  test('single document gives each letter its notes', () => {
    const other = record((draft) => {
      draft.client.siret = '98765432100019';
    });
    const document = keep(
      'footnote-single',
      renderSingleDocument(compileTemplate(template), [
        buildLetterValues(record(), '2018-10-29'),
        buildLetterValues(other, '2018-10-29'),
      ]),
    );
    expect(paragraphs(document, 'word/footnotes.xml')).toEqual([
      'Client 12345678900012',
      'Client 98765432100019',
    ]);
    expect(partXml(document, 'word/footnotes.xml')).toContain('<w:footnote w:id="10001">');
    expect(partXml(document, 'word/settings.xml')).toContain(
      '<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>',
    );
    const references = partXml(document).match(/<w:footnoteReference w:id="(\d+)"\/>/g);
    expect(references).toEqual([
      '<w:footnoteReference w:id="1"/>',
      '<w:footnoteReference w:id="10001"/>',
    ]);
  });
});

describe('another prefix for WordprocessingML', () => {
  const template = makeDocx({ body: paragraph('x') });
  const files = unzipSync(template);
  files['word/document.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?>' +
      '<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<ns0:body><ns0:p><ns0:r><ns0:t>Ville : opistoclientville</ns0:t></ns0:r></ns0:p>' +
      '<ns0:p><ns0:r><ns0:t>opistolistefactures</ns0:t></ns0:r></ns0:p>' +
      '<ns0:sectPr/></ns0:body></ns0:document>',
  );
  const otherPrefix = zipSync(files);
  const client = record((draft) => {
    draft.client.city = 'TOULOUSE\nCEDEX 9';
  });
  const letter = keep('other-prefix', merge(otherPrefix, client));

  test('values and tables are written', () => {
    expect(paragraphs(letter)[0]).toBe('Ville : TOULOUSE\nCEDEX 9');
    expect(partXml(letter)).toContain('</ns0:t><ns0:br/><ns0:t xml:space="preserve">');
    expect(paragraphs(letter)).toContain('110,91');
  });

  test('single document explains it cannot', () => {
    const values = buildLetterValues(client, '2018-10-29');
    expect(() => renderSingleDocument(compileTemplate(otherPrefix), [values])).toThrow(
      /n’a pas été enregistré par Word/,
    );
  });
});

describe('UTF-16 parts', () => {
  const template = makeDocx({ body: paragraph('x') });
  const files = unzipSync(template);
  const main = new TextDecoder()
    .decode(files['word/document.xml'])
    .replace('x</w:t>', 'Ville : opistoclientville</w:t>')
    .replace('encoding="UTF-8"', 'encoding="UTF-16"');
  files['word/document.xml'] = new Uint8Array([0xff, 0xfe, ...Buffer.from(main, 'utf16le')]);
  const letter = keep('utf-16', merge(zipSync(files)));

  test('are read and written as UTF-8', () => {
    expect(paragraphs(letter)).toEqual(['Ville : TOULOUSE']);
    expect(partXml(letter)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"/);
  });
});

describe('every letter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-letters-'));
  const files = () => writeLetters(letters, dir);

  test('validates against the ECMA-376 schemas', async () => {
    const results = await validateDocxFiles(files());
    for (const [file, errors] of results) {
      expect({ file, errors: formatErrors(errors) }).toEqual({ file, errors: [] });
    }
  });

  test('opens in LibreOffice with its text', async () => {
    const texts = await convertToPdfText(files(), join(dir, 'pdf'));
    const text = (name: string) => texts.get(join(dir, `${name}.docx`)) ?? '';

    expect(text('worked-example')).toMatch(
      /Garage Durand Martin Léa\s+12 rue des Lilas\s+31400 TOULOUSE/,
    );
    expect(text('worked-example')).toMatch(/Total restant :\s+110,91/);
    expect(text('list-in-sentence')).toContain('et merci.');
    expect(text('empty-list')).toContain('Aucune facture en attente.');
    expect(text('tables-in-cells')).toMatch(/Total restant :\s+56,36/);
    // Order numbers and types fit their columns without breaking.
    expect(text('tables-in-cells')).toMatch(/CDE-2018-0042\s+Commande\s+240,00/);
    expect(text('hostile')).toContain(`& < > " ' ]]> <w:t> opistoclientprenom`);
    expect(
      text('single-document')
        .split('\f')
        .filter((page) => page.trim() !== ''),
    ).toHaveLength(3);
    expect(text('single-document')).toContain('En-tête Dupont');
  });
});
