/**
 * The Word.js engine: merging inside Word with Word's own search, ranges and tables, and the
 * template check the task pane shows. It runs only where Office.js does; tests use a fake of the
 * Word object model.
 */
export { officeWordHost, type WordHost } from './host';
export { prepareWordTemplate, type WordTemplate } from './template';
export { mergeLetterWithWord, type MergeLetterOptions } from './merge-letter';
export { WordFallbackError } from './fallback-error';
export {
  runWordMerge,
  type LetterOutcome,
  type LetterRequest,
  type MergeRoute,
  type WordMergeRequest,
  type WordMergeResult,
} from './run-merge';
export { checkOpenTemplate, insertFieldAtCursor, selectWordInDocument } from './template-check';
export { readOpenDocument, type OfficeDocumentAccess } from './open-document-file';
