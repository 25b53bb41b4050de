/**
 * Conditional paragraphs (`opistosipro`, `opistosiparticulier`) in the Word.js engine, on the
 * fake Word object model. The tests cover what each kind of client keeps, the paragraphs Word
 * cannot delete, headers and footers, conditional tables and the round trips. Each letter is
 * compared with the .docx engine's, paragraph by paragraph.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
  buildLetterValues,
  compileTemplate,
  renderLetter,
  type LetterValues,
} from '../../src/merge';
import { mergeLetterWithWord, prepareWordTemplate, WordFallbackError } from '../../src/merge/word';
import { compareOutlines } from '../conformance/compare';
import { outlineLetter, type Block } from '../conformance/outline';
import { partXml, record } from '../engine/helpers';
import { makeDocx, paragraph, run } from '../fixtures/make-docx';
import { formatErrors, validateDocxFiles } from '../support/ooxml-validate';
import { readParagraphTexts } from '../support/word-text';
import { FakeWord } from '../word-fake';

const NBSP = '\u00a0';

/** Every Word.js letter of this file, by name, validated against the schemas at the end. */
const letters = new Map<string, Uint8Array>();

type Kind = 'professionnel' | 'particulier';

const KINDS: readonly Kind[] = ['professionnel', 'particulier'];

/**
 * Builds the values of a professional buyer, a consumer or a client of unknown kind (null), on a
 * date when both invoices of the example are late, so that the penalty table has rows.
 */
function buyer(kind: Kind | null): LetterValues {
  const client = record((draft) => {
    const isProfessional = kind === null ? null : kind === 'professionnel';
    (draft.client as { isProfessional?: boolean | null }).isProfessional = isProfessional;
  });
  return buildLetterValues(client, '2019-01-15', { penaltyRate: { hundredthsOfPercent: 1315 } });
}

type Merged = { fake: FakeWord; letter: Uint8Array };

async function mergeWithWord(template: Uint8Array, values: LetterValues): Promise<Merged> {
  const fake = new FakeWord(template);
  await mergeLetterWithWord(fake, prepareWordTemplate(template), values);

  const created = fake.createdDocuments.at(-1);
  if (!created) {
    throw new Error('no document created');
  }
  return { fake, letter: created.toDocx() };
}

/** Merges with both engines; returns the Word.js letter and the differences of the outlines. */
async function mergeWithBoth(name: string, template: Uint8Array, values: LetterValues) {
  const merged = await mergeWithWord(template, values);
  letters.set(name, merged.letter);

  const docxLetter = renderLetter(compileTemplate(template), values);
  const differences = compareOutlines(outlineLetter(docxLetter), outlineLetter(merged.letter));
  return { ...merged, docxLetter, differences };
}

function bodyTexts(docx: Uint8Array): string[] {
  return readParagraphTexts(partXml(docx));
}

const KINDS_TEMPLATE = makeDocx({
  body: [
    paragraph('Madame, Monsieur opistoclientnom,'),
    paragraph('opistosipro Une indemnité de opistoindemniterecouvrement € est due.'),
    `<w:p>${run('OpistoSiParticulier', '<w:b/>')}` +
      `${run('  Aucune indemnité ne vous est due.')}</w:p>`,
    paragraph(`opistosiparticulier${NBSP}\t Pas de frais de recouvrement.`),
    '<w:p><w:r><w:t>opistosipro</w:t><w:tab/>' +
      '<w:t>Pénalités : opistopenalitesretard €</w:t></w:r></w:p>',
    paragraph('opistosipro'),
    paragraph('Salutations.'),
  ].join(''),
});

describe('conditional paragraphs for each kind of client', () => {
  test('professional keeps opistosipro paragraphs', async () => {
    const { letter, differences } = await mergeWithBoth(
      'professionnel',
      KINDS_TEMPLATE,
      buyer('professionnel'),
    );

    expect(bodyTexts(letter)).toEqual([
      'Madame, Monsieur Martin,',
      'Une indemnité de 80,00 € est due.',
      // A w:tab after the word stays, as in the .docx engine: only spaces go with the word.
      '\tPénalités : 0,72 €',
      '',
      'Salutations.',
    ]);
    expect(differences).toEqual([]);
  });

  test('consumer keeps opistosiparticulier paragraphs', async () => {
    const { letter, differences } = await mergeWithBoth(
      'particulier',
      KINDS_TEMPLATE,
      buyer('particulier'),
    );

    expect(bodyTexts(letter)).toEqual([
      'Madame, Monsieur Martin,',
      'Aucune indemnité ne vous est due.',
      'Pas de frais de recouvrement.',
      'Salutations.',
    ]);
    expect(differences).toEqual([]);
  });

  test.each(KINDS)('%s letter has the .docx texts exactly', async (kind) => {
    const { letter, docxLetter } = await mergeWithBoth(
      `textes-${kind}`,
      KINDS_TEMPLATE,
      buyer(kind),
    );

    // The outlines trim each paragraph; the texts here keep every space and tab.
    expect(bodyTexts(letter)).toEqual(bodyTexts(docxLetter));
  });

  test('the condition words leave no trace', async () => {
    for (const kind of KINDS) {
      const { letter } = await mergeWithWord(KINDS_TEMPLATE, buyer(kind));

      expect(partXml(letter).toLowerCase()).not.toContain('opistosi');
    }
  });

  test('a client of unknown kind keeps neither', async () => {
    const { letter } = await mergeWithWord(KINDS_TEMPLATE, buyer(null));

    expect(bodyTexts(letter)).toEqual(['Madame, Monsieur Martin,', 'Salutations.']);
  });
});

