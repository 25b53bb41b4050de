/**
 * Reads the command line's input files and turns every problem into a French message that names
 * the file and tells the user what to do.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

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
      throw new UsageError(`${resolve(path)} : ${lowerFirst(error.message)}`, { cause: error });
    }
    throw error;
  }
}

/** French puts no capital after a colon, and the engine's messages start a sentence. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Reads the data file: one record or a non-empty array of records, left unchecked here. */
export function readRecords(path: string): unknown[] {
  const text = new TextDecoder().decode(readBytes(path, 'données')).replace(/^\uFEFF/, '');
  const data = parseJson(text, resolve(path));

  if (Array.isArray(data) && data.length === 0) {
    throw new UsageError(
      `${resolve(path)} : la liste de clients est vide, aucun courrier à faire.`,
    );
  }
  if (Array.isArray(data)) {
    return data;
  }
  if (data !== null && typeof data === 'object') {
    return [data];
  }
  throw new UsageError(
    `${resolve(path)} : le fichier de données doit contenir un client (objet JSON { … }) ` +
      'ou une liste de clients ([ … ]).',
  );
}

function parseJson(text: string, path: string): unknown {
  const fix = 'Vérifiez-le avec un éditeur JSON ou exportez-le de nouveau.';
  if (text.trim() === '') {
    throw new UsageError(`${path} : le fichier de données est vide. ${fix}`);
  }
  if (text.startsWith('PK')) {
    throw new UsageError(
      `${path} : c’est un document Word ou une archive zip, pas un fichier de données JSON. ` +
        'Indiquez le modèle avec --template et les clients avec --data.',
    );
  }

  try {
    return JSON.parse(text);
  } catch (error) {
    const where = locateJsonError(text, error);
    throw new UsageError(
      `${path} : le fichier de données n’est pas du JSON valide${where}. ${fix}`,
    );
  }
}

/** " (ligne 3, colonne 14)" from the offset that Node's JSON.parse puts in its message. */
function locateJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  const offset = position
    ? Number(position[1])
    : message.includes('end of JSON')
      ? text.length
      : -1;
  if (offset < 0) {
    return '';
  }

  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` (ligne ${line}, colonne ${column})`;
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
          : code === 'EACCES' || code === 'EPERM'
            ? 'accès refusé'
            : `lecture impossible (${code ?? String(error)})`;
    throw new UsageError(`${resolve(path)} : ${reason}. Indiquez le chemin du fichier de ${what}.`);
  }
}
