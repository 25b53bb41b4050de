/**
 * Reading the text of WordprocessingML paragraphs, and locating the paragraphs, table cells and
 * text boxes that tests edit.
 */

import type { Document, Element, Node } from '@xmldom/xmldom';

import { childElements, closest, descendantsByName, hasName, NS, parseXml } from './xml-dom';

/** Returns the text of every paragraph of a part, in document order, text boxes included. */
export function readParagraphTexts(xml: string): string[] {
  return descendantsByName(parseXml(xml, 'part'), NS.w, 'p').map(paragraphText);
}

/**
 * Returns the text a paragraph shows: its `w:t`, with `w:tab` as a tab and `w:br`/`w:cr` as a
 * line feed, in hyperlinks, insertions, content controls and fields too.
 *
 * Deleted text (`w:delText`), field instructions and the paragraphs of text boxes anchored in
 * the paragraph are left out, because they are not part of the paragraph's visible text.
 */
export function paragraphText(paragraph: Element): string {
  let text = '';
  const visit = (node: Node): void => {
    for (const child of childElements(node)) {
      if (child.namespaceURI === NS.w && child.localName === 'txbxContent') {
        continue;
      }
      text += runContentText(child);
      visit(child);
    }
  };
  visit(paragraph);
  return text;
}

function runContentText(element: Element): string {
  if (element.namespaceURI !== NS.w) {
    return '';
  }
  switch (element.localName) {
    case 't':
      return element.textContent ?? '';
    case 'tab':
      // A w:tab inside w:pPr/w:tabs is a tab stop, not a character.
      return hasName(element.parentNode, NS.w, 'r') ? '\t' : '';
    case 'br':
    case 'cr':
      return '\n';
    default:
      return '';
  }
}

/** Tells whether an element lies inside a text box (`w:txbxContent`). */
export function isInTextBox(element: Element): boolean {
  return closest(element, NS.w, 'txbxContent') !== undefined;
}

/** Returns the paragraphs of a part outside text boxes (tables included), in document order. */
export function storyParagraphs(document: Document): Element[] {
  return descendantsByName(document, NS.w, 'p').filter((paragraph) => !isInTextBox(paragraph));
}

/** Returns the table cells of a part outside text boxes, in document order. */
export function storyCells(document: Document): Element[] {
  return descendantsByName(document, NS.w, 'tc').filter((cell) => !isInTextBox(cell));
}

/**
 * Returns the text boxes of a part, each as the list of its copies' `w:txbxContent`.
 *
 * Word writes a text box twice inside `mc:AlternateContent`: DrawingML (`wps:txbx`) in
 * `mc:Choice` and VML (`v:textbox`) in `mc:Fallback`. The n-th content of the Choice and the n-th
 * of the Fallback are the same box. A box outside `mc:AlternateContent` has one copy.
 */
export function textBoxes(document: Document): Element[][] {
  const boxes: Element[][] = [];
  const boxesByAlternateContent = new Map<Element, Element[][]>();

  for (const content of descendantsByName(document, NS.w, 'txbxContent')) {
    const alternateContent = closest(content, NS.mc, 'AlternateContent');
    if (alternateContent === undefined) {
      boxes.push([content]);
      continue;
    }

    let pairs = boxesByAlternateContent.get(alternateContent);
    if (pairs === undefined) {
      pairs = [];
      boxesByAlternateContent.set(alternateContent, pairs);
    }

    const branch = closest(content, NS.mc, 'Choice') ?? closest(content, NS.mc, 'Fallback');
    const position =
      branch === undefined ? 0 : descendantsByName(branch, NS.w, 'txbxContent').indexOf(content);
    let copies = pairs[position];
    if (copies === undefined) {
      copies = [];
      pairs[position] = copies;
      boxes.push(copies);
    }
    copies.push(content);
  }
  return boxes;
}

/**
 * Returns the first run under `container` that has a `w:t`, skipping deleted runs and text boxes
 * nested in the container. The run may sit in a hyperlink, a content control or a field result.
 */
export function firstTextRun(container: Element): Element | undefined {
  const containerInTextBox = isInTextBox(container);
  return descendantsByName(container, NS.w, 't')
    .map((text) => text.parentNode)
    .find(
      (run): run is Element =>
        hasName(run, NS.w, 'r') &&
        closest(run as Element, NS.w, 'del') === undefined &&
        (containerInTextBox || !isInTextBox(run as Element)),
    );
}
