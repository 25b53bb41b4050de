/**
 * Compiles a .docx template once into parts cut at the field words, so that each letter is a
 * matter of joining strings: no XML is parsed or walked per client.
 */
import { strFromU8 } from 'fflate';
import type { Document, Element, Node } from '@xmldom/xmldom';

import { templateDamaged, templateStrict } from '../errors';
import { isListField, type ListFieldName, type TextFieldName } from '../fields';
import { hasSectionBreak, isolateListMarkers } from './isolate-lists';
import { markFieldWords, type FoundWord, type Hole, type MarkContext } from './mark-fields';
import { chooseMarkerSyntax, type MarkerSyntax } from './markers';
import { readDocxPackage, readRelationships, type PartKind, type Relationship } from './package';
import { collectAtoms } from './paragraph-text';
import type { CompiledPart, Segment } from './segments';
import { toPlainDocument } from './plain-document';
import type { TableLook } from './table-xml';
import { childElements, isW, MC_NS, parseXml, R_NS, serializeXml, STRICT_W_NS, W_NS } from './xml';

/** A word starting with "opisto" found in the template, and where. */
export type TemplateWord = FoundWord & { part: string; partKind: PartKind };

export type CompiledTemplate = {
  /** Parts copied as they are into every letter. */
  staticFiles: ReadonlyMap<string, Uint8Array>;
  /** Parts with field words, cut into segments. */
  parts: readonly CompiledPart[];
  mainPart: string;
  /** Every word starting with "opisto", known or not, in document order within each part. */
  words: readonly TemplateWord[];
  /** The main part's relationships to other parts of the package. */
  mainRelationships: readonly Relationship[];
  /** True when the main part has section breaks of its own besides the final one. */
  hasInnerSections: boolean;
};

/**
 * Decodes a part as UTF-8, or as UTF-16 when it starts with a byte order mark (Word reads
 * both). Letters are written in UTF-8, so the XML declaration is changed to say so.
 */
