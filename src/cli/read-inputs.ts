/**
 * Reads the command line's input files and turns every problem into a French message that names
 * the file and says what to do.
 */
import { readFileSync } from 'node:fs';

import { compileTemplate, MergeError, type CompiledTemplate } from '../merge';

/** A problem with the command line's input: the program stops with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads and compiles the template. */
export function readTemplate(path: string): CompiledTemplate {
  const bytes = readBytes(path, 'modèle');

  try {
    return compileTemplate(bytes);
  } catch (error) {
    if (error instanceof MergeError) {
      throw new UsageError(`${path} : ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Reads the data file: one record or an array of records, left unchecked here. */
export function readRecords(path: string): unknown[] {
  const text = new TextDecoder().decode(readBytes(path, 'données'));

  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${path} : le fichier de données n’est pas du JSON valide (${reason}). ` +
        'Vérifiez-le avec un éditeur JSON ou exportez-le de nouveau.',
    );
  }

  if (Array.isArray(data)) {
    return data;
  }
  if (data !== null && typeof data === 'object') {
    return [data];
  }
  throw new UsageError(
    `${path} : le fichier de données doit contenir un client (objet JSON) ou une liste de clients.`,
  );
}

function readBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'fichier introuvable'
        : code === 'EISDIR'
          ? 'c’est un dossier, pas un fichier'
          : code === 'EACCES'
            ? 'accès refusé'
            : `lecture impossible (${code ?? String(error)})`;
    throw new UsageError(`${path} : ${reason}. Indiquez le chemin du fichier de ${what}.`);
  }
}
