/**
 * Compiles a .docx template once into parts cut at the field words, so that each letter is a
 * matter of joining strings: no XML is parsed or walked per client.
 */
import { strFromU8 } from 'fflate';
import type { Document, Element, Node } from '@xmldom/xmldom';

import { templateDamaged, templateStrict } from '../errors';
import { isListField, type TextFieldName } from '../fields';
import {
  markBlankableParagraphs,
  markListParagraphs,
  paragraphsOf,
  type Group,
} from './mark-groups';
import { markConditionalParagraphs } from './mark-conditions';
import { markFieldWords, type FoundWord, type Hole, type MarkContext } from './mark-fields';
import { chooseMarkerSyntax, type MarkerSyntax } from './markers';
import { readDocxPackage, readRelationships, type PartKind, type Relationship } from './package';
import type { CompiledPart, Segment } from './segments';
import { toPlainDocument } from './plain-document';
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
export function decodeXmlPart(bytes: Uint8Array): string {
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
    const place = {
      duplicate: hasAncestor(paragraph, MC_NS, 'Fallback'),
      inTextBox: hasAncestor(paragraph, W_NS, 'txbxContent'),
    };
    markFieldWords(paragraph, context, place);
  }
  // The main part is always cut, so that letters can be joined into one document.
  if (context.holes.length === 0 && !isMain) {
    return { found: context.found, segments: null };
  }
  if (isMain) {
    markBodySection(document, markers);
  }

  const groups: Group[] = [];
  // Conditions first, so that a list word in a conditional paragraph is reported before the
  // list is split into a paragraph of its own.
  markConditionalParagraphs(document, context, groups);
  markListParagraphs(document, context, groups, textWidth);
  markBlankableParagraphs(document, context, groups);

  const segments = cutIntoSegments(serializeXml(document), context, groups);
  return { found: context.found, segments };
}

// Word writes each text box twice: DrawingML in mc:Choice and a VML copy in mc:Fallback. Both
// are filled, but words in the copy are not counted twice in reports.
function hasAncestor(node: Node, namespace: string, localName: string): boolean {
  for (let current = node.parentNode; current; current = current.parentNode) {
    const element = current as Element;
    if (element.namespaceURI === namespace && element.localName === localName) {
      return true;
    }
  }
  return false;
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
    } else if (kind === 'C') {
      // The condition word writes nothing: its group decides whether the paragraph is kept.
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
  if (group.kind === 'list' || group.kind === 'condition') {
    return { ...group, end: -1 };
  }
  return { kind: 'blankable', fields: [], end: -1 };
}

function closeGroup(segments: Segment[], start: number): void {
  const opening = segments[start];
  segments.push({ kind: 'end' });
  if (opening?.kind !== 'blankable' && opening?.kind !== 'list' && opening?.kind !== 'condition') {
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