const cell = (content: string) =>
  `<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>${content}</w:tc>`;

const CELL_TEMPLATE = makeDocx({
  body:
    '<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>' +
    '<w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid><w:tr>' +
    cell(paragraph('opistosipro Réservé aux pros')) +
    cell(paragraph('opistosipro Ligne pro') + paragraph('Ligne commune')) +
    '</w:tr></w:tbl>' +
    paragraph('Fin'),
});

/** Returns the blocks of each cell of the first table of the letter's body. */
function firstTableCells(letter: Uint8Array): Block[][] {
  const table = outlineLetter(letter).stories[0]?.blocks.find((block) => block.kind === 'table');
  return table?.kind === 'table' ? (table.rows[0] ?? []) : [];
}

describe('conditional paragraphs Word cannot delete', () => {
  test('the last paragraph of a cell stays, empty', async () => {
    const { letter, differences } = await mergeWithBoth(
      'cellule',
      CELL_TEMPLATE,
      buyer('particulier'),
    );

    expect(firstTableCells(letter)).toEqual([
      [{ kind: 'paragraph', text: '' }],
      [{ kind: 'paragraph', text: 'Ligne commune' }],
    ]);
    expect(differences).toEqual([]);
  });

  test('a professional keeps both cell paragraphs', async () => {
    const { letter, differences } = await mergeWithBoth(
      'cellule-pro',
      CELL_TEMPLATE,
      buyer('professionnel'),
    );

    expect(firstTableCells(letter)).toEqual([
      [{ kind: 'paragraph', text: 'Réservé aux pros' }],
      [
        { kind: 'paragraph', text: 'Ligne pro' },
        { kind: 'paragraph', text: 'Ligne commune' },
      ],
    ]);
    expect(differences).toEqual([]);
  });

  const LANDSCAPE = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>';
  const SECTION_TEMPLATE = makeDocx({
    body:
      `<w:p><w:pPr>${LANDSCAPE}</w:pPr>${run('opistosiparticulier Page 1')}</w:p>` +
      paragraph('Page 2'),
  });

  test('a section break stays when its paragraph goes', async () => {
    const { letter, differences } = await mergeWithBoth(
      'section',
      SECTION_TEMPLATE,
      buyer('professionnel'),
    );
    const xml = partXml(letter);

    expect(bodyTexts(letter)).toEqual(['', 'Page 2']);
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(xml.match(/<w:sectPr>/g)).toHaveLength(2);
    expect(differences).toEqual([]);
  });

  test('a section break stays with its kept paragraph', async () => {
    const { letter, differences } = await mergeWithBoth(
      'section-gardee',
      SECTION_TEMPLATE,
      buyer('particulier'),
    );

    expect(bodyTexts(letter)).toEqual(['Page 1', 'Page 2']);
    expect(partXml(letter).match(/<w:sectPr>/g)).toHaveLength(2);
    expect(differences).toEqual([]);
  });

  test('the body’s last paragraph stays, empty', async () => {
    const template = makeDocx({ body: paragraph('Début') + paragraph('opistosipro Fin pro') });
    const { letter, differences } = await mergeWithBoth(
      'dernier-paragraphe',
      template,
      buyer('particulier'),
    );

    expect(bodyTexts(letter)).toEqual(['Début', '']);
    expect(differences).toEqual([]);
  });

  test('dropped paragraph keeps tables apart', async () => {
    const table = (text: string) =>
      '<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>' +
      `<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr>${cell(paragraph(text))}</w:tr></w:tbl>`;
    const template = makeDocx({
      body: table('Premier') + paragraph('opistosipro Entre') + table('Second') + paragraph('Fin'),
    });
    const { letter, differences } = await mergeWithBoth(
      'entre-tableaux',
      template,
      buyer('particulier'),
    );

    expect(partXml(letter).match(/<w:tbl>/g)).toHaveLength(2);
    expect(bodyTexts(letter)).toEqual(['Premier', '', 'Second', 'Fin']);
    expect(differences).toEqual([]);
  });
});

const HEADER_FOOTER_TEMPLATE = makeDocx({
  body: paragraph('Corps'),
  header:
    paragraph('opistosipro En-tête pro') + paragraph('opistosiparticulier En-tête particulier'),
  footer: paragraph('opistosiparticulier Pied particulier') + paragraph('Pied commun'),
});

