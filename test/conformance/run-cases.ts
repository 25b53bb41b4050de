/**
 * Runs every case of a folder through both engines. A case is a sub-folder holding
 * `template.docx` and `record.json`. Its two letters are written to `outDir/<case>/` as
 * `docx-engine.docx` and `word-engine.docx`, so that a difference can be opened in Word.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { CaseError, runCase, type CaseInput, type CaseResult, type CaseRun } from './case-runner';
import type { WordEngine } from './engines';

export type { CaseResult } from './case-runner';

export type ConformanceOptions = {
  casesDir: string;
  outDir: string;
  /** The letters' date (`opistodatejour`), as YYYY-MM-DD. */
  date: string;
  /** The engine compared with the .docx engine; the Word.js engine on the fake Word by default. */
  wordEngine?: WordEngine;
};

/**
 * Runs the cases in name order and returns one result per case. A case that cannot be read fails
 * with a French message, and the run goes on with the next case.
 *
 * @throws CaseError when the cases folder cannot be listed.
 */
export async function runConformance(options: ConformanceOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];

  // An output folder inside the cases folder is not a case.
  const cases = listCases(options.casesDir).filter(
    (name) => resolve(options.casesDir, name) !== resolve(options.outDir),
  );
  for (const name of cases) {
    const run = await runFolderCase(join(options.casesDir, name), name, options);
    writeLetters(join(options.outDir, name), run);
    results.push(run.result);
  }
  return results;
}

/** Lists the sub-folders of the cases folder, sorted by name. */
export function listCases(casesDir: string): string[] {
  try {
    return readdirSync(casesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new CaseError(`dossier des cas illisible « ${casesDir} »`, { cause: error });
  }
}

async function runFolderCase(
  folder: string,
  name: string,
  options: ConformanceOptions,
): Promise<CaseRun> {
  let input: CaseInput;
  try {
    input = readCase(folder, name);
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    const result = { name, passed: false, roundTrips: null, differences: [], note };
    return { result, letters: {} };
  }
  return runCase(input, options.date, options.wordEngine ?? (await defaultWordEngine()));
}

/**
 * Loads the Word.js engine and the fake Word only when no other engine is given, so that tests of
 * the runner with stand-in engines do not depend on them.
 */
async function defaultWordEngine(): Promise<WordEngine> {
  const { wordJsEngine } = await import('./word-engine');
  return wordJsEngine;
}

/** Reads a case folder, or throws a CaseError with a French message for a missing or bad file. */
export function readCase(folder: string, name: string): CaseInput {
  const templatePath = join(folder, 'template.docx');
  const recordPath = join(folder, 'record.json');
  for (const path of [templatePath, recordPath]) {
    if (!existsSync(path)) {
      throw new CaseError(`fichier manquant : ${path}`);
    }
  }

  const template = new Uint8Array(readFileSync(templatePath));
  try {
    return { name, template, record: JSON.parse(readFileSync(recordPath, 'utf8')) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CaseError(`record.json n’est pas du JSON valide (${reason})`, { cause: error });
  }
}

/** Writes a case's letters, and removes those of an earlier run that this run did not make. */
function writeLetters(folder: string, run: CaseRun): void {
  const letters: [string, Uint8Array | undefined][] = [
    ['docx-engine.docx', run.letters.docxEngine],
    ['word-engine.docx', run.letters.wordEngine],
  ];

  mkdirSync(folder, { recursive: true });
  for (const [file, bytes] of letters) {
    if (bytes === undefined) {
      rmSync(join(folder, file), { force: true });
    } else {
      writeFileSync(join(folder, file), bytes);
    }
  }
}
