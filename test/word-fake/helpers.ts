/** Shared helpers of the Word fake's tests: reading parts of the .docx files the fake writes. */
import { readDocx, readPartText } from '../support/docx-package';
import { readParagraphTexts } from '../support/word-text';

export const MAIN_PART = 'word/document.xml';

export function partXml(docx: Uint8Array, part = MAIN_PART): string {
  return readPartText(readDocx(docx), part);
}

/** Paragraph texts of a part, text boxes included, line breaks as "\n". */
export function paragraphTexts(docx: Uint8Array, part = MAIN_PART): string[] {
  return readParagraphTexts(partXml(docx, part));
}

/** Ends a batch with a sync whose failure is returned, so a test can inspect the error. */
export async function syncError(context: Word.RequestContext): Promise<unknown> {
  try {
    await context.sync();
  } catch (error) {
    return error;
  }
  throw new Error('context.sync() succeeded; a failure was expected');
}
