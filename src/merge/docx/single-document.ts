/**
 * All letters in one document, each starting on a new page, as Word's mail merge makes them.
 *
 * Each letter becomes its own section: its last section break is a "next page" one, and its
 * headers and footers are copied per letter when they hold fields. Ids that Word wants unique
 * (drawing ids, bookmark ids) are renumbered per letter. When the template has one section, page
 * numbers restart at 1 for each letter and NUMPAGES fields become SECTIONPAGES, so that "Page 1
 * sur 2" counts the pages of the letter, not of the whole document.
 */
import { strFromU8 } from 'fflate';

import { MergeError } from '../errors';
import type { LetterValues } from '../values';
import type { CompiledTemplate } from './compile';
import { relationshipsPartName, writeDocxPackage } from './package';
import type { CompiledPart, Segment } from './segments';
import { renderSegments } from './render';

// A near-invisible paragraph carries each letter's section break, so it adds no blank line.
const BREAK_PARAGRAPH_START =
  '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' +
  '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>';
const BREAK_PARAGRAPH_END = '</w:pPr></w:p>';

/** Elements that follow `w:pgNumType` in `w:sectPr`, in schema order. */
const AFTER_PAGE_NUMBERS =
  /<w:(cols|formProt|vAlign|noEndnote|titlePg|textDirection|bidi|rtlGutter|docGrid|printerSettings|sectPrChange)\b/;

/** Elements that follow `w:type` in `w:sectPr`, in schema order. */
const AFTER_TYPE =
  /<w:(pgSz|pgMar|paperSrc|pgBorders|lnNumType|pgNumType|cols|formProt|vAlign|noEndnote|titlePg|textDirection|bidi|rtlGutter|docGrid|printerSettings|sectPrChange)\b/;

/** Makes one .docx holding every letter; letters must not be empty. */
export function renderSingleDocument(
  template: CompiledTemplate,
  letters: readonly LetterValues[],
): Uint8Array {
  rejectFieldsInNotes(template);
  const files = new Map<string, Uint8Array | string>(template.staticFiles);
  const main = template.parts.find((part) => part.name === template.mainPart) as CompiledPart;
  const copies = template.parts.filter((part) => isHeaderOrFooter(template, part.name));
  const mainSegments = withSectionMark(main.segments);
  const restartPages = !template.hasInnerSections;

  const bodies = letters.map((values, index) => {
    const ids = copyHeadersAndFooters(template, copies, values, index, files);
    const xml = renumberIds(renderSegments(mainSegments, values), index);
    return renameReferences(xml, ids);
  });
  files.set(template.mainPart, joinBodies(bodies, restartPages));

  for (const part of template.parts.filter((candidate) => candidate !== main)) {
    if (!copies.includes(part)) {
      files.set(part.name, renderSegments(part.segments, letters[0] as LetterValues));
    }
  }
  if (restartPages) {
    countPagesPerLetter(template, files);
  }
  return writeDocxPackage(files);
}

/** Turns NUMPAGES into SECTIONPAGES in the body, headers and footers, copies included. */
function countPagesPerLetter(
  template: CompiledTemplate,
  files: Map<string, Uint8Array | string>,
): void {
  const headersAndFooters = [...files.keys()].filter((name) =>
    /^word\/(header|footer)[^/]*\.xml$/.test(name),
  );

  for (const name of [template.mainPart, ...headersAndFooters]) {
    const xml = readText(files, name);
    if (xml !== undefined && xml.includes('NUMPAGES')) {
      files.set(name, replaceNumPages(xml));
    }
  }
}

function replaceNumPages(xml: string): string {
  return xml
    .replace(/(<w:instrText\b[^>]*>[^<]*?)\bNUMPAGES\b/g, '$1SECTIONPAGES')
    .replace(/(\bw:instr="[^"]*?)\bNUMPAGES\b/g, '$1SECTIONPAGES');
}

