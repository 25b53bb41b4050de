/**
 * `merge --pdf`: a PDF beside each letter written, made by LibreOffice once every letter is
 * written, so that a missing or slow LibreOffice never costs a letter.
 */
import { basename, join } from 'node:path';

import type { RunLog } from './log';
import { convertLettersToPdf } from './pdf-export';
import type { LetterOutcome } from './report';

/**
 * Converts each written letter to a PDF beside it. A PDF that fails leaves its letter written,
 * with the reason in `pdfError`.
 */
export async function addPdfCopies(
  outcomes: LetterOutcome[],
  outDir: string,
  log: RunLog,
): Promise<LetterOutcome[]> {
  // With --single, every client names the same file, which is converted once.
  const written = outcomes.flatMap((outcome) =>
    outcome.status === 'written' && outcome.file !== null ? [outcome.file] : [],
  );
  const files = [...new Set(written)];
  if (files.length === 0) {
    return outcomes;
  }

  console.log(`Conversion en PDF avec LibreOffice (${files.length} fichier(s))…`);
  const results = await convertLettersToPdf(
    files.map((file) => join(outDir, file)),
    { log },
  );
  const resultByFile = new Map(files.map((file, index) => [file, results[index]]));

  return outcomes.map((outcome) => {
    const result = outcome.file === null ? undefined : resultByFile.get(outcome.file);
    if (result === undefined) {
      return outcome;
    }
    if ('pdf' in result) {
      return { ...outcome, pdf: basename(result.pdf) };
    }
    return { ...outcome, pdf: null, pdfError: result.error };
  });
}

/** Prints each PDF that was not made. Many files failing for one reason make one message. */
export function printPdfFailures(letters: readonly LetterOutcome[]): void {
  const filesByError = new Map<string, Set<string>>();
  for (const letter of letters) {
    if (letter.pdfError !== undefined && letter.file !== null) {
      const files = filesByError.get(letter.pdfError) ?? new Set<string>();
      files.add(letter.file);
      filesByError.set(letter.pdfError, files);
    }
  }

  for (const [error, files] of filesByError) {
    const subject = files.size === 1 ? `« ${[...files].join('')} »` : `${files.size} courriers`;
    console.error(`PDF manquant pour ${subject} :`);
    console.error(`  - ${error}`);
  }
}

/** Prints how many PDFs were written and how many are missing. */
export function printPdfCounts(letters: readonly LetterOutcome[], pdfFailed: number): void {
  const pdfs = new Set(letters.flatMap((letter) => (letter.pdf ? [letter.pdf] : [])));
  console.log(`${pdfs.size} PDF écrit(s) à côté des courriers.`);
  if (pdfFailed > 0) {
    console.log(`${pdfFailed} PDF non créé(s) : voir les messages ci-dessus.`);
  }
}
