/**
 * The two merge engines give the same letter. Every committed case, every corpus file with field
 * words inserted, and templates of growing size are merged by the .docx engine and by the Word.js
 * engine on the fake Word object model, and the outlines of the letters compared. The Word.js
 * letters must also validate against the ECMA-376 schemas.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { strFromU8, unzipSync } from 'fflate';

import { readCorpus } from '../support/corpus';
import { formatErrors, validateDocx, validateDocxFiles } from '../support/ooxml-validate';
import { paragraph } from '../fixtures/make-docx';
import { makeCaseDocx } from './case-docx';
import { runCase, type CaseResult, type CaseRun } from './case-runner';
import { buildCase, CASES, exampleRecord, recordText } from './case-templates';
import { insertFieldWords } from './corpus-cases';
import { runConformance } from './run-cases';
import { wordJsEngine } from './word-engine';

const CASES_DIR = join(__dirname, 'cases');
const DATE = '2018-10-29';
const MAX_ROUND_TRIPS = 3;

/** Returns the parts of a .docx as text, by name. */
function partTexts(docx: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(docx)).map(([name, bytes]) => [name, strFromU8(bytes)]),
  );
}

/** A passing result as the assertions compare it, so that a failure prints the differences. */
function summary(result: CaseResult) {
  return { name: result.name, passed: result.passed, differences: result.differences };
}

/** Cases the add-in merges with the .docx engine: unreachable words, or Word.js passing on them. */
const DOCX_ONLY = [
  'liste-fin-de-section',
  'mot-colle-a-un-trait',
  'note-de-bas-de-page',
  'zone-de-texte',
];

describe('committed cases', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'opisto-conformance-'));
  let results: CaseResult[] = [];

  beforeAll(async () => {
    results = await runConformance({ casesDir: CASES_DIR, outDir, date: DATE });
  });

  test.each(CASES.map((definition) => [definition.name, definition] as const))(
    '%s is up to date with its definition',
    (name, definition) => {
      const built = buildCase(definition);
      const folder = join(CASES_DIR, name);

      // Parts as text show which part is stale; the bytes then catch any other change.
      const committed = new Uint8Array(readFileSync(join(folder, 'template.docx')));
      expect(partTexts(committed)).toEqual(partTexts(built.template));
      expect(Buffer.from(committed).equals(Buffer.from(built.template))).toBe(true);
      expect(readFileSync(join(folder, 'record.json'), 'utf8')).toBe(recordText(built.record));
    },
  );

  test('every committed case is run', () => {
    expect(results.map((result) => result.name).sort()).toEqual(
      CASES.map((definition) => definition.name).sort(),
    );
  });

  test.each(CASES.map((definition) => [definition.name] as const))(
    '%s: both engines give the same letter',
    (name) => {
      const result = results.find((candidate) => candidate.name === name);

      expect(result && summary(result)).toEqual({ name, passed: true, differences: [] });
    },
  );

  test('Word.js merges reachable cases in few round trips', () => {
    const merged = results.filter((result) => result.roundTrips !== null);
    const docxOnly = results.filter((result) => result.roundTrips === null);

    expect(docxOnly.map((result) => result.name).sort()).toEqual(DOCX_ONLY);
    docxOnly.forEach((result) => expect(result.note).toMatch(/^moteur \.docx seulement : /));
    merged.forEach((result) => {
      expect({ name: result.name, note: result.note }).toEqual({ name: result.name, note: null });
      expect(result.roundTrips).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    });
  });

  test('every Word.js letter validates against the schemas', async () => {
    const files = results
      .map((result) => join(outDir, result.name, 'word-engine.docx'))
      .filter((file) => existsSync(file));
    expect(files.length).toBe(CASES.length - DOCX_ONLY.length);

    const validation = await validateDocxFiles(files);
    for (const file of files) {
      const errors = formatErrors(validation.get(file) ?? []);
      expect({ file, errors }).toEqual({ file, errors: [] });
    }
  });
});

describe('corpus files with field words inserted', () => {
  const corpus = readCorpus();

  test.each(corpus.map((file) => [file.name, file] as const))(
    '%s: both engines give the same letter',
    async (name, file) => {
      const template = insertFieldWords(file);
      const run = await runCase({ name, template, record: exampleRecord() }, DATE, wordJsEngine);

      expect({ ...summary(run.result), note: run.result.note }).toEqual({
        name,
        passed: true,
        differences: [],
        note: null,
      });
      expect(run.result.roundTrips).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
      expect(await addedSchemaErrors(file.bytes, run)).toEqual([]);
    },
  );
});

/** Schema messages without the element path, which moves when paragraphs are added. */
async function schemaMessages(docx: Uint8Array): Promise<Set<string>> {
  const errors = formatErrors(await validateDocx(docx));
  return new Set(errors.map((error) => error.replace(/^(\S+): \/\S*: /, '$1: ')));
}

/** Lists the schema errors of the Word.js letter that its template did not have already. */
async function addedSchemaErrors(template: Uint8Array, run: CaseRun): Promise<string[]> {
  const letter = run.letters.wordEngine;
  if (letter === undefined) {
    return ['no Word.js letter'];
  }
  const before = await schemaMessages(template);
  return [...(await schemaMessages(letter))].filter((message) => !before.has(message));
}

describe('round trips per letter', () => {
  const TEXT_FIELDS = ['opistoclientnom', 'opistoclientville', 'opistoclientsolde'];

  /** A template with `words` field words (one list word among them) and a record of `rows`. */
  function scaledCase(words: number, rows: number) {
    const lines = Array.from({ length: words - 1 }, (_, index) =>
      paragraph(`Ligne ${index} : ${TEXT_FIELDS[index % TEXT_FIELDS.length]}`),
    );
    const template = makeCaseDocx({ body: lines.join('') + paragraph('opistolistefactures') });
    const record = exampleRecord((draft) => {
      draft.invoices = Array.from({ length: rows }, (_, index) => ({
        number: `F-${String(index).padStart(5, '0')}`,
        date: '2018-10-01',
        dueDate: '2018-11-01',
        totalCents: 1000 + index,
        paidCents: 0,
      }));
    });
    return { name: `${words} mots, ${rows} lignes`, template, record };
  }

  test('stay constant from 5 to 500 words and rows, at most 3', async () => {
    const sizes = [
      [5, 5],
      [50, 50],
      [500, 500],
      [5, 500],
      [500, 5],
    ] as const;
    const roundTrips: number[] = [];
    for (const [words, rows] of sizes) {
      const run = await runCase(scaledCase(words, rows), DATE, wordJsEngine);

      expect(summary(run.result)).toEqual({
        name: run.result.name,
        passed: true,
        differences: [],
      });
      roundTrips.push(run.result.roundTrips ?? Number.NaN);
    }

    expect(new Set(roundTrips).size).toBe(1);
    expect(roundTrips[0]).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
  });
});
