/**
 * What the Word.js engine needs to know about a template before merging it: its bytes, the
 * stories (body, headers, footers) that hold field words, and whether Word.js search can reach
 * every field word at all.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { strFromU8 } from 'fflate';

import { compileTemplate, type CompiledTemplate, type TemplateWord } from '../docx/compile';
import { readDocxPackage, readRelationships } from '../docx/package';
import { childElements, isW, parseXml, R_NS, W_NS } from '../docx/xml';
import { encodeBase64 } from './base64';
import { readTemplateParagraphs, type TemplateParagraph } from './template-paragraphs';

export type HeaderFooterType = 'Primary' | 'FirstPage' | 'EvenPages';

/** A header or footer that contains field words, reached through the first section using it. */
export type HeaderFooterStory = {
  kind: 'header' | 'footer';
  type: HeaderFooterType;
  /** Index of the section, in document order, whose reference leads to the part. */
  section: number;
  part: string;
};

export type WordTemplate = {
  bytes: Uint8Array;
  base64: string;
  /** The .docx engine's reading of the same template, for fallbacks and the template check. */
  compiled: CompiledTemplate;
  mainPart: string;
  /** Headers and footers with field words; the body is always searched. */
  headerFooters: readonly HeaderFooterStory[];
  /** The paragraphs with field words of the main part and of each of those headers and footers. */
  paragraphs: ReadonlyMap<string, readonly TemplateParagraph[]>;
  /**
   * The reason Word.js cannot merge this template, in French for the user, or null when it can.
   * Word.js search reaches neither text boxes nor footnotes, so field words there need
   * the .docx engine.
   */
  docxReason: string | null;
};

const REFERENCE_TYPES: Readonly<Record<string, HeaderFooterType>> = {
  default: 'Primary',
  first: 'FirstPage',
  even: 'EvenPages',
};

/** Reads a template for the Word.js engine; raises a French MergeError when it cannot be read. */
export function prepareWordTemplate(bytes: Uint8Array): WordTemplate {
  const compiled = compileTemplate(bytes);
  const docx = readDocxPackage(bytes);
  const partsWithFields = new Set(
    compiled.words.filter((word) => word.field !== null).map((word) => word.part),
  );
  const headerFooters = findHeaderFooters(docx.files, docx.mainPart).filter((story) =>
    partsWithFields.has(story.part),
  );

  const parts = [docx.mainPart, ...headerFooters.map((story) => story.part)];
  const paragraphs = new Map(
    parts.map((part) => [part, readTemplateParagraphs(docx.files.get(part) as Uint8Array, part)]),
  );

  return {
    bytes,
    base64: encodeBase64(bytes),
    compiled,
    mainPart: docx.mainPart,
    headerFooters,
    paragraphs,
    docxReason: explainUnreachableWords(compiled.words),
  };
}

function explainUnreachableWords(words: readonly TemplateWord[]): string | null {
  const known = words.filter((word) => word.field !== null);

  if (known.some((word) => word.inTextBox)) {
    return (
      'Le modèle contient des mots-champs dans une zone de texte, que Word ne permet pas aux ' +
      'compléments de rechercher : les courriers sont donc préparés hors de Word, puis ouverts ' +
      'dans Word.'
    );
  }
  if (known.some((word) => word.partKind === 'footnotes' || word.partKind === 'endnotes')) {
    return (
      'Le modèle contient des mots-champs dans une note de bas de page ou de fin, que Word ne ' +
      'permet pas aux compléments de rechercher : les courriers sont donc préparés hors de ' +
      'Word, puis ouverts dans Word.'
    );
  }
  return null;
}

/**
 * Lists each header and footer part once, with the first section that references it. A section
 * without a reference of some type shows its predecessor's, as Word's "link to previous" does,
 * so searching through the first referencing section covers every page that shows the part.
 */
function findHeaderFooters(
  files: ReadonlyMap<string, Uint8Array>,
  mainPart: string,
): HeaderFooterStory[] {
  const targets = new Map(
    readRelationships(files, mainPart).map((relationship) => [
      relationship.id,
      relationship.target,
    ]),
  );
  const document = parseXml(strFromU8(files.get(mainPart) as Uint8Array), mainPart);
  const stories: HeaderFooterStory[] = [];
  const seen = new Set<string>();

  sectionsOf(document).forEach((section, index) => {
    for (const reference of childElements(section)) {
      const kind = isW(reference, 'headerReference')
        ? 'header'
        : isW(reference, 'footerReference')
          ? 'footer'
          : null;
      const type = REFERENCE_TYPES[reference.getAttributeNS(W_NS, 'type') ?? 'default'];
      const part = targets.get(reference.getAttributeNS(R_NS, 'id') ?? '');
      if (kind && type && part && !seen.has(part)) {
        seen.add(part);
        stories.push({ kind, type, section: index, part });
      }
    }
  });
  return stories;
}

/** Section properties in document order: those ending a section inside the body, then the last. */
function sectionsOf(document: Document): Element[] {
  return Array.from(document.getElementsByTagNameNS(W_NS, 'sectPr')).filter(
    (section) => isW(section.parentNode, 'pPr') || isW(section.parentNode, 'body'),
  );
}
