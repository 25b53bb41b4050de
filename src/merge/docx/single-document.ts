/**
 * All letters in one document, each starting on a new page, as Word's mail merge makes them.
 *
 * Each letter becomes its own run of sections, ending with a "next page" section break. What
 * Word wants once per document is made once per letter:
 * - headers and footers with fields are copied per letter;
 * - footnotes and endnotes are copied per letter, with new ids;
 * - numbered lists restart in each letter;
 * - drawing and bookmark ids are offset per letter.
 * When the template has one section, page numbers restart at 1 for each letter and NUMPAGES
 * fields become SECTIONPAGES, so that "Page 1 sur 2" counts the pages of the letter.
 */
import { MergeError } from '../errors';
import type { LetterValues } from '../values';
import type { CompiledTemplate } from './compile';
import { writeDocxPackage, type Relationship } from './package';
import { renderSegments } from './render';
import {
  addHeaderReferences,
  findBodySection,
  nextPageSection,
  restartPageNumbers,
  replaceNumPages,
} from './sections';
import type { CompiledPart, Segment } from './segments';
import { addOverrides, addRelationships, PackageFiles } from './package-edits';
import { NumberingRestarts } from './numbering-restarts';
import { NoteCopies } from './note-copies';

// A near-invisible paragraph carries each letter's section break, so it adds no blank line.
const BREAK_PARAGRAPH_START =
  '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' +
  '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>';
const BREAK_PARAGRAPH_END = '</w:pPr></w:p>';

/** Drawing and bookmark ids of letter n are offset by n times this. */
const ID_OFFSET = 100_000;

/** Makes one .docx holding every letter, in order. */
export function renderSingleDocument(
  template: CompiledTemplate,
  letters: readonly LetterValues[],
): Uint8Array {
  const files = new PackageFiles(template.staticFiles);
  const main = template.parts.find((part) => part.name === template.mainPart) as CompiledPart;
  const mainSegments = withSectionMark(main.segments);
  const headers = new HeaderCopies(template, files);
  const notes = NoteCopies.forTemplate(template, files);
  const numbering = NumberingRestarts.forTemplate(template, files);

  const bodies = letters.map((values, index) => {
    let xml = renderSegments(mainSegments, values);
    xml = index === 0 ? xml : renumberIds(xml, index);
    xml = headers.addLetter(values, index, xml);
    xml = notes.addLetter(values, index, xml);
    return numbering.addLetter(index, xml);
  });

  files.set(template.mainPart, joinBodies(bodies, template));
  headers.finish();
  notes.finish();
  numbering.finish();
  if (!template.hasInnerSections) {
    countPagesPerLetter(template, files);
  }
  return writeDocxPackage(files.toMap());
}

/** Renders headers and footers: the first letter in the template's parts, later ones in copies. */
class HeaderCopies {
  private readonly parts: readonly CompiledPart[];
  private readonly relationships: Relationship[] = [];
  private readonly overrides: string[] = [];
  private readonly emptyParts = new Map<'header' | 'footer', string>();

  constructor(
    private readonly template: CompiledTemplate,
    private readonly files: PackageFiles,
  ) {
    const targets = template.mainRelationships.filter(isHeaderOrFooter).map((rel) => rel.target);
    this.parts = template.parts.filter((part) => targets.includes(part.name));
  }

  /** Renders the letter's headers and points its sections at them. */
  addLetter(values: LetterValues, index: number, body: string): string {
    const renamed = new Map<string, string>();

    for (const part of this.parts) {
      const xml = renderSegments(part.segments, values);
      if (index === 0) {
        this.files.set(part.name, xml);
        continue;
      }
      const copyName = part.name.replace(/(\.xml)?$/i, `_l${index + 1}.xml`);
      this.files.set(copyName, renumberIds(xml, index));
      this.files.copyRelationships(part.name, copyName);
      this.overrides.push(...this.files.overridesFor(part.name, copyName));
      for (const rel of this.template.mainRelationships.filter((r) => r.target === part.name)) {
        const copy = { ...rel, id: `${rel.id}_l${index + 1}`, target: copyName };
        this.relationships.push(copy);
        renamed.set(rel.id, copy.id);
      }
    }

    const renamedBody = renameReferences(body, renamed);
    return index === 0 || !this.template.hasInnerSections
      ? renamedBody
      : this.blankInheritedHeaders(renamedBody);
  }

