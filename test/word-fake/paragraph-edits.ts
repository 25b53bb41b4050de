/**
 * Paragraph-level edits: inserting and deleting paragraphs, with the rule Word keeps that every
 * container (body, table cell, header, footer) ends with a paragraph.
 */
import type { Element, Node } from '@xmldom/xmldom';

import { childElements, isW, W_NS } from '../../src/merge/docx/xml';
import { markProperties } from './formatting';
import { createTextRun } from './run-content';
import { closestW, createW, descendantsW, firstChildW, isNamedW } from './wordml';

/** Elements whose paragraphs form a "body" in Word.js terms. */
const CONTAINERS = new Set(['body', 'tc', 'hdr', 'ftr', 'txbxContent']);

/** Block-level wrappers that do not start a container of their own. */
const BLOCK_WRAPPERS = new Set(['sdt', 'sdtContent', 'customXml']);

export function containerOf(block: Element): Element {
  const container = closestW(block.parentNode, CONTAINERS);
  if (!container) {
    throw new Error('paragraph outside any body, cell, header or footer');
  }
  return container;
}

/** Paragraphs and tables directly in `container`, including those in content controls. */
export function containerBlocks(container: Element): Element[] {
  const blocks: Element[] = [];
  const visit = (node: Node): void => {
    for (const child of childElements(node)) {
      if (isNamedW(child, 'p') || isNamedW(child, 'tbl')) {
        blocks.push(child);
      } else if (child.namespaceURI === W_NS && BLOCK_WRAPPERS.has(child.localName ?? '')) {
        visit(child);
      }
    }
  };
  visit(container);
  return blocks;
}

/** True for the last paragraph of its container: body, table cell, header or footer. */
export function isLastParagraph(paragraph: Element): boolean {
  const paragraphs = containerBlocks(containerOf(paragraph)).filter((block) =>
    isNamedW(block, 'p'),
  );
  return paragraphs[paragraphs.length - 1] === paragraph;
}

export function tableNestingLevel(paragraph: Element): number {
  let level = 0;
  for (let node = paragraph.parentNode; node !== null; node = node.parentNode) {
    if (isW(node, 'tbl')) {
      level++;
    }
  }
  return level;
}

/**
 * Deletes a paragraph. Word keeps the last block of a container and a paragraph that carries a
 * section break, so those are emptied instead: their properties stay, their content goes.
 */
export function deleteParagraph(paragraph: Element): void {
  const blocks = containerBlocks(containerOf(paragraph));
  const carriesSection = firstChildW(firstChildW(paragraph, 'pPr') ?? paragraph, 'sectPr');
  if (blocks[blocks.length - 1] === paragraph || carriesSection) {
    for (const child of childElements(paragraph)) {
      if (!isNamedW(child, 'pPr')) {
        paragraph.removeChild(child);
      }
    }
    return;
  }
  paragraph.parentNode!.removeChild(paragraph);
}

/**
 * Creates a paragraph holding `text`. Copied from a paragraph, it takes that paragraph's
 * properties (without its section break) and the mark's run properties for its text.
 */
export function createParagraph(node: Node, text: string, model?: Element): Element {
  const paragraph = createW(node.ownerDocument!, 'p');
  const properties = model && firstChildW(model, 'pPr');
  if (properties) {
    const copy = properties.cloneNode(true) as Element;
    const section = firstChildW(copy, 'sectPr');
    if (section) {
      copy.removeChild(section);
    }
    paragraph.appendChild(copy);
  }

  if (text !== '') {
    paragraph.appendChild(createTextRun(node, model && markProperties(model), text));
  }
  return paragraph;
}

/** Inserts `block` before or after `reference`, in the same container. */
export function insertBlock(reference: Element, block: Element, location: 'Before' | 'After') {
  const next = location === 'Before' ? reference : reference.nextSibling;
  reference.parentNode!.insertBefore(block, next);
}

/** Paragraphs of a table, row or cell, not those of text boxes inside it. */
export function paragraphsIn(element: Element): Element[] {
  return descendantsW(element, 'p', (child) => isNamedW(child, 'txbxContent'));
}
