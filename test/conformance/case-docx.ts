/**
 * Builds the templates of conformance cases: `makeDocx` from the test fixtures, plus what it does
 * not write (headers and footers of every kind, several sections, tables, text boxes), zipped
 * with a fixed date so that rebuilding a case changes no byte.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

import { A4_SECTION, makeDocx, type DocxParts } from '../fixtures/make-docx';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** Date of every zip entry, so that the committed templates are reproducible. */
const ZIP_DATE = new Date('2024-01-01T00:00:00Z');

/** The `w:type` of a header or footer reference: every page, the first page, even pages. */
export type HeaderFooterType = 'default' | 'first' | 'even';

/** A header or footer part, referenced by the sections that list its `id`. */
export type HeaderFooterPart = {
  id: string;
  kind: 'header' | 'footer';
  /** Paragraphs and tables of the part, as WordprocessingML. */
  content: string;
};

/** A section's header and footer references, by part id, and whether its first page differs. */
export type SectionLayout = {
  references: readonly { kind: 'header' | 'footer'; type: HeaderFooterType; id: string }[];
  titlePage?: boolean;
};

export type CaseDocxParts = Pick<DocxParts, 'body' | 'footnote' | 'settings'> & {
  headerFooters?: readonly HeaderFooterPart[];
  /** Headers and footers of the last section (the body's final `w:sectPr`). */
  finalSection?: SectionLayout;
};

/** Zips a template whose body may end sections with {@link sectionBreak}. */
export function makeCaseDocx(parts: CaseDocxParts): Uint8Array {
  const files = unzipSync(makeDocx(parts));
  const headerFooters = parts.headerFooters ?? [];

  headerFooters.forEach((part, index) => {
    files[partName(part, index)] = strToU8(partXml(part));
  });
  editText(files, '[Content_Types].xml', (xml) =>
    xml.replace('</Types>', `${headerFooters.map(contentTypeOverride).join('')}</Types>`),
  );
  editText(files, 'word/_rels/document.xml.rels', (xml) =>
    xml.replace('</Relationships>', `${headerFooters.map(relationship).join('')}</Relationships>`),
  );
  if (parts.finalSection !== undefined) {
    const layout = parts.finalSection;
    editText(files, 'word/document.xml', (xml) => replaceFinalSection(xml, layout));
  }
  return zipFixed(files);
}

/** Writes an empty paragraph that ends a section laid out as A4 with these headers and footers. */
export function sectionBreak(layout: SectionLayout): string {
  return `<w:p><w:pPr>${sectionXml(layout)}</w:pPr></w:p>`;
}

/** Writes a table of equal-width columns from the XML of each cell's content. */
export function table(rows: readonly (readonly string[])[]): string {
  const columns = rows[0]?.length ?? 1;
  const width = Math.floor(9638 / columns);
  const grid = `<w:gridCol w:w="${width}"/>`.repeat(columns);
  const cell = (content: string) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${content}</w:tc>`;
  const rowXml = rows.map((row) => `<w:tr>${row.map(cell).join('')}</w:tr>`).join('');

  return (
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
    `<w:tblGrid>${grid}</w:tblGrid>${rowXml}</w:tbl>`
  );
}

/**
 * Writes a paragraph that anchors a VML text box (`w:pict`) holding the given paragraphs: the
 * form Word also writes, in `mc:Fallback`, for readers older than Word 2010.
 */
export function textBoxParagraph(before: string, content: string): string {
  const shape =
    '<v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="Zone1" type="#_x0000_t202" ' +
    'style="width:200pt;height:60pt">' +
    `<v:textbox><w:txbxContent>${content}</w:txbxContent></v:textbox></v:shape>`;

  return (
    `<w:p><w:r><w:t xml:space="preserve">${before}</w:t></w:r>` +
    `<w:r><w:pict>${shape}</w:pict></w:r></w:p>`
  );
}

function sectionXml(layout: SectionLayout): string {
  const references = layout.references
    .map(({ kind, type, id }) => `<w:${kind}Reference w:type="${type}" r:id="rId${id}"/>`)
    .join('');
  const titlePage = layout.titlePage === true ? '<w:titlePg/>' : '';

  return A4_SECTION.replace('<w:sectPr>', `<w:sectPr>${references}`).replace(
    '</w:sectPr>',
    `${titlePage}</w:sectPr>`,
  );
}

/** Replaces the body's final `w:sectPr`, the last one of the part. */
function replaceFinalSection(xml: string, layout: SectionLayout): string {
  const start = xml.lastIndexOf('<w:sectPr>');
  const end = xml.indexOf('</w:sectPr>', start) + '</w:sectPr>'.length;
  return xml.slice(0, start) + sectionXml(layout) + xml.slice(end);
}

function partName(part: HeaderFooterPart, index: number): string {
  return `word/${part.kind}${index + 10}.xml`;
}

function partXml(part: HeaderFooterPart): string {
  const root = part.kind === 'header' ? 'w:hdr' : 'w:ftr';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<${root} xmlns:w="${W}" xmlns:r="${R}">${part.content}</${root}>`
  );
}

function contentTypeOverride(part: HeaderFooterPart, index: number): string {
  const name = partName(part, index);
  return `<Override PartName="/${name}" ContentType="${MAIN_TYPE}.${part.kind}+xml"/>`;
}

function relationship(part: HeaderFooterPart, index: number): string {
  const target = partName(part, index).replace('word/', '');
  return `<Relationship Id="rId${part.id}" Type="${R}/${part.kind}" Target="${target}"/>`;
}

function editText(files: Zippable, name: string, edit: (text: string) => string): void {
  const bytes = files[name];
  if (!(bytes instanceof Uint8Array)) {
    throw new Error(`makeDocx wrote no ${name}`);
  }
  files[name] = strToU8(edit(strFromU8(bytes)));
}

function zipFixed(files: Zippable): Uint8Array {
  return zipSync(files, { mtime: ZIP_DATE, level: 6 });
}
