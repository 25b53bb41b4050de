/**
 * Opens a template as a new document in Word ("Nouveau modèle"): the user edits and saves the
 * copy, and the starter file itself stays as shipped.
 */
import type { WordHost } from '../../merge/word';
import { encodeBase64 } from '../../merge/word/base64';

const OPEN_FAILED =
  'Word n’a pas pu ouvrir le nouveau document. Sur Word pour le web, autorisez la création ' +
  'du document si Word le demande, puis réessayez.';

/** Creates a document from `bytes` and opens it; throws a French Error when Word refuses. */
export async function openAsNewDocument(host: WordHost, bytes: Uint8Array): Promise<void> {
  const base64 = encodeBase64(bytes);
  try {
    await host.run(async (context) => {
      context.application.createDocument(base64).open();
      await context.sync();
    });
  } catch (error) {
    throw new Error(OPEN_FAILED, { cause: error });
  }
}
