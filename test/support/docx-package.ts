/**
 * Reading and writing the parts of a .docx (an OPC package: a ZIP archive of XML parts).
 *
 * Part names are ZIP entry names, without the leading slash that OPC part names carry
 * (`word/document.xml`, not `/word/document.xml`).
 */

import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** The parts of a package by ZIP entry name, in the order the archive stores them. */
export type DocxPackage = Map<string, Uint8Array>;

/** Kinds of parts that contain the text of a Word document. */
export type TextPartKind = 'main' | 'header' | 'footer' | 'footnotes' | 'endnotes';

/** A part that contains document text, with its kind. */
export interface TextPart {
  name: string;
  kind: TextPartKind;
}

/** Kinds of WordprocessingML parts whose root element `wml.xsd` declares. */
export type WordXmlPartKind =
  TextPartKind | 'glossary' | 'comments' | 'styles' | 'settings' | 'numbering';

/** A WordprocessingML part, with its kind. */
export interface WordXmlPart {
  name: string;
  kind: WordXmlPartKind;
}

const CONTENT_TYPES_PART = '[Content_Types].xml';

const WML_CONTENT_TYPE_PREFIX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';

/**
 * Content types of the main document part: document, template (.dotx), macro-enabled
 * (.docm, .dotm).
 */
const MAIN_DOCUMENT_CONTENT_TYPES = new Set([
  `${WML_CONTENT_TYPE_PREFIX}document.main+xml`,
  `${WML_CONTENT_TYPE_PREFIX}template.main+xml`,
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
]);

const OTHER_WORD_CONTENT_TYPES = new Map<string, Exclude<WordXmlPartKind, 'main'>>([
  [`${WML_CONTENT_TYPE_PREFIX}document.glossary+xml`, 'glossary'],
  [`${WML_CONTENT_TYPE_PREFIX}header+xml`, 'header'],
  [`${WML_CONTENT_TYPE_PREFIX}footer+xml`, 'footer'],
  [`${WML_CONTENT_TYPE_PREFIX}footnotes+xml`, 'footnotes'],
  [`${WML_CONTENT_TYPE_PREFIX}endnotes+xml`, 'endnotes'],
  [`${WML_CONTENT_TYPE_PREFIX}comments+xml`, 'comments'],
  [`${WML_CONTENT_TYPE_PREFIX}styles+xml`, 'styles'],
  [`${WML_CONTENT_TYPE_PREFIX}settings+xml`, 'settings'],
  [`${WML_CONTENT_TYPE_PREFIX}numbering+xml`, 'numbering'],
]);

const TEXT_PART_KINDS: ReadonlySet<WordXmlPartKind> = new Set<TextPartKind>([
  'main',
  'header',
  'footer',
  'footnotes',
  'endnotes',
]);

/**
 * Unzips a .docx, .docm or .dotx into its parts.
 *
 * @throws Error when the bytes are not a ZIP archive or lack `[Content_Types].xml`.
 */
export function readDocx(bytes: Uint8Array): DocxPackage {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new Error(`Invalid .docx: not a ZIP archive (${String(error)})`, { cause: error });
  }

  const docx: DocxPackage = new Map(Object.entries(entries));
  if (!docx.has(CONTENT_TYPES_PART)) {
    throw new Error(`Invalid .docx: ${CONTENT_TYPES_PART} is missing`);
  }
  return docx;
}

/** Zips the parts back into a .docx, in the map's order, compressing with DEFLATE. */
export function writeDocx(docx: DocxPackage): Uint8Array {
  const entries: Zippable = {};
  for (const [name, bytes] of docx) {
    entries[name] = bytes;
  }
  return zipSync(entries, { level: 6 });
}

/**
 * Returns the text of an XML part, decoded as UTF-8 without its byte order mark.
 *
 * @throws Error when the part is missing or is encoded in UTF-16, which Word reads but these
 * helpers do not.
 */
export function readPartText(docx: DocxPackage, name: string): string {
  const bytes = docx.get(name);
  if (bytes === undefined) {
    throw new Error(
      `Part ${name} not found in the package (parts: ${[...docx.keys()].join(', ')})`,
    );
  }

  const startsWithUtf16Bom =
    bytes.length >= 2 &&
    ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe));
  if (startsWithUtf16Bom) {
    throw new Error(`Part ${name} is encoded in UTF-16; only UTF-8 parts are supported`);
  }

  return strFromU8(bytes).replace(/^\uFEFF/, '');
}

