/**
 * All letters in one document, each starting on a new page, as Word's mail merge makes them.
 *
 * Each letter becomes its own run of sections, ending with a "next page" section break. What
 * Word wants once per document is made once per letter:
 * - headers and footers with fields are copied per letter;
 * - footnotes and endnotes are copied per letter, with new ids;
 * - numbered lists restart in each letter;
 * - drawing ids, bookmark ids and bookmark names are made unique per letter.
 * Each letter's first section starts a new page and restarts page numbers. When the template
 * has one section, NUMPAGES fields become SECTIONPAGES, so that "Page 1 sur 2" counts the pages
 * of the letter, and footnotes and endnotes are numbered and placed per letter.
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
import { LetterIds } from './letter-ids';
import { NumberingRestarts } from './numbering-restarts';
import { NoteCopies } from './note-copies';

// A near-invisible paragraph carries each letter's section break, so it adds no blank line.
const BREAK_PARAGRAPH_START =
  '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' +
  '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>';
const BREAK_PARAGRAPH_END = '</w:pPr></w:p>';

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
  const ids = new LetterIds(templateXml(template, files));

  const bodies = letters.map((values, index) => {
    const letterIds = ids.forLetter(index);
    const adjust = (xml: string) => numbering.addLetter(index, letterIds.apply(xml));
    let xml = adjust(renderSegments(mainSegments, values));
    xml = headers.addLetter(values, index, xml, adjust);
    return notes.addLetter(values, index, xml, (note) => letterIds.apply(note));
  });

  files.set(template.mainPart, joinBodies(bodies, template));
  headers.finish();
  notes.finish();
  numbering.finish();
  if (!template.hasInnerSections) {
    countPagesPerLetter(template, files);
    notes.numberPerSection();
  }
  return writeDocxPackage(files.toMap());
}

/** Collects the XML of every template part, to find the ids it already uses. */
function templateXml(template: CompiledTemplate, files: PackageFiles): string[] {
  const compiled = template.parts.map((part) =>
    part.segments.map((segment) => (segment.kind === 'static' ? segment.xml : '')).join(''),
  );
  const others = files
    .names()
    .filter((name) => /\.xml$/i.test(name))
    .map((name) => files.text(name) ?? '');
  return [...compiled, ...others];
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

  /** Renders the letter's headers, `adjust`ing their ids, and points its sections at them. */
  addLetter(
    values: LetterValues,
    index: number,
    body: string,
    adjust: (xml: string) => string,
  ): string {
    const renamed = new Map<string, string>();

    for (const part of this.parts) {
      const xml = renderSegments(part.segments, values);
      if (index === 0) {
        this.files.set(part.name, xml);
        continue;
      }
      const copyName = part.name.replace(/(\.xml)?$/i, `_l${index + 1}.xml`);
      this.files.set(copyName, adjust(xml));
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

/**
 * Joins the letters' bodies. A section's type sets how that section starts, so the first section
 * of each letter after the first becomes a "next page" one that restarts page numbers. The
 * section that ends a letter keeps its own type and moves into a paragraph.
 */
function joinBodies(bodies: readonly string[], template: CompiledTemplate): string {
  const letters = bodies.map(splitAtBodySection).map((body, index) => {
    if (index === 0) {
      return body;
    }
    const first = template.hasInnerSections ? findBodySection(body.content) : null;
    if (!first) {
      return { ...body, section: startLetter(body.section) };
    }
    const content =
      body.content.slice(0, first.start) + startLetter(first.xml) + body.content.slice(first.end);
    return { ...body, content };
  });

  const head = (letters[0] as SplitBody).head;
  const last = letters[letters.length - 1] as SplitBody;
  const inner = letters.map((body, index) =>
    index === letters.length - 1
      ? body.content
      : body.content + BREAK_PARAGRAPH_START + body.section + BREAK_PARAGRAPH_END,
  );
  return `${head}${inner.join('')}${last.section}${last.tail}`;
}

function startLetter(section: string): string {
  return restartPageNumbers(nextPageSection(section));
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
