/**
 * Actions of the "Modèle" tab's buttons, each ending in a French notice for the user: selecting a
 * word in Word, inserting or copying a field, opening a starter template in Word.
 */
import type { FieldName } from '../../merge/fields';
import { insertFieldAtCursor, selectWordInDocument, type WordHost } from '../../merge/word';
import type { Notice } from './Notice';
import { openAsNewDocument } from './new-document';
import { errorMessage, fetchStarterTemplate, type FetchFile } from './template-file';

/** Selects the first occurrence of `word` in the document open in Word. */
export async function selectWord(host: WordHost, word: string): Promise<Notice> {
  try {
    const found = await selectWordInDocument(host, word, 0);
    return found
      ? { intent: 'info', text: `« ${word} » est sélectionné dans le document.` }
      : {
          intent: 'warning',
          text:
            `« ${word} » n’est plus dans le document. Cliquez sur « Vérifier le modèle » ` +
            'pour mettre la liste à jour.',
        };
  } catch {
    // Office's own message is English and technical: the user gets the next step instead.
    return {
      intent: 'error',
      text: `Word n’a pas pu sélectionner « ${word} ». Cliquez dans le document, puis réessayez.`,
    };
  }
}

export async function insertField(host: WordHost, field: FieldName): Promise<Notice> {
  try {
    await insertFieldAtCursor(host, field);
    return { intent: 'success', text: `${field} est inséré à l’emplacement du curseur.` };
  } catch {
    return {
      intent: 'error',
      text:
        `Word n’a pas pu insérer ${field}. Cliquez dans le document à l’endroit voulu, ` +
        'puis réessayez.',
    };
  }
}

/** The part of the Clipboard API used here; in a plain browser it is `navigator.clipboard`. */
export type TextClipboard = Pick<Clipboard, 'writeText'>;

export async function copyField(
  clipboard: TextClipboard | undefined,
  field: FieldName,
): Promise<Notice> {
  try {
    if (!clipboard) {
      throw new Error('no clipboard');
    }
    await clipboard.writeText(field);
    return {
      intent: 'success',
      text: `${field} est copié : collez-le dans votre modèle (Ctrl+V).`,
    };
  } catch {
    // Browsers reject clipboard writes from pages that are not secure or not focused.
    return {
      intent: 'error',
      text: `Le navigateur a refusé la copie : sélectionnez ${field} et copiez-le (Ctrl+C).`,
    };
  }
}

/** Fetches a starter template and opens a copy of it as a new document in Word. */
export async function openStarter(
  host: WordHost,
  starter: { file: string; label: string },
  fetchFile?: FetchFile,
): Promise<Notice> {
  try {
    const bytes = await fetchStarterTemplate(starter.file, fetchFile);
    await openAsNewDocument(host, bytes);
    return {
      intent: 'success',
      text:
        `Le modèle « ${starter.label} » est ouvert dans un nouveau document : adaptez-le, ` +
        'puis enregistrez-le.',
    };
  } catch (error) {
    return { intent: 'error', text: errorMessage(error) };
  }
}