function rejectFieldsInNotes(template: CompiledTemplate): void {
  const notes = template.parts.filter(
    (part) => part.name !== template.mainPart && !isHeaderOrFooter(template, part.name),
  );
  if (notes.length > 0) {
    throw new MergeError(
      'template_unsupported',
      'Le modèle a des champs dans des notes de bas de page ou de fin de document, que le mode ' +
        '« Un seul document » ne sait pas répéter pour chaque client. Choisissez « Un document ' +
        'par client », ou sortez ces champs des notes.',
      { parts: notes.map((part) => part.name).join(', ') },
    );
  }
}

function isHeaderOrFooter(template: CompiledTemplate, partName: string): boolean {
  return [...template.headerFooterIds.values()].includes(partName);
}

/**
 * Renders the headers and footers with fields for one letter. The first letter keeps the
 * template's parts; the others get copies with new names and relationship ids.
 */
function copyHeadersAndFooters(
  template: CompiledTemplate,
  parts: readonly CompiledPart[],
  values: LetterValues,
  index: number,
  files: Map<string, Uint8Array | string>,
): Map<string, string> {
  const renamed = new Map<string, string>();

  for (const part of parts) {
    const xml = renderSegments(part.segments, values);
    if (index === 0) {
      files.set(part.name, xml);
      continue;
    }

    const copyName = part.name.replace(/\.xml$/, `_l${index + 1}.xml`);
    files.set(copyName, xml);
    copyPartRelationships(files, part.name, copyName);
    for (const [id, target] of template.headerFooterIds) {
      if (target === part.name) {
        const copyId = `${id}_l${index + 1}`;
        renamed.set(id, copyId);
        addRelationship(files, template.mainPart, id, copyId, copyName);
      }
    }
    addContentType(files, part.name, copyName);
  }
  return renamed;
}

function readText(files: Map<string, Uint8Array | string>, name: string): string | undefined {
  const content = files.get(name);
  return typeof content === 'string' || content === undefined ? content : strFromU8(content);
}

function copyPartRelationships(
  files: Map<string, Uint8Array | string>,
  source: string,
  copy: string,
): void {
  const relationships = files.get(relationshipsPartName(source));
  if (relationships) {
    files.set(relationshipsPartName(copy), relationships);
  }
}

function addRelationship(
  files: Map<string, Uint8Array | string>,
  mainPart: string,
  sourceId: string,
  copyId: string,
  copyName: string,
): void {
  const name = relationshipsPartName(mainPart);
  const xml = readText(files, name) ?? '';
  const source = new RegExp(`<Relationship\\b[^>]*Id="${escapeRegExp(sourceId)}"[^>]*/>`).exec(xml);
  if (!source) {
    return;
  }

  const target = copyName.slice(copyName.lastIndexOf('/') + 1);
  const copy = source[0]
    .replace(/Id="[^"]*"/, `Id="${copyId}"`)
    .replace(/Target="[^"]*"/, `Target="${target}"`);
  files.set(name, xml.replace('</Relationships>', `${copy}</Relationships>`));
}

function addContentType(
  files: Map<string, Uint8Array | string>,
  source: string,
  copy: string,
): void {
  const name = '[Content_Types].xml';
  const xml = readText(files, name) ?? '';
  const override = new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(source)}"[^>]*/>`).exec(
    xml,
  );
  if (override) {
    const added = override[0].replace(/PartName="[^"]*"/, `PartName="/${copy}"`);
    files.set(name, xml.replace('</Types>', `${added}</Types>`));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function renameReferences(xml: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0) {
    return xml;
  }
  return xml.replace(
    /(<w:(?:header|footer)Reference\b[^>]*?\b\w+:id=")([^"]+)(")/g,
    (whole, start: string, id: string, end: string) =>
      renamed.has(id) ? `${start}${renamed.get(id)}${end}` : whole,
  );
}

