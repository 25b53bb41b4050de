/**
 * The state of one document in the fake: its package, the parsed stories, its sections with
 * their headers and footers, and the .docx written back from it.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { strFromU8 } from 'fflate';

import {
  readDocxPackage,
  readRelationships,
  relationshipsPartName,
  writeDocxPackage,
} from '../../src/merge/docx/package';
import { childElements, isW, parseXml, R_NS, serializeXml } from '../../src/merge/docx/xml';
import { invalidArgument } from './errors';
import { storyParagraphs, type Story, type StoryKind } from './story';
import { childrenW, createW, FAKE_NS, firstChildW, getW, isNamedW, precedes } from './wordml';

/** Header and footer types as `w:headerReference w:type` spells them. */
export type HeaderFooterType = 'default' | 'first' | 'even';

const W_NS_DECLARATIONS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' + `xmlns:r="${R_NS}"`;

const CONTENT_TYPE_PREFIX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';

/** Text width of a US Letter page with one-inch margins, Word's default, in twips. */
const DEFAULT_TEXT_WIDTH = 9360;

/** A header or footer the package lacks, with the section that will reference it. */
type MissingStory = { story: Story; section: Element; type: HeaderFooterType };

export class DocumentState {
  private readonly files: Map<string, Uint8Array>;
  private readonly mainPart: string;
  private readonly partStories = new Map<string, Story>();
  private readonly missingStories = new Map<string, MissingStory>();
  readonly main: Story;

  /** @throws FakeOfficeError InvalidArgument when the bytes are not a readable .docx. */
  constructor(bytes: Uint8Array) {
    try {
      const docx = readDocxPackage(bytes);
      this.files = new Map(docx.files);
      this.mainPart = docx.mainPart;
      this.main = this.readStory(docx.mainPart, 'body');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw invalidArgument(`The file is not a Word document that Word can open: ${reason}`);
    }
  }

  /** Section properties in document order: those of section breaks, then the body's last one. */
  sections(): Element[] {
    const breaks = storyParagraphs(this.main)
      .filter((paragraph) => !isW(paragraph.parentNode, 'tc'))
      .map((paragraph) => firstChildW(firstChildW(paragraph, 'pPr') ?? paragraph, 'sectPr'))
      .filter((section): section is Element => section !== undefined);
    return [...breaks, this.finalSection()];
  }

  /**
   * Returns the header or footer story of a section. A section without a reference of that type
   * uses the previous section's, as Word's "Link to Previous" does. When no section has one, the
   * story is empty and becomes a part only when something is written to it.
   */
  headerFooter(sectionIndex: number, kind: 'header' | 'footer', type: HeaderFooterType): Story {
    const sections = this.sections();
    for (let index = sectionIndex; index >= 0; index--) {
      const reference = childrenW(sections[index]!, `${kind}Reference`).find(
        (element) => getW(element, 'type') === type,
      );
      const target = reference && this.relationshipTarget(reference.getAttributeNS(R_NS, 'id'));
      if (target) {
        return this.partStories.get(target) ?? this.readStory(target, kind);
      }
    }
    return this.missingStory(sections[0]!, kind, type);
  }

  /** Width available to a table inserted beside `paragraph`, in twips. */
  textWidth(paragraph: Element, story: Story): number {
    const cell = closestCell(paragraph);
    const cellWidth = cell && firstChildW(firstChildW(cell, 'tcPr') ?? cell, 'tcW');
    if (cellWidth && getW(cellWidth, 'type') === 'dxa') {
      return Number(getW(cellWidth, 'w')) || DEFAULT_TEXT_WIDTH;
    }

    const sections = this.sections();
    const section =
      story === this.main
        ? sections.find((candidate) => !precedes(candidate, paragraph))
        : sections[0];
    return sectionTextWidth(section ?? this.finalSection());
  }

  /** Writes the package: parts of changed stories re-serialised without the fake's markers. */
  toDocx(): Uint8Array {
    for (const missing of this.missingStories.values()) {
      if (missing.story.changed && missing.story.partName === null) {
        this.addPart(missing);
      }
    }

    const files = new Map<string, Uint8Array | string>(this.files);
    for (const story of [this.main, ...this.partStories.values()]) {
      if (story.changed && story.partName !== null) {
        files.set(story.partName, serializeWithoutMarkers(story.document));
      }
    }
    return writeDocxPackage(files);
  }

  private readStory(partName: string, kind: StoryKind): Story {
    const document = parseXml(this.readPart(partName), partName);
    const root = kind === 'body' ? firstChildW(document.documentElement!, 'body') : undefined;
    const story: Story = {
      kind,
      document,
      root: root ?? document.documentElement!,
      partName,
      changed: false,
      textWidth: (paragraph) => this.textWidth(paragraph, story),
    };
    this.partStories.set(partName, story);
    return story;
  }

