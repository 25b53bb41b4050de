import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  buildLetterValues,
  compileTemplate,
  MergeError,
  renderLetter,
  renderSingleDocument,
  type LetterValues,
} from '../../src/merge';
import { makeDocx, paragraph, run } from '../fixtures/make-docx';
import { convertToPdfText } from '../support/libreoffice';
import { formatErrors, validateDocxFiles } from '../support/ooxml-validate';
import { paragraphs, partXml, record, writeLetters } from './helpers';

const letters = new Map<string, Uint8Array>();

function values(isProfessional: boolean | null): LetterValues {
  const client = record((draft) => {
    (draft.client as Record<string, unknown>).isProfessional = isProfessional;
  });
  return buildLetterValues(client, '2019-01-15', { penaltyRate: { hundredthsOfPercent: 1315 } });
}

const TEMPLATE = makeDocx({
  body: [
    paragraph('Madame, Monsieur opistoclientnom,'),
    paragraph('opistosipro Une indemnité de opistoindemniterecouvrement € est due.'),
    `<w:p>${run('OpistoSiParticulier', '<w:b/>')}${run('  Aucune indemnité ne vous est due.')}</w:p>`,
    paragraph('Salutations.'),
  ].join(''),
});

describe('conditional paragraphs in the .docx engine', () => {
  const template = compileTemplate(TEMPLATE);

  test('a professional gets the opistosipro paragraph', () => {
    const letter = renderLetter(template, values(true));
    letters.set('professional', letter);

    expect(paragraphs(letter)).toEqual([
      'Madame, Monsieur Martin,',
      'Une indemnité de 80,00 € est due.',
      'Salutations.',
    ]);
  });

  test('a consumer gets the opistosiparticulier paragraph', () => {
    const letter = renderLetter(template, values(false));
    letters.set('consumer', letter);

    expect(paragraphs(letter)).toEqual([
      'Madame, Monsieur Martin,',
      'Aucune indemnité ne vous est due.',
      'Salutations.',
    ]);
  });

  test('a client of unknown kind gets neither', () => {
    const letter = renderLetter(template, values(null));
    expect(paragraphs(letter)).toEqual(['Madame, Monsieur Martin,', 'Salutations.']);
  });

  test('the condition words leave no trace', () => {
    const xml = partXml(renderLetter(template, values(true))).toLowerCase();
    expect(xml).not.toContain('opistosi');
  });

  test('one document keeps each client its own paragraph', () => {
    const letter = renderSingleDocument(template, [values(true), values(false)]);
    letters.set('single', letter);
    const texts = paragraphs(letter);

    expect(texts).toContain('Une indemnité de 80,00 € est due.');
    expect(texts).toContain('Aucune indemnité ne vous est due.');
    expect(texts.filter((text) => text.startsWith('Madame'))).toHaveLength(2);
  });
});

describe('conditional paragraphs the document needs', () => {
  const cell = (content: string) =>
    '<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>' +
    '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>' +
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>' +
    `${content}</w:tc></w:tr></w:tbl>`;

  test('the last paragraph of a cell stays, empty', () => {
    const template = compileTemplate(
      makeDocx({ body: cell(paragraph('opistosipro Réservé aux pros')) + paragraph('Fin') }),
    );
    const letter = renderLetter(template, values(false));
    letters.set('cell', letter);

    expect(partXml(letter)).toMatch(
      /<w:tc>(?:(?!<\/w:tc>).)*<w:p>(?:<w:pPr[^]*?<\/w:pPr>)?<\/w:p><\/w:tc>/,
    );
    expect(paragraphs(letter)).not.toContain('Réservé aux pros');
  });

  test('a section break stays when its paragraph goes', () => {
    const sectionBreak = '<w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr>';
    const body =
      `<w:p>${sectionBreak}<w:r><w:t xml:space="preserve">opistosipro Page 1</w:t></w:r></w:p>` +
      paragraph('Page 2');
    const letter = renderLetter(compileTemplate(makeDocx({ body })), values(false));
    letters.set('section', letter);

    expect(partXml(letter)).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(paragraphs(letter)).not.toContain('Page 1');
  });
});

describe('conditional tables', () => {
  const template = compileTemplate(
    makeDocx({
      body: [
        paragraph('Avant'),
        paragraph('opistosipro opistolistepenalites'),
        paragraph('Après'),
      ].join(''),
    }),
  );

  test('a professional gets the penalty table', () => {
    const letter = renderLetter(template, values(true));
    letters.set('table-professional', letter);

    expect(partXml(letter)).toContain('<w:tbl>');
    expect(paragraphs(letter)).toContain('Total pénalités :');
  });

  test('a consumer gets no table and no blank line', () => {
    const letter = renderLetter(template, values(false));

    expect(partXml(letter)).not.toContain('<w:tbl>');
    expect(paragraphs(letter)).toEqual(['Avant', 'Après']);
  });
});

describe('misplaced condition words', () => {
  test.each([
    ['in the middle', paragraph('Texte opistosipro suite')],
    ['twice', paragraph('opistosipro opistosiparticulier suite')],
  ])('%s stop the merge with the paragraph named', (_case, body) => {
    const compile = () => compileTemplate(makeDocx({ body }));

    expect(compile).toThrow(MergeError);
    expect(compile).toThrow(/doit être le premier mot de son paragraphe/);
  });
});

describe('every letter with conditions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-conditions-'));
  const files = () => writeLetters(letters, dir);

  test('validates against the ECMA-376 schemas', async () => {
    for (const [file, errors] of await validateDocxFiles(files())) {
      expect({ file, errors: formatErrors(errors) }).toEqual({ file, errors: [] });
    }
  });

  test('opens in LibreOffice with its text', async () => {
    const texts = await convertToPdfText(files(), join(dir, 'pdf'));
    const text = (name: string) => texts.get(join(dir, `${name}.docx`)) ?? '';

    expect(text('professional')).toContain('Une indemnité de 80,00 € est due.');
    expect(text('professional')).not.toContain('Aucune indemnité');
    expect(text('consumer')).toContain('Aucune indemnité ne vous est due.');
    expect(text('single')).toContain('Aucune indemnité ne vous est due.');
    expect(text('table-professional')).toMatch(/Total pénalités :\s+0,72/);
  });
});
