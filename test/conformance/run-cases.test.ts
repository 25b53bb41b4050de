/**
 * The conformance runner on cases it sets up itself, with stand-in engines in place of the
 * Word.js engine: a faithful one, one that makes a wrong letter, one that throws.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { paragraph } from '../fixtures/make-docx';
import { makeCaseDocx } from './case-docx';
import { exampleRecord, recordText } from './case-templates';
import { docxEngine, type WordEngine } from './engines';
import { runConformance } from './run-cases';

const DATE = '2018-10-29';

/** Makes the .docx engine's own letter, so every case passes, in two "round trips". */
const faithfulEngine: WordEngine = (template) => {
  const render = docxEngine(template);
  return async (values) => ({ kind: 'letter', docx: render(values), roundTrips: 2 });
};

/** Makes the letter dated a day later, as an engine that reads the wrong date would. */
const wrongDateEngine: WordEngine = (template) => {
  const render = docxEngine(template);
  return async (values) => {
    const shifted = { ...values, text: { ...values.text, opistodatejour: '30/10/2018' } };
    return { kind: 'letter', docx: render(shifted), roundTrips: 2 };
  };
};

const throwingEngine: WordEngine = () => async () => {
  throw new Error('GeneralException');
};

const TEMPLATE = makeCaseDocx({
  body: paragraph('opistoclientnomcomplet') + paragraph('Toulouse, le opistodatejour'),
});

/** Writes a cases folder: each case gets a template and a record.json text, or neither. */
function writeCases(cases: Record<string, { template?: Uint8Array; record?: string }>): string {
  const casesDir = mkdtempSync(join(tmpdir(), 'opisto-cases-'));
  for (const [name, files] of Object.entries(cases)) {
    mkdirSync(join(casesDir, name));
    if (files.template !== undefined) {
      writeFileSync(join(casesDir, name, 'template.docx'), files.template);
    }
    if (files.record !== undefined) {
      writeFileSync(join(casesDir, name, 'record.json'), files.record);
    }
  }
  return casesDir;
}

const GOOD_CASE = { template: TEMPLATE, record: recordText(exampleRecord()) };

describe('runConformance', () => {
  test('passes a case whose letters match and writes both letters', async () => {
    const casesDir = writeCases({ 'date-du-jour': GOOD_CASE });
    const outDir = join(casesDir, 'out');

    const results = await runConformance({
      casesDir,
      outDir,
      date: DATE,
      wordEngine: faithfulEngine,
    });

    expect(results).toEqual([
      { name: 'date-du-jour', passed: true, roundTrips: 2, differences: [], note: null },
    ]);
    expect(existsSync(join(outDir, 'date-du-jour', 'docx-engine.docx'))).toBe(true);
    expect(existsSync(join(outDir, 'date-du-jour', 'word-engine.docx'))).toBe(true);
  });

  test('reports the block where the letters differ', async () => {
    const casesDir = writeCases({ 'date-du-jour': GOOD_CASE });
    const outDir = join(casesDir, 'out');

    const [result] = await runConformance({
      casesDir,
      outDir,
      date: DATE,
      wordEngine: wrongDateEngine,
    });

    expect(result?.passed).toBe(false);
    expect(result?.differences).toEqual([
      'word/document.xml block 1: paragraph "Toulouse, le 29/10/2018" ≠ "Toulouse, le 30/10/2018"',
    ]);
  });

  test('fails unreadable cases with a French message and goes on with the next', async () => {
    const casesDir = writeCases({
      'a-sans-record': { template: TEMPLATE },
      'b-json-casse': { template: TEMPLATE, record: '{ "client": ' },
      'c-record-invalide': { template: TEMPLATE, record: '{ "client": { "id": "" } }' },
      'd-modele-illisible': { template: new Uint8Array([1, 2, 3]), record: GOOD_CASE.record },
      'e-bon': GOOD_CASE,
    });
    const outDir = join(casesDir, 'out');

    const results = await runConformance({
      casesDir,
      outDir,
      date: DATE,
      wordEngine: faithfulEngine,
    });

    expect(results.map((result) => [result.name, result.passed])).toEqual([
      ['a-sans-record', false],
      ['b-json-casse', false],
      ['c-record-invalide', false],
      ['d-modele-illisible', false],
      ['e-bon', true],
    ]);
    expect(results[0]?.note).toMatch(/^fichier manquant : .*record\.json$/);
    expect(results[1]?.note).toMatch(/^record\.json n’est pas du JSON valide/);
    expect(results[2]?.note).toMatch(
      /^record\.json n’est pas un enregistrement valide : client\.id/,
    );
    expect(results[3]?.note).toMatch(/^Le modèle n’est pas un document Word \(\.docx\) lisible/);
  });

  test('fails a case whose Word.js engine throws, naming the engine', async () => {
    const casesDir = writeCases({ 'moteur-en-panne': GOOD_CASE });
    const outDir = join(casesDir, 'out');

    const [result] = await runConformance({
      casesDir,
      outDir,
      date: DATE,
      wordEngine: throwingEngine,
    });

    expect(result).toEqual({
      name: 'moteur-en-panne',
      passed: false,
      roundTrips: null,
      differences: [],
      note: 'le moteur Word.js a échoué : GeneralException',
    });
    expect(existsSync(join(outDir, 'moteur-en-panne', 'docx-engine.docx'))).toBe(true);
  });

  test('passes a template left to the .docx engine, without comparing', async () => {
    const casesDir = writeCases({ 'zone-de-texte': GOOD_CASE });
    const docxOnly: WordEngine = () => async () => ({ kind: 'docxOnly', reason: 'zone de texte' });

    const [result] = await runConformance({
      casesDir,
      outDir: join(casesDir, 'out'),
      date: DATE,
      wordEngine: docxOnly,
    });

    expect(result).toEqual({
      name: 'zone-de-texte',
      passed: true,
      roundTrips: null,
      differences: [],
      note: 'moteur .docx seulement : zone de texte',
    });
  });

  test('removes stale letters of an earlier run', async () => {
    const casesDir = writeCases({ 'date-du-jour': GOOD_CASE });
    const outDir = join(casesDir, 'out');
    const options = { casesDir, outDir, date: DATE };
    await runConformance({ ...options, wordEngine: faithfulEngine });

    await runConformance({ ...options, wordEngine: throwingEngine });

    expect(existsSync(join(outDir, 'date-du-jour', 'word-engine.docx'))).toBe(false);
  });

  test('does not take an output folder inside the cases folder for a case', async () => {
    const casesDir = writeCases({ 'date-du-jour': GOOD_CASE });
    const options = { casesDir, outDir: join(casesDir, 'sortie'), date: DATE };
    await runConformance({ ...options, wordEngine: faithfulEngine });

    const results = await runConformance({ ...options, wordEngine: faithfulEngine });

    expect(results.map((result) => result.name)).toEqual(['date-du-jour']);
  });

  test('rejects a cases folder that does not exist', async () => {
    const casesDir = join(tmpdir(), 'opisto-cases-absent');

    await expect(runConformance({ casesDir, outDir: casesDir, date: DATE })).rejects.toThrow(
      /^dossier des cas illisible/,
    );
  });
});
