/**
 * Fills a compiled template with one client's values.
 */
import { strToU8 } from 'fflate';

import type { ConditionFieldName } from '../fields';
import type { LetterValues } from '../values';
import type { CompiledTemplate } from './compile';
import { writeDocxEntries } from './package';
import type { Segment } from './segments';
import { buildTableXml, SPACER_PARAGRAPH } from './table-xml';
import { escapeXmlText, removeNonXmlCharacters } from './xml';
import { zipEntry, type ZipEntry } from './zip-writer';

/** Makes one letter as .docx bytes. */
export function renderLetter(template: CompiledTemplate, values: LetterValues): Uint8Array {
  const filled = template.parts.map((part) =>
    zipEntry(part.name, strToU8(renderSegments(part.segments, values))),
  );
  return writeDocxEntries([...compressedStaticFiles(template), ...filled]);
}

const compressedByTemplate = new WeakMap<CompiledTemplate, readonly ZipEntry[]>();

// The parts without field words are the same in every letter. Compressing them once per template
// rather than once per letter took a letter from about 3 ms to 1 ms in `npm run bench`.
function compressedStaticFiles(template: CompiledTemplate): readonly ZipEntry[] {
  let entries = compressedByTemplate.get(template);
  if (!entries) {
    entries = [...template.staticFiles].map(([name, bytes]) => zipEntry(name, bytes));
    compressedByTemplate.set(template, entries);
  }
  return entries;
}

/** Joins a part's segments with the values of one letter. */
export function renderSegments(segments: readonly Segment[], values: LetterValues): string {
  let xml = '';

  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as Segment;
    switch (segment.kind) {
      case 'static':
        xml += segment.xml;
        break;
      case 'text':
        xml += textValueXml(values.text[segment.field], segment.textTag);
        break;
      case 'emptyList':
        xml += textValueXml(values.lists[segment.field].emptySentence);
        break;
      case 'blankable':
        if (segment.fields.every((field) => values.text[field].trim() === '')) {
          index = segment.end;
        }
        break;
      case 'condition':
        if (!keepsCondition(segment.field, values)) {
          xml += segment.replacement;
          index = segment.end;
        }
        break;
      case 'list': {
        const table = values.lists[segment.field];
        if (table.rows.length > 0) {
          // The spacer after the table gives table cells, text boxes and the body the final
          // paragraph they require, and keeps the list apart from a table that follows.
          xml += buildTableXml(table, segment.look) + SPACER_PARAGRAPH;
          index = segment.end;
        }
        break;
      }
      case 'end':
      case 'bodySection':
        break;
    }
  }
  return separateTables(xml);
}

/** Tells whether the letter keeps the paragraph; a client of unknown kind keeps neither. */
function keepsCondition(field: ConditionFieldName, values: LetterValues): boolean {
  return field === 'opistosipro' ? values.isProfessional === true : values.isProfessional === false;
}

// Word joins two tables with nothing but range markup between them into one table. They meet
// where a list table follows a table, or where a dropped blank line stood between two tables.
const ADJACENT_TABLES =
  /<\/w:tbl>((?:<w:(?:bookmarkStart|bookmarkEnd|proofErr)\b[^>]*\/>)*)<w:tbl>/g;

function separateTables(xml: string): string {
  return xml.replace(ADJACENT_TABLES, `</w:tbl>$1${SPACER_PARAGRAPH}<w:tbl>`);
}

/**
 * Writes a value as the content of a `w:t`: escaped, cleaned of characters XML cannot hold, with
 * line breaks and tabs turned into Word's own elements. Word's vertical tab (U+000B, its manual
 * line break) and the Unicode line and paragraph separators count as line breaks too.
 */
export function textValueXml(value: string, textTag = 'w:t'): string {
  // eslint-disable-next-line no-control-regex -- U+000B is Word's manual line break.
  const lines = value.replace(/\r\n|[\r\u000b\u2028\u2029]/g, '\n');
  const clean = escapeXmlText(removeNonXmlCharacters(lines));
  if (!/[\n\t]/.test(clean)) {
    return clean;
  }

  const prefix = textTag.slice(0, -1);
  const reopen = `<${textTag} xml:space="preserve">`;
  const lineBreak = `</${textTag}><${prefix}br/>${reopen}`;
  const tab = `</${textTag}><${prefix}tab/>${reopen}`;
  return clean.replace(/[\n\t]/g, (char) => (char === '\t' ? tab : lineBreak));
}