  /**
   * Gives the letter's first section its own (empty) headers where it has none, because a
   * section without a header shows the one of the section before: the previous client's.
   */
  private blankInheritedHeaders(body: string): string {
    const section = findBodySection(body);
    if (!section) {
      return body;
    }
    const missing = ['header', 'footer'].flatMap((kind) =>
      ['default', 'first', 'even']
        .filter((type) => usesReference(this.template, kind, type))
        .filter(
          (type) => !new RegExp(`<w:${kind}Reference\\b[^>]*w:type="${type}"`).test(section.xml),
        )
        .map((type) => ({ kind: kind as 'header' | 'footer', type })),
    );
    if (missing.length === 0) {
      return body;
    }

    const references = missing.map(
      ({ kind, type }) => `<w:${kind}Reference w:type="${type}" r:id="${this.emptyPart(kind)}"/>`,
    );
    const updated = addHeaderReferences(section.xml, references.join(''));
    return body.slice(0, section.start) + updated + body.slice(section.end);
  }

  private emptyPart(kind: 'header' | 'footer'): string {
    const existing = this.emptyParts.get(kind);
    if (existing) {
      return existing;
    }

    const id = `rIdOpistoEmpty${kind}`;
    const name = `word/opisto-empty-${kind}.xml`;
    const root = kind === 'header' ? 'w:hdr' : 'w:ftr';
    this.files.set(name, `<${root} xmlns:w="${W_NAMESPACE}"><w:p/></${root}>`);
    this.overrides.push(
      `<Override PartName="/${name}" ContentType="${WORD_CONTENT_TYPE}.${kind}+xml"/>`,
    );
    this.relationships.push({ id, type: `${RELATIONSHIP_TYPE}/${kind}`, target: name });
    this.emptyParts.set(kind, id);
    return id;
  }

  /** Writes the relationships and content types that the copies need, in one pass. */
  finish(): void {
    addRelationships(this.files, this.template.mainPart, this.relationships);
    addOverrides(this.files, this.overrides);
  }
}

const W_NAMESPACE = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const WORD_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
const RELATIONSHIP_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function isHeaderOrFooter(rel: Relationship): boolean {
  return /\/(header|footer)$/.test(rel.type);
}

function usesReference(template: CompiledTemplate, kind: string, type: string): boolean {
  const main = template.parts.find((part) => part.name === template.mainPart);
  const pattern = new RegExp(`<w:${kind}Reference\\b[^>]*w:type="${type}"`);
  return (main?.segments ?? []).some(
    (segment) => segment.kind === 'static' && pattern.test(segment.xml),
  );
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
  const offset = index * ID_OFFSET;
  return xml.replace(
    /(<(?:wp:docPr|w:bookmarkStart|w:bookmarkEnd)\b[^>]*?\b(?:w:)?id=")(\d+)(")/g,
    (_whole, start: string, id: string, end: string) => `${start}${Number(id) + offset}${end}`,
  );
}

/** Turns NUMPAGES into SECTIONPAGES in the body, headers and footers, copies included. */
function countPagesPerLetter(template: CompiledTemplate, files: PackageFiles): void {
  const headerAndFooterNames = files
    .names()
    .filter((name) => /^word\/.*(header|footer)[^/]*\.xml$/i.test(name));

  for (const name of [template.mainPart, ...headerAndFooterNames]) {
    const xml = files.text(name);
    if (xml !== undefined && xml.includes('NUMPAGES')) {
      files.set(name, replaceNumPages(xml));
    }
  }
}

/** Joins the letters' bodies; every letter but the last ends with a next-page section break. */
function joinBodies(bodies: readonly string[], template: CompiledTemplate): string {
  const split = bodies.map(splitAtBodySection);
  const sections = split.map((body) =>
    template.hasInnerSections ? body.section : restartPageNumbers(body.section),
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

/** Written where the body's final section properties start, to cut each letter there. */
const SECTION_MARK = '<!--opisto-section-->';
const DEFAULT_SECTION = '<w:sectPr/>';

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
  const contentStart = bodyOpen.index + bodyOpen[0].length;
  const section = xml.slice(sectionStart + SECTION_MARK.length, bodyClose);
  return {
    head: xml.slice(0, contentStart),
    content: xml.slice(contentStart, sectionStart),
    section: section === '' ? DEFAULT_SECTION : section,
    tail: xml.slice(bodyClose),
  };
}

/** The segments of the main part with the section mark written in; kept for the join. */
function withSectionMark(segments: readonly Segment[]): Segment[] {
  return segments.map((segment) =>
    segment.kind === 'bodySection' ? { kind: 'static', xml: SECTION_MARK } : segment,
  );
}