/** Offsets ids per letter so that no two letters share a drawing or bookmark id. */
function renumberIds(xml: string, index: number): string {
  if (index === 0) {
    return xml;
  }
  const offset = index * 100_000;
  return xml.replace(
    /(<(?:wp:docPr|w:bookmarkStart|w:bookmarkEnd)\b[^>]*?\b(?:w:)?id=")(\d+)(")/g,
    (_whole, start: string, id: string, end: string) => `${start}${Number(id) + offset}${end}`,
  );
}

/** Joins the letters' bodies; every letter but the last ends with a next-page section break. */
function joinBodies(bodies: readonly string[], restartPages: boolean): string {
  const split = bodies.map(splitAtBodySection);
  const sections = split.map((body) =>
    restartPages ? restartPageNumbers(body.section) : body.section,
  );
  const first = split[0] as SplitBody;
  const last = split[split.length - 1] as SplitBody;
  const inner = split.map((body, index) =>
    index === split.length - 1
      ? body.content
      : body.content +
        BREAK_PARAGRAPH_START +
        nextPageSection(sections[index] as string) +
        BREAK_PARAGRAPH_END,
  );

  return `${first.head}${inner.join('')}${sections[split.length - 1]}${last.tail}`;
}

type SplitBody = { head: string; content: string; section: string; tail: string };

function splitAtBodySection(xml: string): SplitBody {
  const bodyOpen = /<w:body\b[^>]*>/.exec(xml);
  const bodyClose = xml.lastIndexOf('</w:body>');
  if (!bodyOpen || bodyClose < 0) {
    throw new MergeError(
      'template_unsupported',
      'Ce modèle n’a pas été enregistré par Word, et le mode « Un seul document » ne sait pas le ' +
        'lire. Ouvrez-le dans Word et enregistrez-le, ou choisissez « Un document par client ».',
      { reason: 'main part does not use the w prefix' },
    );
  }
  const sectionStart = xml.lastIndexOf(SECTION_MARK, bodyClose);
  const contentStart = bodyOpen ? bodyOpen.index + bodyOpen[0].length : 0;
  const section = xml.slice(sectionStart + SECTION_MARK.length, bodyClose);

  return {
    head: xml.slice(0, contentStart),
    content: xml.slice(contentStart, sectionStart),
    section: section === '' ? DEFAULT_SECTION : section,
    tail: xml.slice(bodyClose),
  };
}

/** Written where the body's final section properties start, to cut each letter there. */
const SECTION_MARK = '<!--opisto-section-->';
const DEFAULT_SECTION = '<w:sectPr/>';

function restartPageNumbers(section: string): string {
  if (section === DEFAULT_SECTION) {
    return '<w:sectPr><w:pgNumType w:start="1"/></w:sectPr>';
  }
  const existing = /<w:pgNumType\b([^>]*?)\/>/.exec(section);
  if (existing) {
    const attributes = (existing[1] ?? '').replace(/\s*w:start="[^"]*"/, '');
    return section.replace(existing[0], `<w:pgNumType${attributes} w:start="1"/>`);
  }
  const after = AFTER_PAGE_NUMBERS.exec(section);
  const at = after ? after.index : section.lastIndexOf('</w:sectPr>');
  return `${section.slice(0, at)}<w:pgNumType w:start="1"/>${section.slice(at)}`;
}

function nextPageSection(section: string): string {
  if (/<w:type\b[^>]*\/>/.test(section)) {
    return section.replace(/<w:type\b[^>]*\/>/, '<w:type w:val="nextPage"/>');
  }
  if (section === DEFAULT_SECTION) {
    return '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>';
  }
  const after = AFTER_TYPE.exec(section);
  const at = after ? after.index : section.lastIndexOf('</w:sectPr>');
  return `${section.slice(0, at)}<w:type w:val="nextPage"/>${section.slice(at)}`;
}

/** The segments of the main part with the section mark written in; kept for the join. */
export function withSectionMark(segments: readonly Segment[]): Segment[] {
  return segments.map((segment) =>
    segment.kind === 'bodySection' ? { kind: 'static', xml: SECTION_MARK } : segment,
  );
}
