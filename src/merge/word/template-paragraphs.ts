/**
 * Reads, from the template's XML, the paragraphs that contain known field words, in the order
 * Word lists them (text boxes left out, as Word.js bodies leave them out). Word's paragraph text
 * shows neither pictures, page breaks nor section breaks, so these facts come from the XML.
 */
import type { Element } from '@xmldom/xmldom';

import { decodeXmlPart } from '../docx/compile';
import { endsContainer } from '../docx/mark-groups';
import { isConditionField } from '../fields';
import { findFieldWords } from '../recognize';
import { atomsText, collectAtoms } from '../docx/paragraph-text';
import { childElements, isW, parseXml, W_NS } from '../docx/xml';

export type TemplateParagraph = {
  /** The paragraph's known field words in order, in lower case as searched. */
  words: readonly string[];
  /** Only text and tabs: nothing that would be lost if the paragraph went as a blank line. */
  textOnly: boolean;
  /** The paragraph ends a section: its properties hold the section's break. */
  carriesSection: boolean;
  /** The paragraph lies in a block content control, which Word deletes with its last paragraph. */
  inBlockContentControl: boolean;
  /**
   * No paragraph or table follows the paragraph in its body, table cell, header, footer or
   * content control. The .docx engine keeps such a paragraph where it drops others: a blank line
   * there stays, and a paragraph whose condition fails is emptied instead.
   */
  endsContainer: boolean;
  /**
   * The spaces, no-break spaces and tab characters right after the paragraph's condition word,
   * which leave the letter with the word; empty without a condition word. A `w:tab` element ends
   * them, as it does in the .docx engine (mark-fields.ts).
   */
  spacesAfterCondition: string;
};

/** Spaces the .docx engine removes with a condition word, in the text where breaks read "\n". */
const SPACES_AFTER_CONDITION = /^[ \u00a0\t]*/;

/** Lists the paragraphs with known field words of one part of the template. */
export function readTemplateParagraphs(xmlBytes: Uint8Array, part: string): TemplateParagraph[] {
  const document = parseXml(decodeXmlPart(xmlBytes), part);
  const paragraphs = Array.from(document.getElementsByTagNameNS(W_NS, 'p'));

  return paragraphs
    .filter((paragraph) => !hasAncestor(paragraph, 'txbxContent'))
    .map(describeParagraph)
    .filter((paragraph) => paragraph.words.length > 0);
}

function describeParagraph(paragraph: Element): TemplateParagraph {
  const atoms = collectAtoms(paragraph);
  const text = atomsText(atoms);
  const matches = findFieldWords(text).filter((match) => match.field !== null);
  const condition = matches.find((match) => match.field !== null && isConditionField(match.field));

  return {
    words: matches.map((match) => match.word.toLowerCase()),
    textOnly: atoms.every((atom) => atom.kind !== 'break'),
    carriesSection: carriesSection(paragraph),
    inBlockContentControl: isW(paragraph.parentNode, 'sdtContent'),
    endsContainer: endsContainer(paragraph),
    spacesAfterCondition: condition
      ? (SPACES_AFTER_CONDITION.exec(text.slice(condition.end))?.[0] ?? '')
      : '',
  };
}

function carriesSection(paragraph: Element): boolean {
  const properties = childElements(paragraph).find((child) => isW(child, 'pPr'));
  return (
    properties !== undefined && childElements(properties).some((child) => isW(child, 'sectPr'))
  );
}

function hasAncestor(element: Element, localName: string): boolean {
  for (let node = element.parentNode; node; node = node.parentNode) {
    if (isW(node, localName)) {
      return true;
    }
  }
  return false;
}