  private readPart(partName: string): string {
    const bytes = this.files.get(partName);
    if (!bytes) {
      throw new Error(`part ${partName} is missing`);
    }
    return strFromU8(bytes);
  }

  private finalSection(): Element {
    const existing = childElements(this.main.root)
      .filter((child) => isNamedW(child, 'sectPr'))
      .pop();
    if (existing) {
      return existing;
    }
    // Word gives every document a final section, even when the file has no w:sectPr.
    const section = createW(this.main.document, 'sectPr');
    this.main.root.appendChild(section);
    return section;
  }

  private relationshipTarget(id: string | null): string | undefined {
    const relationship = readRelationships(this.files, this.mainPart).find((r) => r.id === id);
    return relationship && this.files.has(relationship.target) ? relationship.target : undefined;
  }

  private missingStory(section: Element, kind: 'header' | 'footer', type: HeaderFooterType) {
    const key = `${kind}/${type}`;
    const existing = this.missingStories.get(key);
    if (existing) {
      return existing.story;
    }

    const tag = kind === 'header' ? 'w:hdr' : 'w:ftr';
    const document = parseXml(`<${tag} ${W_NS_DECLARATIONS}><w:p/></${tag}>`, key);
    const story: Story = {
      kind,
      document,
      root: document.documentElement!,
      partName: null,
      changed: false,
      textWidth: (paragraph) => this.textWidth(paragraph, story),
    };
    this.missingStories.set(key, { story, section, type });
    return story;
  }

  /** Adds a header or footer part with its content type, relationship and section reference. */
  private addPart(missing: MissingStory): void {
    const kind = missing.story.kind;
    const partName = this.unusedName((n) => `word/${kind}${n}.xml`);
    const id = this.addRelationship(kind, partName.slice('word/'.length));
    this.addContentType(partName, `${CONTENT_TYPE_PREFIX}${kind}+xml`);

    const reference = createW(this.main.document, `${kind}Reference`, { type: missing.type });
    reference.setAttributeNS(R_NS, 'r:id', id);
    // References come first in w:sectPr, in any order among themselves.
    const firstOther = childElements(missing.section).find(
      (child) => !isNamedW(child, 'headerReference') && !isNamedW(child, 'footerReference'),
    );
    missing.section.insertBefore(reference, firstOther ?? null);

    missing.story.partName = partName;
    this.main.changed = true;
    this.partStories.set(partName, missing.story);
  }

  private unusedName(nameFor: (n: number) => string): string {
    let n = 1;
    while (this.files.has(nameFor(n)) || this.partStories.has(nameFor(n))) {
      n++;
    }
    return nameFor(n);
  }

  private addRelationship(kind: string, target: string): string {
    const relsName = relationshipsPartName(this.mainPart);
    const document = parseXml(this.readPart(relsName), relsName);
    const root = document.documentElement!;
    const ids = new Set(childElements(root).map((element) => element.getAttribute('Id')));

    let n = 1;
    while (ids.has(`rId${n}`)) {
      n++;
    }
    const relationship = document.createElementNS(root.namespaceURI, 'Relationship');
    relationship.setAttribute('Id', `rId${n}`);
    relationship.setAttribute('Type', `${R_NS}/${kind}`);
    relationship.setAttribute('Target', target);
    root.appendChild(relationship);
    this.files.set(relsName, new TextEncoder().encode(serializeXml(document)));
    return `rId${n}`;
  }

  private addContentType(partName: string, contentType: string): void {
    const name = '[Content_Types].xml';
    const document = parseXml(this.readPart(name), name);
    const root = document.documentElement!;
    const override = document.createElementNS(root.namespaceURI, 'Override');
    override.setAttribute('PartName', `/${partName}`);
    override.setAttribute('ContentType', contentType);
    root.appendChild(override);
    this.files.set(name, new TextEncoder().encode(serializeXml(document)));
  }
}

function closestCell(paragraph: Element): Element | undefined {
  const parent = paragraph.parentNode;
  return isW(parent, 'tc') ? parent : undefined;
}

/** Page width less the left and right margins and the gutter, in twips. */
function sectionTextWidth(section: Element): number {
  const size = firstChildW(section, 'pgSz');
  const margins = firstChildW(section, 'pgMar');
  const measure = (element: Element | undefined, name: string) =>
    Number((element && getW(element, name)) ?? Number.NaN);

  const width =
    measure(size, 'w') -
    measure(margins, 'left') -
    measure(margins, 'right') -
    (measure(margins, 'gutter') || 0);
  return Number.isFinite(width) && width > 0 ? Math.round(width) : DEFAULT_TEXT_WIDTH;
}

function serializeWithoutMarkers(document: Document): string {
  const copy = document.cloneNode(true) as Document;
  const markers = Array.from(copy.getElementsByTagNameNS(FAKE_NS, '*'));
  for (const marker of markers) {
    marker.parentNode?.removeChild(marker);
  }
  return serializeXml(copy);
}
