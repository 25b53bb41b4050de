/**
 * The run report: each client with its letter file, its status and the reasons of a failure.
 */
import { writeFileSync } from 'node:fs';

import type { UnknownWord } from '../merge/summary';
import { UsageError } from './read-inputs';

export type LetterOutcome = {
  clientId: string;
  clientName: string;
  /** File name in the output folder, or null when no letter was written. */
  file: string | null;
  /** "skipped": left out on purpose by a check before sending (see `errors` for why). */
  status: 'written' | 'failed' | 'skipped';
  /** French messages for the user; empty when the letter was written. */
  errors: string[];
  /** With --pdf: the PDF's file name in the output folder, or null when it was not made. */
  pdf?: string | null;
  /** With --pdf, when the PDF was not made: the French message for the user. */
  pdfError?: string;
};

export type MergeReport = {
  template: string;
  letterDate: string;
  singleDocument: boolean;
  written: number;
  failed: number;
  /** Clients left out by the checks before sending: nothing due, threshold, unmatched payments. */
  skipped: number;
  /** With --pdf: clients whose letter was written but whose PDF was not made. */
  pdfFailed?: number;
  /** With --api: reminders recorded in the history, and the reason when some were not. */
  history?: { recorded: number; error: string | null };
  /** The reminder level of this merge. */
  level: string;
  /** Words of the template that start with "opisto" but name no field; left as typed. */
  unknownWords: UnknownWord[];
  letters: LetterOutcome[];
};

/** Describes a word that looks like a field but is not one, as a French warning. */
export function describeUnknownWord(word: UnknownWord): string {
  const advice = word.suggestion
    ? `vouliez-vous dire « ${word.suggestion} » ?`
    : 'aucun champ ne lui ressemble : vérifiez-le dans la liste des champs';
  return (
    `« ${word.word} » n’est pas un champ connu et reste tel quel dans les courriers ` +
    `(${advice}).`
  );
}

export function writeReport(path: string, report: MergeReport): void {
  try {
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`${path} : impossible d’écrire le rapport (${code}).`);
  }
}
