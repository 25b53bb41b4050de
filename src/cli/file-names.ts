/**
 * Names of the letter files: the template's name and the client's, valid on Windows, macOS and
 * Linux, and unique within one run.
 */
import sanitize from 'sanitize-filename';

/** Keeps full paths under Windows' 260-character limit in ordinary folders. */
const MAX_BASE_LENGTH = 120;

/** Hands out file names; the same client name twice gets the client id, then a number. */
export class LetterFileNames {
  private readonly taken = new Set<string>();

  constructor(private readonly templateName: string) {}

  /** Returns a free name such as "Relance 1er rappel - Garage Durand Martin Léa.docx". */
  next(clientName: string, clientId: string): string {
    const base = `${this.templateName} - ${clientName || clientId}`;
    const candidates = [base, `${base} (${clientId})`];

    for (let attempt = 2; ; attempt++) {
      const candidate = candidates.shift() ?? `${base} (${clientId}) (${attempt})`;
      const name = `${cleanBase(candidate)}.docx`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}

/** Removes what Windows forbids in a file name and keeps it to a readable length. */
export function cleanBase(text: string): string {
  const spaced = text.replace(/[\s\u00a0]+/g, ' ');
  const safe = sanitize(spaced, { replacement: '_' }).trim();
  const short = safe.length > MAX_BASE_LENGTH ? safe.slice(0, MAX_BASE_LENGTH).trimEnd() : safe;

  // Windows drops trailing dots and spaces, which would make two names collide.
  return short.replace(/[. ]+$/, '') || 'courrier';
}
