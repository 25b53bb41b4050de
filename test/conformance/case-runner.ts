/**
 * One conformance case: a template and a client record merged by both engines, and the outlines
 * of the two letters compared.
 */
import { parseClientRecord } from '../../src/api/parse-record';
import { buildLetterValues, MergeError, type LetterValues } from '../../src/merge';
import { compareOutlines } from './compare';
import { docxEngine, type WordEngine, type WordEngineOutcome } from './engines';
import { outlineLetter } from './outline';

/** A case as read from its folder: the template's bytes and the record's parsed JSON. */
export type CaseInput = { name: string; template: Uint8Array; record: unknown };

export type CaseResult = {
  name: string;
  passed: boolean;
  /** `context.sync()` calls the Word.js engine made, or null when it did not run. */
  roundTrips: number | null;
  differences: string[];
  /** Why the case failed before any comparison, or why only one engine ran; French. */
  note: string | null;
};

/** The letters a case produced, for writing next to the results. */
export type CaseLetters = { docxEngine?: Uint8Array; wordEngine?: Uint8Array };

export type CaseRun = { result: CaseResult; letters: CaseLetters };

/** The reasons a case fails before its letters are compared; each message is French. */
export class CaseError extends Error {
  override readonly name = 'CaseError';
}

/**
 * Merges a case with both engines and compares the letters. A template or record that cannot be
 * read, or an engine that throws, fails the case with the French message instead of throwing.
 */
export async function runCase(
  input: CaseInput,
  date: string,
  wordEngine: WordEngine,
): Promise<CaseRun> {
  const letters: CaseLetters = {};
  try {
    const values = caseValues(input.record, date);
    letters.docxEngine = docxEngine(input.template)(values);
    const outcome = await mergeWithWord(wordEngine, input.template, values);
    if (outcome.kind === 'letter') {
      letters.wordEngine = outcome.docx;
    }
    return { result: judge(input.name, letters.docxEngine, outcome), letters };
  } catch (error) {
    return { result: failed(input.name, messageOf(error)), letters };
  }
}

/** Checks the record against the contract and builds the values of its letter. */
export function caseValues(record: unknown, date: string): LetterValues {
  const parsed = parseClientRecord(record);
  if (!parsed.ok) {
    const problems = parsed.problems.join(' ; ');
    throw new CaseError(`record.json n’est pas un enregistrement valide : ${problems}`);
  }
  return buildLetterValues(parsed.record, date);
}

/**
 * Reads the template with the Word.js engine and merges it. A MergeError is the template's
 * fault and keeps its message. Any other error is the engine's, and the message names it.
 */
async function mergeWithWord(
  wordEngine: WordEngine,
  template: Uint8Array,
  values: LetterValues,
): Promise<WordEngineOutcome> {
  try {
    return await wordEngine(template)(values);
  } catch (error) {
    if (error instanceof MergeError) {
      throw error;
    }
    throw new CaseError(`le moteur Word.js a échoué : ${messageOf(error)}`, { cause: error });
  }
}

function judge(name: string, docxLetter: Uint8Array, outcome: WordEngineOutcome): CaseResult {
  if (outcome.kind === 'docxOnly') {
    const note = `moteur .docx seulement : ${outcome.reason}`;
    return { name, passed: true, roundTrips: null, differences: [], note };
  }

  const differences = compareOutlines(outlineLetter(docxLetter), outlineLetter(outcome.docx));
  const passed = differences.length === 0;
  return { name, passed, roundTrips: outcome.roundTrips, differences, note: null };
}

function failed(name: string, note: string): CaseResult {
  return { name, passed: false, roundTrips: null, differences: [], note };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
