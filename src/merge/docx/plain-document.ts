/**
 * Makes a letter from any kind of Word template a plain .docx. A .dotx or .dotm template becomes
 * a document and macros are left out. Mail-merge settings are dropped, so that Word does not ask
 * for a data source when it opens the letter.
 */
import { strFromU8, strToU8 } from 'fflate';

import { relationshipsPartName } from './package';

const CONTENT_TYPES = '[Content_Types].xml';
const DOCUMENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const OTHER_MAIN_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
];
const MACRO_PARTS = /^word\/(vbaProject\.bin|vbaData\.xml|_rels\/vbaProject\.bin\.rels)$/;

/** Returns the package's files with the changes above; the input map is left as it is. */
export function toPlainDocument(
  files: ReadonlyMap<string, Uint8Array>,
  mainPart: string,
): Map<string, Uint8Array> {
  const result = new Map(files);

  for (const name of files.keys()) {
    if (MACRO_PARTS.test(name)) {
      result.delete(name);
    }
  }
  editText(result, CONTENT_TYPES, fixContentTypes);
  editText(result, relationshipsPartName(mainPart), dropMacroRelationships);
  editText(result, 'word/settings.xml', dropMailMerge);
  return result;
}

function editText(
  files: Map<string, Uint8Array>,
  name: string,
  edit: (xml: string) => string,
): void {
  const bytes = files.get(name);
  if (!bytes) {
    return;
  }

  const before = strFromU8(bytes);
  const after = edit(before);
  if (after !== before) {
    files.set(name, strToU8(after));
  }
}

function fixContentTypes(xml: string): string {
  let fixed = xml;
  for (const type of OTHER_MAIN_TYPES) {
    fixed = fixed.split(`"${type}"`).join(`"${DOCUMENT_TYPE}"`);
  }
  return fixed.replace(/<Override\b[^>]*PartName="\/word\/vbaData\.xml"[^>]*\/>/g, '');
}

function dropMacroRelationships(xml: string): string {
  return xml.replace(/<Relationship\b[^>]*relationships\/(vbaProject|wordVbaData)"[^>]*\/>/g, '');
}

function dropMailMerge(xml: string): string {
  return xml.replace(/<w:mailMerge>[\s\S]*?<\/w:mailMerge>|<w:mailMerge\/>/g, '');
}
