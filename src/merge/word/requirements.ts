/**
 * The Office.js requirement sets the engine relies on, as the API reference assigns them.
 */

export type RequirementSet = { name: string; version: string };

/**
 * Search, ranges, tables, `getNext`, `expandTo`, `createDocument` and `open`: WordApi 1.3, which
 * every current Word supports (Windows, Mac, web, iPad).
 */
export const WORD_API = { name: 'WordApi', version: '1.3' } as const;

/**
 * Editing a document created in memory (`DocumentCreated.body`, `.sections`) before it opens.
 * Windows and Mac only: on the web and iPad these members fail with NotAllowed.
 */
export const WORD_API_HIDDEN_DOCUMENT = { name: 'WordApiHiddenDocument', version: '1.3' } as const;

/** `Table.mergeCells`, used to join the total row's label cells when the host has it. */
export const WORD_API_MERGE_CELLS = { name: 'WordApi', version: '1.4' } as const;
