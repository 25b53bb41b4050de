/**
 * The Word.js engine on the fake Word object model: one letter made in a new document, its text,
 * its tables and their formatting, the round trips it costs, and the template left untouched.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildLetterValues } from '../../src/merge';
import { mergeLetterWithWord, prepareWordTemplate } from '../../src/merge/word';
import { record, NBSP } from '../engine/helpers';
import { makeDocx, paragraph, run } from '../fixtures/make-docx';
import { convertToPdfText } from '../support/libreoffice';
import { assertValidDocx } from '../support/ooxml-validate';
import { readParagraphTexts } from '../support/word-text';
import { partXml } from '../engine/helpers';
import { FakeWord } from '../word-fake';

const WORKED_EXAMPLE = makeDocx({
  body: [
    paragraph('opistoclientnomcomplet'),
    paragraph('opistoclientadresse1'),
    paragraph('opistoclientadresse2'),
    paragraph('opistoclientcp opistoclientville'),
    paragraph('Toulouse, le opistodatejour'),
    paragraph('le règlement des factures suivantes ne nous est pas parvenu :'),
    paragraph('opistolistefactures'),
    paragraph('Veuillez agréer nos salutations.'),
  ].join(''),
  header: paragraph('Relance pour opistoclientnom'),
  footer: paragraph('SIRET opistoclientsiret'),
});

async function mergeWithFake(
  template: Uint8Array,
  client = record(),
): Promise<{ fake: FakeWord; letter: Uint8Array }> {
  const fake = new FakeWord(template);
  const values = buildLetterValues(client, '2018-10-29');
  await mergeLetterWithWord(fake, prepareWordTemplate(template), values);

  const created = fake.createdDocuments.at(-1);
  if (!created) {
    throw new Error('no document created');
  }
  return { fake, letter: created.toDocx() };
}

describe('mergeLetterWithWord on the worked example', () => {
  test('writes the letter of the worked example', async () => {
    const { letter } = await mergeWithFake(WORKED_EXAMPLE);
    const texts = readParagraphTexts(partXml(letter)).filter((text) => text !== '');

    expect(texts.slice(0, 5)).toEqual([
      'Garage Durand Martin Léa',
      '12 rue des Lilas',
      '31400 TOULOUSE',
      'Toulouse, le 29/10/2018',
      'le règlement des factures suivantes ne nous est pas parvenu :',
    ]);
    expect(texts).toContain('Total restant :');
    expect(texts).toContain('110,91');
    expect(texts.at(-1)).toBe('Veuillez agréer nos salutations.');
  });

  test('fills the header and the footer', async () => {
    const { letter } = await mergeWithFake(WORKED_EXAMPLE);

    expect(readParagraphTexts(partXml(letter, 'word/header1.xml'))).toEqual([
      'Relance pour Martin',
    ]);
    expect(readParagraphTexts(partXml(letter, 'word/footer1.xml'))).toEqual([
      'SIRET 12345678900012',
    ]);
  });

  test('opens the new document and leaves the template untouched', async () => {
    const { fake } = await mergeWithFake(WORKED_EXAMPLE);

    expect(fake.createdDocuments).toHaveLength(1);
    expect(fake.createdDocuments[0]?.opened).toBe(true);
    expect(readParagraphTexts(partXml(fake.openDocument.toDocx()))).toContain(
      'opistoclientnomcomplet',
    );
  });

  test('costs two round trips', async () => {
    const { fake } = await mergeWithFake(WORKED_EXAMPLE);

    expect(fake.syncCount).toBe(2);
  });
});

describe('mergeLetterWithWord output files', () => {
  test('writes a letter valid against the schemas', async () => {
    const { letter } = await mergeWithFake(WORKED_EXAMPLE);

    await assertValidDocx(letter, 'Word.js letter');
  });

  test('writes a letter LibreOffice opens', async () => {
    const { letter } = await mergeWithFake(WORKED_EXAMPLE);
    const dir = await mkdtemp(join(tmpdir(), 'word-letter-'));
    const file = join(dir, 'lettre.docx');
    await writeFile(file, letter);

    const text = (await convertToPdfText([file], join(dir, 'pdf'))).get(file) ?? '';

    expect(text).toContain('Garage Durand Martin Léa');
    expect(text).toMatch(/Total restant :\s+110,91/);
  });
});

describe('mergeLetterWithWord tables', () => {
  test('writes the invoice table with header, rows and total', async () => {
    const { letter } = await mergeWithFake(WORKED_EXAMPLE);
    const xml = partXml(letter);
    const table = /<w:tbl>.*?<\/w:tbl>/s.exec(xml)?.[0] ?? '';
    const rows = table.split('</w:tr>').slice(0, -1);

    expect(rows).toHaveLength(4);
    expect(cellTexts(rows[0] ?? '')).toEqual([
      'Date',
      'Date échéance',
      'Num facture',
      'Total',
      'Déjà payé',
      'Restant',
    ]);
    expect(cellTexts(rows[1] ?? '')).toEqual([
      '29/10/2018',
      '31/12/2018',
      '518100007',
      '100,00',
      '0,00',
      '100,00',
    ]);
    expect(cellTexts(rows[3] ?? '')[0]).toBe('Total restant :');
    expect(cellTexts(rows[3] ?? '').at(-1)).toBe('110,91');
  });

  test('makes the header row bold and repeated', async () => {
    const { letter } = await mergeWithFake(WORKED_EXAMPLE);
    const firstRow = /<w:tr\b.*?<\/w:tr>/s.exec(partXml(letter))?.[0] ?? '';

    expect(firstRow).toContain('<w:tblHeader/>');
    expect(firstRow).toMatch(/<w:b\/>/);
  });

  test('aligns amounts to the right', async () => {
    const { letter } = await mergeWithFake(WORKED_EXAMPLE);
    const secondRow = partXml(letter).split('</w:tr>')[1] ?? '';
    const cells = secondRow.split('</w:tc>').slice(0, -1);

    expect(cells[2]).not.toContain('w:val="right"');
    expect(cells[3]).toContain('<w:jc w:val="right"/>');
    expect(cells[5]).toContain('<w:jc w:val="right"/>');
  });

  test('writes the sentence for an empty list', async () => {
    const template = makeDocx({ body: paragraph('opistolisteavoirs') + paragraph('fin') });
    const { letter } = await mergeWithFake(
      template,
      record((draft) => {
        draft.creditNotes = [];
      }),
    );

    expect(readParagraphTexts(partXml(letter))).toEqual(['Aucun avoir en cours.', 'fin']);
    expect(partXml(letter)).not.toContain('<w:tbl>');
  });
});

describe('mergeLetterWithWord text', () => {
  test('keeps the formatting of a word split over runs', async () => {
    const template = makeDocx({
      body:
        `<w:p>${run('Cher opisto', '<w:b/>')}${run('client', '<w:i/>')}${run('nom,')}</w:p>` +
        paragraph('fin'),
    });
    const { letter } = await mergeWithFake(template);
    const xml = partXml(letter);

    expect(readParagraphTexts(xml)[0]).toBe('Cher Martin,');
    expect(xml).toMatch(/<w:r><w:rPr><w:b\/><\/w:rPr><w:t[^>]*>Martin<\/w:t><\/w:r>/);
  });

  test('writes line breaks of a value as manual line breaks', async () => {
    const template = makeDocx({ body: paragraph('opistoclientadresse1') + paragraph('fin') });
    const { letter } = await mergeWithFake(
      template,
      record((draft) => {
        draft.client.address1 = '12 rue des Lilas\nBâtiment B\nEscalier 3';
      }),
    );
    const xml = partXml(letter);

    expect(readParagraphTexts(xml)[0]).toBe('12 rue des Lilas\nBâtiment B\nEscalier 3');
    expect(xml.match(/<w:br\/>/g)).toHaveLength(2);
  });

  test('escapes values and drops characters XML cannot hold', async () => {
    const template = makeDocx({ body: paragraph('opistoclientnom') + paragraph('fin') });
    const { letter } = await mergeWithFake(
      template,
      record((draft) => {
        draft.client.lastName = 'A & B <Cie> "x"\u0001';
      }),
    );

    expect(readParagraphTexts(partXml(letter))[0]).toBe('A & B <Cie> "x"');
  });

  test('writes amounts with a no-break space', async () => {
    const template = makeDocx({ body: paragraph('Solde : opistoclientsolde') + paragraph('fin') });
    const { letter } = await mergeWithFake(template);

    expect(readParagraphTexts(partXml(letter))[0]).toBe(`Solde : 1${NBSP}554,12`);
  });
});

function cellTexts(rowXml: string): string[] {
  return rowXml
    .split('</w:tc>')
    .slice(0, -1)
    .map((cell) => [...cell.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
}
