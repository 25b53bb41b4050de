/**
 * Reading and writing the zip package of a .docx, and finding the parts that hold text.
 */
import { strFromU8, strToU8, unzipSync } from 'fflate';

import {
  templateEncrypted,
  templateLegacyDoc,
  templateUnreadable,
  templateWithoutDocument,
} from '../errors';
import { childElements, parseXml } from './xml';
import { writeZip, zipEntry, type ZipEntry } from './zip-writer';

/** Place of a part's text in the letter, used in reports and to pick the parts to process. */
export type PartKind = 'body' | 'header' | 'footer' | 'footnotes' | 'endnotes';

export type TextPart = { name: string; kind: PartKind };

export type DocxPackage = {
  /** Every entry of the zip, uncompressed, by part name ("word/document.xml"). */
  files: ReadonlyMap<string, Uint8Array>;
  mainPart: string;
  /** The main part first, then headers, footers, footnotes and endnotes. */
  textParts: readonly TextPart[];
};

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b];

/** Stops a crafted zip from filling memory: real letters are far below this. */
const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

const RELATIONSHIP_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const OFFICE_DOCUMENT_TYPES = [
  `${RELATIONSHIP_TYPES}officeDocument`,
  // Strict Open XML documents name the same relationship under the purl.oclc.org namespace.
  'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument',
];
const TEXT_PART_TYPES: Readonly<Record<string, PartKind>> = {
  header: 'header',
  footer: 'footer',
  footnotes: 'footnotes',
  endnotes: 'endnotes',
};

/** Reads a .docx (also .docm, .dotx, .dotm); raises a French MergeError for anything else. */
export function readDocxPackage(bytes: Uint8Array): DocxPackage {
  rejectOleFile(bytes);
  const files = unzip(bytes);

  const mainPart = findMainPart(files);
  const textParts = [{ name: mainPart, kind: 'body' as const }, ...findTextParts(files, mainPart)];
  return { files, mainPart, textParts };
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

// Word 97-2003 files and password-protected .docx files are both OLE compound files. The
// encrypted ones carry an "EncryptionInfo" stream and Word 97-2003 ones a "WordDocument" stream,
// whose names are stored in UTF-16.
function rejectOleFile(bytes: Uint8Array): void {
  if (!startsWith(bytes, OLE_SIGNATURE)) {
    return;
  }
  if (containsUtf16(bytes, 'EncryptionInfo') || containsUtf16(bytes, 'EncryptedPackage')) {
    throw templateEncrypted();
  }
  if (containsUtf16(bytes, 'WordDocument')) {
    throw templateLegacyDoc();
  }
  // Another OLE file: an Excel 97-2003 workbook, an Outlook message…
  throw templateUnreadable('OLE compound file without a WordDocument stream');
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = [...text].flatMap((char) => [char.charCodeAt(0), 0]);
  const last = bytes.length - needle.length;

  for (let start = 0; start <= last; start++) {
    if (needle.every((byte, index) => bytes[start + index] === byte)) {
      return true;
    }
  }
  return false;
}

function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  if (!startsWith(bytes, ZIP_SIGNATURE)) {
    throw templateUnreadable('not a zip file');
  }

  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) {
          throw new Error(`uncompressed size over ${MAX_UNZIPPED_BYTES} bytes`);
        }
        return true;
      },
    });
  } catch (error) {
    throw templateUnreadable(`unzip failed: ${error instanceof Error ? error.message : error}`);
  }
  return new Map(Object.entries(entries));
}

export type Relationship = {
  id: string;
  /** The relationship type's URI, ending in its kind: ".../header", ".../footnotes". */
  type: string;
  /** The target as a part name, "word/header1.xml". */
  target: string;
};

/** Reads the relationships of `sourcePart`; targets come back as part names. */
export function readRelationships(
  files: ReadonlyMap<string, Uint8Array>,
  sourcePart: string,
): Relationship[] {
  const relsName = relationshipsPartName(sourcePart);
  const bytes = files.get(relsName);
  if (!bytes) {
    return [];
  }

  const root = parseXml(strFromU8(bytes), relsName).documentElement;
  if (!root) {
    return [];
  }
  return childElements(root)
    .filter((element) => element.getAttribute('TargetMode') !== 'External')
    .map((element) => ({
      id: element.getAttribute('Id') ?? '',
      type: element.getAttribute('Type') ?? '',
      target: resolveTarget(sourcePart, element.getAttribute('Target') ?? ''),
    }));
}

/** "word/document.xml" → "word/_rels/document.xml.rels"; "" (the package) → "_rels/.rels". */
export function relationshipsPartName(sourcePart: string): string {
  const slash = sourcePart.lastIndexOf('/');
  return `${sourcePart.slice(0, slash + 1)}_rels/${sourcePart.slice(slash + 1)}.rels`;
}

function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  const segments = [...base];

  for (const segment of target.split('/')) {
    if (segment === '..') {
      segments.pop();
    } else if (segment !== '.' && segment !== '') {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

function findMainPart(files: ReadonlyMap<string, Uint8Array>): string {
  const main = readRelationships(files, '').find((rel) => OFFICE_DOCUMENT_TYPES.includes(rel.type));
  if (!main || !files.has(main.target) || !main.target.startsWith('word/')) {
    if (!files.has('[Content_Types].xml')) {
      throw templateUnreadable('no [Content_Types].xml');
    }
    throw templateWithoutDocument();
  }
  return main.target;
}

function findTextParts(files: ReadonlyMap<string, Uint8Array>, mainPart: string): TextPart[] {
  const parts: TextPart[] = [];

  for (const rel of readRelationships(files, mainPart)) {
    const kind = TEXT_PART_TYPES[rel.type.slice(rel.type.lastIndexOf('/') + 1)];
    if (kind && files.has(rel.target) && !parts.some((part) => part.name === rel.target)) {
      parts.push({ name: rel.target, kind });
    }
  }
  return parts;
}

/** Zips part contents into a .docx; `[Content_Types].xml` goes first, as Office writes it. */
export function writeDocxPackage(files: ReadonlyMap<string, Uint8Array | string>): Uint8Array {
  const entries = [...files].map(([name, content]) =>
    zipEntry(name, typeof content === 'string' ? strToU8(content) : content),
  );
  return writeDocxEntries(entries);
}

/** Lays compressed parts out as a .docx, `[Content_Types].xml` first. */
export function writeDocxEntries(entries: readonly ZipEntry[]): Uint8Array {
  return writeZip([...entries].sort((a, b) => rankPart(a.name) - rankPart(b.name)));
}

function rankPart(name: string): number {
  return name === '[Content_Types].xml' ? 0 : 1;
}