function decodeXmlPart(bytes: Uint8Array): string {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null;
  if (utf16 === null) {
    return strFromU8(bytes).replace(/^\uFEFF/, '');
  }

  const xml = new TextDecoder(utf16).decode(bytes);
  return xml.replace(/^(<\?xml[^>]*encoding=["'])UTF-16(["'])/i, '$1UTF-8$2');
}

/** A4 with 2 cm margins, used when the document states no page size. */
const DEFAULT_TEXT_WIDTH_TWIPS = 9638;

/** Reads and compiles a template; raises a French MergeError when it cannot be read. */
export function compileTemplate(bytes: Uint8Array): CompiledTemplate {
  const docx = readDocxPackage(bytes);
  const staticFiles = new Map(toPlainDocument(docx.files, docx.mainPart));
  const parts: CompiledPart[] = [];
  const words: TemplateWord[] = [];
  let textWidth = DEFAULT_TEXT_WIDTH_TWIPS;
  let hasInnerSections = false;

  for (const part of docx.textParts) {
    const xml = decodeXmlPart(docx.files.get(part.name) as Uint8Array);
    const document = parseXml(xml, part.name);
    declareWordPrefix(document, part.name);
    if (part.kind === 'body') {
      textWidth = readTextWidth(document) ?? textWidth;
      // Section breaks sit in paragraph properties; a w:sectPr in a w:sectPrChange is history.
      hasInnerSections = Array.from(document.getElementsByTagNameNS(W_NS, 'sectPr')).some(
        (section) => isW(section.parentNode, 'pPr'),
      );
    }

    const compiled = compilePart(
      document,
      chooseMarkerSyntax(xml),
      textWidth,
      part.kind === 'body',
    );
    words.push(
      ...compiled.found.map((word) => ({ ...word, part: part.name, partKind: part.kind })),
    );
    if (compiled.segments) {
      parts.push({ name: part.name, segments: compiled.segments });
      staticFiles.delete(part.name);
    }
  }
  return {
    staticFiles,
    parts,
    mainPart: docx.mainPart,
    words,
    mainRelationships: readRelationships(docx.files, docx.mainPart),
    hasInnerSections,
  };
}

/**
 * Makes sure the prefixes `w` and `r` name WordprocessingML and relationships at the part's
 * root, because the XML written for values, tables and header references uses them. Word always
 * writes these prefixes; other tools may choose others.
 */
function declareWordPrefix(document: Document, part: string): void {
  const root = document.documentElement as Element;
  if (root.namespaceURI === STRICT_W_NS) {
    throw templateStrict();
  }

  for (const [prefix, namespace] of [
    ['w', W_NS],
    ['r', R_NS],
  ] as const) {
    const bound = root.lookupNamespaceURI(prefix);
    if (bound === null) {
      root.setAttributeNS('http://www.w3.org/2000/xmlns/', `xmlns:${prefix}`, namespace);
    } else if (bound !== namespace && prefix === 'w') {
      throw templateDamaged(part, `prefix w is bound to ${bound}`);
    }
  }
}

/** Marks where the body's final section properties start, for documents of many letters. */
function markBodySection(document: Document, markers: MarkerSyntax): void {
  const body = document.getElementsByTagNameNS(W_NS, 'body')[0];
  const section = body ? childElements(body).find((child) => isW(child, 'sectPr')) : undefined;
  if (body) {
    body.insertBefore(document.createTextNode(markers.make('S', 0)), section ?? null);
  }
}

type PartResult = { found: FoundWord[]; segments: Segment[] | null };

function compilePart(
  document: Document,
  markers: MarkerSyntax,
  textWidth: number,
  isMain: boolean,
): PartResult {
  const context: MarkContext = { markers, holes: [], found: [] };
  for (const paragraph of paragraphsOf(document)) {
    markFieldWords(paragraph, context, isInsideFallback(paragraph));
  }
  // The main part is always cut, so that letters can be joined into one document.
  if (context.holes.length === 0 && !isMain) {
    return { found: context.found, segments: null };
  }
  if (isMain) {
    markBodySection(document, markers);
  }

  const groups: Group[] = [];
  markListParagraphs(document, context, groups, textWidth);
  markBlankableParagraphs(document, context, groups);

  const segments = cutIntoSegments(serializeXml(document), context, groups);
  return { found: context.found, segments };
}

function paragraphsOf(document: Document): Element[] {
  return Array.from(document.getElementsByTagNameNS(W_NS, 'p'));
}

// Word writes each text box twice: DrawingML in mc:Choice and a VML copy in mc:Fallback. Both
// are filled, but words in the copy are not counted twice in reports.
function isInsideFallback(node: Node): boolean {
  for (let current = node.parentNode; current; current = current.parentNode) {
    const element = current as Element;
    if (element.namespaceURI === MC_NS && element.localName === 'Fallback') {
      return true;
    }
  }
  return false;
}

type Group = { kind: 'list'; field: ListFieldName; look: TableLook } | { kind: 'blankable' };

function markListParagraphs(
  document: Document,
  context: MarkContext,
  groups: Group[],
  textWidth: number,
): void {
  const listMarker = new RegExp(context.markers.make('L', 0).replace('L0', 'L\\d+'));

  // In reverse, so that splitting a paragraph never moves one still to be visited.
  for (const paragraph of paragraphsOf(document).reverse()) {
    for (const list of isolateListMarkers(paragraph, listMarker)) {
      const field = listFieldOf(list, context);
      const look = { fontXml: fontXmlOf(list), widthTwips: textWidth };
      keepWithNext(list);
      const group: Group = { kind: 'list', field, look };
      wrapInGroup(list, context.markers, groups, group);
    }
  }
}

function listFieldOf(paragraph: Element, context: MarkContext): ListFieldName {
  const text = collectAtoms(paragraph)
    .map((atom) => (atom.kind === 'text' ? atom.text : ''))
    .join('');
  const match = new RegExp(context.markers.pattern.source).exec(text);
  const field = context.holes[Number(match?.[2])]?.field;
  if (!field || !isListField(field)) {
    throw new Error('list paragraph without its list marker');
  }
  return field;
}

/**
 * Keeps the paragraph before a list on the page of its table, so that "the invoices below:" is
 * never left alone at the bottom of a page.
 */
function keepWithNext(list: Element): void {
  let previous = list.previousSibling;
  while (previous && previous.nodeType !== 1) {
    previous = previous.previousSibling;
  }
  if (!isW(previous, 'p')) {
    return;
  }

  const document = list.ownerDocument as Document;
  let properties = childElements(previous).find((child) => isW(child, 'pPr'));
  if (!properties) {
    properties = document.createElementNS(W_NS, 'w:pPr');
    previous.insertBefore(properties, previous.firstChild);
  }
  if (childElements(properties).some((child) => isW(child, 'keepNext'))) {
    return;
  }

  // In w:pPr the schema puts w:keepNext right after w:pStyle.
  const style = childElements(properties).find((child) => isW(child, 'pStyle'));
  const keepNext = document.createElementNS(W_NS, 'w:keepNext');
  properties.insertBefore(keepNext, style ? style.nextSibling : properties.firstChild);
}

const BLOCK_ELEMENTS = ['p', 'tbl', 'sdt', 'customXml', 'altChunk'];

/**
 * True when no paragraph or table follows `paragraph` in its container. Markup such as a
 * bookmark end may follow, but a table cell still needs the paragraph.
 */
function endsContainer(paragraph: Element): boolean {
  for (let next = paragraph.nextSibling; next; next = next.nextSibling) {
    const element = next as Element;
    if (next.nodeType === 1 && element.namespaceURI === W_NS) {
      if (BLOCK_ELEMENTS.includes(element.localName ?? '')) {
        return false;
      }
    }
  }
  return true;
}

const FONT_PROPERTIES = ['rFonts', 'sz', 'szCs'];

/** The font of the field word's run, written again on the table's cells. */
function fontXmlOf(paragraph: Element): string {
  const run = childElements(paragraph).find((child) => isW(child, 'r'));
  const properties = run ? childElements(run).find((child) => isW(child, 'rPr')) : undefined;
  if (!properties) {
    return '';
  }
  return childElements(properties)
    .filter(
      (child) => child.namespaceURI === W_NS && FONT_PROPERTIES.includes(child.localName ?? ''),
    )
    .map(emptyElementXml)
    .join('');
}

function emptyElementXml(element: Element): string {
  const attributes = Array.from(element.attributes)
    .map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`)
    .join('');
  return `<${element.tagName}${attributes}/>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function wrapInGroup(
  paragraph: Element,
  markers: MarkerSyntax,
  groups: Group[],
  group: Group,
): void {
  const document = paragraph.ownerDocument as Document;
  const id = groups.length;
  groups.push(group);

  const parent = paragraph.parentNode as Node;
  parent.insertBefore(document.createTextNode(markers.make('B', id)), paragraph);
  parent.insertBefore(document.createTextNode(markers.make('E', id)), paragraph.nextSibling);
}

/**
 * Marks the paragraphs made only of text fields and spaces, which are dropped when every field
 * is blank, as Word's mail merge drops blank address lines. A paragraph that ends its container
 * or carries a section break stays, because the document needs it.
 */
function markBlankableParagraphs(document: Document, context: MarkContext, groups: Group[]): void {
  const textMarker = new RegExp(context.markers.make('T', 0).replace('T0', 'T\\d+'), 'g');
  const listMarker = new RegExp(context.markers.make('L', 0).replace('L0', 'L\\d+'));

  for (const paragraph of paragraphsOf(document)) {
    const atoms = collectAtoms(paragraph);
    const text = atoms.map((atom) => (atom.kind === 'text' ? atom.text : '')).join('');
    const onlyFields =
      atoms.every((atom) => atom.kind !== 'break') &&
      textMarker.test(text) &&
      !listMarker.test(text) &&
      text.replace(textMarker, '').trim() === '';

    if (onlyFields && !endsContainer(paragraph) && !hasSectionBreak(paragraph)) {
      wrapInGroup(paragraph, context.markers, groups, { kind: 'blankable' });
    }
    textMarker.lastIndex = 0;
  }
}

function cutIntoSegments(xml: string, context: MarkContext, groups: readonly Group[]): Segment[] {
  const segments: Segment[] = [];
  const openGroups: number[] = [];
  let last = 0;

  const pushStatic = (text: string): void => {
    if (text !== '') {
      segments.push({ kind: 'static', xml: text });
    }
  };

  for (const match of xml.matchAll(context.markers.pattern)) {
    pushStatic(xml.slice(last, match.index));
    last = match.index + match[0].length;

    const id = Number(match[2]);
    const kind = match[1];
    if (kind === 'T' || kind === 'L') {
      segments.push(holeSegment(context.holes[id] as Hole));
    } else if (kind === 'S') {
      segments.push({ kind: 'bodySection' });
    } else if (kind === 'B') {
      openGroups.push(segments.length);
      segments.push(groupSegment(groups[id] as Group));
    } else {
      closeGroup(segments, openGroups.pop() as number);
    }
  }
  pushStatic(xml.slice(last));
  return segments;
}

function holeSegment({ field, textTag }: Hole): Segment {
  return isListField(field)
    ? { kind: 'emptyList', field }
    : { kind: 'text', field: field as TextFieldName, textTag };
}

function groupSegment(group: Group): Segment {
  if (group.kind === 'list') {
    return { ...group, end: -1 };
  }
  return { kind: 'blankable', fields: [], end: -1 };
}

function closeGroup(segments: Segment[], start: number): void {
  const opening = segments[start];
  segments.push({ kind: 'end' });
  if (opening?.kind !== 'blankable' && opening?.kind !== 'list') {
    return;
  }

  opening.end = segments.length - 1;
  if (opening.kind === 'blankable') {
    for (const segment of segments.slice(start + 1)) {
      if (segment.kind === 'text') {
        opening.fields.push(segment.field);
      }
    }
  }
}

function readTextWidth(document: Document): number | undefined {
  const body = document.getElementsByTagNameNS(W_NS, 'body')[0];
  const section = body ? childElements(body).find((child) => isW(child, 'sectPr')) : undefined;
  const size = section ? childElements(section).find((child) => isW(child, 'pgSz')) : undefined;
  const margins = section ? childElements(section).find((child) => isW(child, 'pgMar')) : undefined;
  if (!size || !margins) {
    return undefined;
  }

  const width = twips(size.getAttributeNS(W_NS, 'w'));
  const left = twips(margins.getAttributeNS(W_NS, 'left'));
  const right = twips(margins.getAttributeNS(W_NS, 'right'));
  const text = width - left - right;
  return Number.isFinite(text) && text > 1000 ? Math.round(text) : undefined;
}

function twips(value: string | null): number {
  return Number(value ?? Number.NaN);
}
