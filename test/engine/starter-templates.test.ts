/**
 * The three starter templates, merged for every bundled demo debtor: each letter validates, and
 * LibreOffice opens one letter of each template and the single document.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { parseClientRecord } from '../../src/api/parse-record';
import {
  buildLetterValues,
  compileTemplate,
  renderLetter,
  renderSingleDocument,
  summarizeTemplate,
} from '../../src/merge';
import { partXml } from './helpers';
import { convertToPdfText } from '../support/libreoffice';
import { readParagraphTexts } from '../support/word-text';
import { formatErrors, validateDocxFiles } from '../support/ooxml-validate';

const ROOT = resolve(__dirname, '..', '..');
const TEMPLATES = ['Relance 1er rappel', 'Relance 2e rappel', 'Mise en demeure'];
const debtors = (
  JSON.parse(readFileSync(join(ROOT, 'assets', 'demo', 'debtors.json'), 'utf8')) as unknown[]
).map((input) => {
  const parsed = parseClientRecord(input);
  if (!parsed.ok) {
    throw new Error(parsed.problems.join('\n'));
  }
  // Companies are professional buyers; people without a company name are consumers.
  const client = { ...parsed.record.client };
  client.isProfessional ??= Boolean(client.companyName);
  return buildLetterValues({ ...parsed.record, client }, '2026-12-04', {
    penaltyRate: { hundredthsOfPercent: 1315 },
  });
});
const dir = mkdtempSync(join(tmpdir(), 'opisto-starters-'));

describe.each(TEMPLATES)('%s', (name) => {
  const template = compileTemplate(readFileSync(join(ROOT, 'assets', 'templates', `${name}.docx`)));
  const files = debtors.map((values, index) => {
    const file = join(dir, `${name} ${index}.docx`);
    writeFileSync(file, renderLetter(template, values));
    return file;
  });
  const single = join(dir, `${name} tous.docx`);
  writeFileSync(single, renderSingleDocument(template, debtors));

  test('has only known fields', () => {
    const summary = summarizeTemplate(template.words);
    expect(summary.unknown).toEqual([]);
    expect(summary.fields.map((field) => field.field)).toContain('opistoclientnomcomplet');
  });

  test('every letter validates', async () => {
    const results = await validateDocxFiles([...files, single]);
    for (const [file, errors] of results) {
      expect({ file, errors: formatErrors(errors) }).toEqual({ file, errors: [] });
    }
  });

  test('LibreOffice opens a letter and the single document', async () => {
    const texts = await convertToPdfText([files[0] as string, single], join(dir, `pdf ${name}`));
    expect(texts.get(files[0] as string)).toContain('Garage Durand Martin Léa');
    const pages = (texts.get(single) ?? '').split('\f');
    const firstPages = pages.filter((page) => page.includes('Toulouse, le 04/12/2026'));
    expect(firstPages).toHaveLength(debtors.length);
    // Page numbers restart with each letter.
    expect(pages.filter((page) => /Page 1 sur/.test(page))).toHaveLength(debtors.length);
  });
});

describe.each(['Relance 2e rappel', 'Mise en demeure'])('%s states the right terms', (name) => {
  const template = compileTemplate(readFileSync(join(ROOT, 'assets', 'templates', `${name}.docx`)));
  const text = (values: (typeof debtors)[number]) =>
    readParagraphTexts(partXml(renderLetter(template, values))).join('\n');
  const professional = debtors.find((values) => values.isProfessional === true);
  const consumer = debtors.find((values) => values.isProfessional === false);

  test('a professional gets penalties, indemnity and total', () => {
    const letter = text(professional as (typeof debtors)[number]);

    expect(letter).toMatch(/soit \d[\d\u00a0]*,\d\d\u00a0€ à ce jour/);
    expect(letter).toContain('Total pénalités');
    expect(letter).toMatch(/Le montant total dû s’élève ainsi à \d/);
    expect(letter).not.toContain('taux légal');
  });

  test('a consumer gets the statutory interest only', () => {
    const letter = text(consumer as (typeof debtors)[number]);

    expect(letter).toMatch(/intérêts au taux légal (courront )?à compter de la (présente )?mise/);
    expect(letter).not.toContain('indemnité forfaitaire');
    expect(letter).not.toContain('Total pénalités');
  });
});
