/**
 * Names of the letter files: the template's name and the client's, valid on Windows, macOS and
 * Linux, and unique within one run.
 */
import sanitize from 'sanitize-filename';

/**
 * Bytes of UTF-8 for the name before its suffixes. File systems allow 255 bytes per name, and
 * " (client id) (n).docx.partial" must still fit; it also keeps full paths short on Windows.
 */
const MAX_BASE_BYTES = 150;
const MAX_ID_BYTES = 40;

/** Hands out file names; the same client name twice gets the client id, then a number. */
export class LetterFileNames {
  private readonly taken = new Set<string>();

  constructor(private readonly templateName: string) {}

  /** Returns a free name such as "Relance 1er rappel - Garage Durand Martin Léa.docx". */
  next(clientName: string, clientId: string): string {
    const base = cleanName(`${this.templateName} - ${clientName || clientId}`, MAX_BASE_BYTES);
    const id = cleanName(clientId, MAX_ID_BYTES);
    for (const name of candidateNames(base, id)) {
      // Windows and macOS compare names without case.
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
    throw new Error('candidateNames never ends');
  }
}

function* candidateNames(base: string, id: string): Generator<string> {
  yield `${base}.docx`;
  yield `${base} (${id}).docx`;
  for (let copy = 2; ; copy++) {
    yield `${base} (${id}) (${copy}).docx`;
  }
}

/** The Unicode embedding, override and isolate controls, and the direction marks. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes what Windows forbids in a file name and cuts it to `maxBytes` of UTF-8. */
export function cleanName(text: string, maxBytes: number): string {
  // Direction controls could make "x\u202Egnp.exe" show as "xexe.png": a name never needs them.
  const visible = text.replace(BIDI_CONTROLS, '');
  // Windows drops trailing dots and spaces, which would make two names collide.
  const spaced = visible.replace(/[\s\u00a0]+/g, ' ').replace(/[. ]+$/, '');
  const safe = sanitize(truncateUtf8(spaced, maxBytes), { replacement: '_' }).trim();

  return safe.replace(/[. ]+$/, '') || 'courrier';
}

/** Cuts between characters, never inside one, so no half of an emoji is left. */
function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  let result = '';
  let bytes = 0;

  for (const char of text) {
    bytes += encoder.encode(char).length;
    if (bytes > maxBytes) {
      break;
    }
    result += char;
  }
  return result;
}
