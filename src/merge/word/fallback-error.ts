/**
 * Raised when the Word.js engine cannot make a letter faithfully: Word's search and the text
 * disagree, or the template puts a field where Word.js cannot edit it as the .docx engine does.
 * The letter is then made by the .docx engine; the message, in English, is for the log.
 */
export class WordFallbackError extends Error {
  override readonly name = 'WordFallbackError';
}