/** Replaces (or adds) an XML part, encoded as UTF-8. */
export function writePartText(docx: DocxPackage, name: string, text: string): void {
  docx.set(name, strToU8(text));
}

/**
 * Returns the content type of a part: its `Override` in `[Content_Types].xml`, else the `Default`
 * for its extension, else undefined.
 */
export function contentTypeOf(docx: DocxPackage, name: string): string | undefined {
  return lookUpContentType(parseContentTypes(readPartText(docx, CONTENT_TYPES_PART)), name);
}

function lookUpContentType(contentTypes: ContentTypes, name: string): string | undefined {
  const override = contentTypes.overrides.get(`/${name}`.toLowerCase());
  if (override !== undefined) {
    return override;
  }

  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return contentTypes.defaults.get(extension);
}

/**
 * Lists the WordprocessingML parts that `wml.xsd` can validate (main document, glossary document,
 * headers, footers, footnotes, endnotes, comments, styles, settings, numbering), in archive order.
 */
export function listWordXmlParts(docx: DocxPackage): WordXmlPart[] {
  const contentTypes = parseContentTypes(readPartText(docx, CONTENT_TYPES_PART));

  const parts: WordXmlPart[] = [];
  for (const name of docx.keys()) {
    const kind = wordPartKindOf(lookUpContentType(contentTypes, name));
    if (kind !== undefined) {
      parts.push({ name, kind });
    }
  }
  return parts;
}

/**
 * Lists the parts that contain the document's text: main document, headers, footers, notes. The
 * glossary document (building blocks) is left out because its text is not in the document.
 */
export function listTextParts(docx: DocxPackage): TextPart[] {
  return listWordXmlParts(docx).filter((part): part is TextPart => TEXT_PART_KINDS.has(part.kind));
}

/**
 * Returns the name of the main document part, found by its content type.
 *
 * @throws Error when no part, or more than one, has a main-document content type.
 */
export function findMainDocumentPart(docx: DocxPackage): string {
  const mains = listWordXmlParts(docx).filter((part) => part.kind === 'main');
  if (mains.length !== 1) {
    throw new Error(
      `Expected one main document part in [Content_Types].xml, found ${mains.length}: ` +
        mains.map((part) => part.name).join(', '),
    );
  }
  return mains[0]!.name;
}

function wordPartKindOf(contentType: string | undefined): WordXmlPartKind | undefined {
  if (contentType === undefined) {
    return undefined;
  }
  if (MAIN_DOCUMENT_CONTENT_TYPES.has(contentType)) {
    return 'main';
  }
  return OTHER_WORD_CONTENT_TYPES.get(contentType);
}

interface ContentTypes {
  /** Content type by lower-case extension. */
  defaults: Map<string, string>;
  /** Content type by lower-case part name with its leading slash, as OPC part names ignore case. */
  overrides: Map<string, string>;
}

function parseContentTypes(xml: string): ContentTypes {
  const contentTypes: ContentTypes = { defaults: new Map(), overrides: new Map() };

  // A regular expression is enough here because the file is flat: empty Default and Override
  // elements whose attributes never contain markup.
  for (const match of xml.matchAll(/<(Default|Override)\s([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[2] ?? '');
    const contentType = attributes.get('ContentType');
    if (contentType === undefined) {
      continue;
    }

    const extension = attributes.get('Extension');
    const partName = attributes.get('PartName');
    if (match[1] === 'Default' && extension !== undefined) {
      contentTypes.defaults.set(extension.toLowerCase(), contentType);
    } else if (match[1] === 'Override' && partName !== undefined) {
      contentTypes.overrides.set(partName.toLowerCase(), contentType);
    }
  }
  return contentTypes;
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(match[1]!, match[2] ?? match[3] ?? '');
  }
  return attributes;
}

/**
 * Returns a copy of a .docx in which `edit` has rewritten one XML part, for tests that insert
 * field words into corpus files.
 */
export function editDocxPart(
  bytes: Uint8Array,
  name: string,
  edit: (xml: string) => string,
): Uint8Array {
  const docx = readDocx(bytes);
  writePartText(docx, name, edit(readPartText(docx, name)));
  return writeDocx(docx);
}