describe('conditional paragraphs in headers and footers', () => {
  test.each([
    ['professionnel', ['En-tête pro', ''], ['Pied commun']],
    ['particulier', ['En-tête particulier'], ['Pied particulier', 'Pied commun']],
  ] as const)('a %s gets its own', async (kind, header, footer) => {
    const { letter, differences } = await mergeWithBoth(
      `en-tete-${kind}`,
      HEADER_FOOTER_TEMPLATE,
      buyer(kind),
    );

    expect(readParagraphTexts(partXml(letter, 'word/header1.xml'))).toEqual(header);
    expect(readParagraphTexts(partXml(letter, 'word/footer1.xml'))).toEqual(footer);
    expect(differences).toEqual([]);
  });
});

describe('conditional tables', () => {
  const template = makeDocx({
    body: [
      paragraph('Avant'),
      paragraph('opistosipro opistolistepenalites'),
      paragraph('opistosipro Détail : opistolistepenalites Fin du détail.'),
      paragraph('Après'),
    ].join(''),
  });

  test('a professional gets the penalty tables', async () => {
    const { letter, differences } = await mergeWithBoth(
      'tableaux-pro',
      template,
      buyer('professionnel'),
    );
    const texts = bodyTexts(letter);

    expect(partXml(letter).match(/<w:tbl>/g)).toHaveLength(2);
    expect(texts.filter((text) => text === 'Total pénalités :')).toHaveLength(2);
    expect(texts).toContain('Détail : ');
    expect(texts).toContain('Fin du détail.');
    expect(differences).toEqual([]);
  });

  test('a consumer gets no table and no blank line', async () => {
    const { letter, differences } = await mergeWithBoth(
      'tableaux-particulier',
      template,
      buyer('particulier'),
    );

    expect(partXml(letter)).not.toContain('<w:tbl>');
    expect(bodyTexts(letter)).toEqual(['Avant', 'Après']);
    expect(differences).toEqual([]);
  });

  const sectionTemplate = makeDocx({
    body:
      `<w:p><w:pPr><w:sectPr/></w:pPr>${run('opistosipro opistolistepenalites')}</w:p>` +
      paragraph('Fin'),
  });

  test('kept table ending a section falls back', async () => {
    const fake = new FakeWord(sectionTemplate);
    const merge = mergeLetterWithWord(
      fake,
      prepareWordTemplate(sectionTemplate),
      buyer('professionnel'),
    );

    await expect(merge).rejects.toThrow(WordFallbackError);
    await expect(merge).rejects.toThrow(/ends a section/);
  });

  test('dropped table ending a section stays', async () => {
    const { letter, differences } = await mergeWithBoth(
      'tableau-fin-de-section',
      sectionTemplate,
      buyer('particulier'),
    );

    expect(bodyTexts(letter)).toEqual(['', 'Fin']);
    expect(partXml(letter).match(/<w:sectPr\b/g)).toHaveLength(2);
    expect(differences).toEqual([]);
  });
});

describe('conditional paragraphs and round trips', () => {
  /** Builds a template of `count` conditional paragraphs of both kinds, with fields and tables. */
  function manyConditions(count: number): Uint8Array {
    const lines = Array.from({ length: count }, (_, index) => {
      const condition = index % 2 === 0 ? 'opistosipro' : 'opistosiparticulier';
      const content = index % 5 === 0 ? 'opistolistepenalites' : `Ligne ${index} opistoclientnom`;
      return paragraph(`${condition} ${content}`);
    });
    return makeDocx({ body: lines.join('') + paragraph('Fin') });
  }

  test.each(KINDS)('stay at two for a %s, 5 to 200 paragraphs', async (kind) => {
    for (const count of [5, 50, 200]) {
      const { fake, differences } = await mergeWithBoth(
        `${count}-conditions-${kind}`,
        manyConditions(count),
        buyer(kind),
      );

      expect({ count, syncs: fake.syncCount }).toEqual({ count, syncs: 2 });
      expect(differences).toEqual([]);
    }
  });
});

describe('starter templates with conditions', () => {
  const root = resolve(__dirname, '..', '..');

  test.each(
    ['Relance 2e rappel', 'Mise en demeure'].flatMap((name) =>
      KINDS.map((kind) => [name, kind] as const),
    ),
  )('%s for a %s matches the .docx engine', async (name, kind) => {
    const template = new Uint8Array(
      readFileSync(join(root, 'assets', 'templates', `${name}.docx`)),
    );
    const { letter, fake, differences } = await mergeWithBoth(
      `${name}-${kind}`,
      template,
      buyer(kind),
    );

    expect(differences).toEqual([]);
    expect(fake.syncCount).toBe(2);
    expect(bodyTexts(letter).some((text) => text.includes('indemnité forfaitaire'))).toBe(
      kind === 'professionnel',
    );
  });
});

describe('every Word.js letter with conditions', () => {
  test('validates against the ECMA-376 schemas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opisto-word-conditions-'));
    const files = [...letters].map(([name, bytes]) => {
      const file = join(dir, `${name}.docx`);
      writeFileSync(file, bytes);
      return file;
    });

    expect(files.length).toBeGreaterThan(10);
    for (const [file, errors] of await validateDocxFiles(files)) {
      expect({ file, errors: formatErrors(errors) }).toEqual({ file, errors: [] });
    }
  });
});
