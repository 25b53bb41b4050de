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
  status: 'written' | 'failed';
  /** French messages for the user; empty when the letter was written. */
  errors: string[];
};

export type MergeReport = {
  template: string;
  letterDate: string;
  singleDocument: boolean;
  written: number;
  failed: number;
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
