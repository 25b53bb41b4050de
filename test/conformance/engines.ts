/**
 * The two merge engines behind one shape, so that the runner treats them alike and tests can
 * put a deliberately wrong engine in place of the Word.js one.
 */
import { compileTemplate, renderLetter, type LetterValues } from '../../src/merge';

/** What the Word.js engine made of one template and one client's values. */
export type WordEngineOutcome =
  | { kind: 'letter'; docx: Uint8Array; roundTrips: number }
  /** The template needs the .docx engine (field words where Word.js search cannot reach). */
  | { kind: 'docxOnly'; reason: string };

/**
 * Reads a template once and returns the function that makes a letter from it. Reading throws
 * the engine's MergeError, with its French message, when the template cannot be read.
 */
export type WordEngine = (
  template: Uint8Array,
) => (values: LetterValues) => Promise<WordEngineOutcome>;

/** Reads a template with the .docx engine and returns the function that renders a letter. */
export function docxEngine(template: Uint8Array): (values: LetterValues) => Uint8Array {
  const compiled = compileTemplate(template);
  return (values) => renderLetter(compiled, values);
}
