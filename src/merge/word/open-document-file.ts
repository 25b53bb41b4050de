/**
 * Reads the document open in Word as .docx bytes, with the common API's `getFileAsync` in slices.
 *
 * Slices are at most 4 MB (a larger slice size fails with "Internal Error"), and Office keeps no
 * more than two files in memory, so the file is always closed, success or not. Microsoft's
 * reference lists the compressed type as unsupported on Word on the web since November 2025, so a
 * caller must be ready for this to fail there and offer to pick the template's file instead.
 */
import { MergeError } from '../errors';

/** The part of `Office.context.document` this module uses. */
export type OfficeDocumentAccess = Pick<Office.Document, 'getFileAsync'>;

const SLICE_BYTES = 4 * 1024 * 1024;
/** `Office.FileType.Compressed`, written as its value so that this module loads outside Office. */
const COMPRESSED = 'compressed';

/**
 * Reads the whole open document; raises a French MergeError when Word refuses. A result carries
 * `error` only when it failed, which spares comparing with `Office.AsyncResultStatus`, a value
 * that exists only once Office.js has loaded.
 */
export async function readOpenDocument(document: OfficeDocumentAccess): Promise<Uint8Array> {
  const file = await new Promise<Office.File>((resolve, reject) => {
    document.getFileAsync(
      COMPRESSED as unknown as Office.FileType,
      { sliceSize: SLICE_BYTES },
      (result) => {
        if (result.error) {
          reject(cannotRead(result.error));
        } else {
          resolve(result.value);
        }
      },
    );
  });

  try {
    return await readSlices(file);
  } finally {
    file.closeAsync();
  }
}

async function readSlices(file: Office.File): Promise<Uint8Array> {
  const slices: Uint8Array[] = [];
  for (let index = 0; index < file.sliceCount; index++) {
    slices.push(await readSlice(file, index));
  }

  const bytes = new Uint8Array(slices.reduce((sum, slice) => sum + slice.length, 0));
  let offset = 0;
  for (const slice of slices) {
    bytes.set(slice, offset);
    offset += slice.length;
  }
  return bytes;
}

function readSlice(file: Office.File, index: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    file.getSliceAsync(index, (result) => {
      if (result.error) {
        reject(cannotRead(result.error));
      } else {
        // The reference types the data as any: a byte array in practice.
        resolve(Uint8Array.from(result.value.data as ArrayLike<number>));
      }
    });
  });
}

function cannotRead(error: Office.Error): MergeError {
  return new MergeError(
    'template_unreadable',
    'Word n’a pas pu transmettre le modèle ouvert au complément. Enregistrez le document, puis ' +
      'réessayez ; sur Word pour le web, choisissez plutôt le fichier du modèle.',
    { officeCode: error.code, officeMessage: error.message },
  );
}
