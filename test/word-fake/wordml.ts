/**
 * DOM helpers for the WordprocessingML the fake reads and writes, including the schema order of
 * property elements, so that the parts it writes stay valid against ECMA-376.
 */
import type { Document, Element, Node } from '@xmldom/xmldom';

import { childElements, isW, W_NS, XML_NS } from '../../src/merge/docx/xml';

/** Namespace of the fake's own markers, which are removed before a part is written. */
export const FAKE_NS = 'urn:opisto-relances:word-fake';

/** `w:pPr` children (CT_PPrBase then CT_PPr). */
// prettier-ignore
export const PARAGRAPH_PROPERTY_ORDER = [
  'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr',
  'suppressLineNumbers', 'pBdr', 'shd', 'tabs', 'suppressAutoHyphens', 'kinsoku', 'wordWrap',
  'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi', 'adjustRightInd',
  'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc',
  'textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr',
  'sectPr', 'pPrChange',
] as const;

/**
 * `w:rPr` children: the tracked-change marks of a paragraph mark (CT_ParaRPr), then EG_RPrBase in
 * the order Word writes it, then `w:rPrChange`.
 */
// prettier-ignore
export const RUN_PROPERTY_ORDER = [
  'ins', 'del', 'moveFrom', 'moveTo', 'rStyle', 'rFonts', 'b', 'bCs', 'i', 'iCs', 'caps',
  'smallCaps', 'strike', 'dstrike', 'outline', 'shadow', 'emboss', 'imprint', 'noProof',
  'snapToGrid', 'vanish', 'webHidden', 'color', 'spacing', 'w', 'kern', 'position', 'sz', 'szCs',
  'highlight', 'u', 'effect', 'bdr', 'shd', 'fitText', 'vertAlign', 'rtl', 'cs', 'em', 'lang',
  'eastAsianLayout', 'specVanish', 'oMath', 'rPrChange',
] as const;

/** `w:tcPr` children (CT_TcPrBase, then the cell revision marks and `w:tcPrChange`). */
// prettier-ignore
export const CELL_PROPERTY_ORDER = [
  'cnfStyle', 'tcW', 'gridSpan', 'hMerge', 'vMerge', 'tcBorders', 'shd', 'noWrap', 'tcMar',
  'textDirection', 'tcFitText', 'vAlign', 'hideMark', 'headers', 'cellIns', 'cellDel',
  'cellMerge', 'tcPrChange',
] as const;

/** `w:tblPr` children (CT_TblPrBase, then `w:tblPrChange`). */
// prettier-ignore
export const TABLE_PROPERTY_ORDER = [
  'tblStyle', 'tblpPr', 'tblOverlap', 'bidiVisual', 'tblStyleRowBandSize', 'tblStyleColBandSize',
  'tblW', 'jc', 'tblCellSpacing', 'tblInd', 'tblBorders', 'shd', 'tblLayout', 'tblCellMar',
  'tblLook', 'tblCaption', 'tblDescription', 'tblPrChange',
] as const;

/**
 * `w:trPr` children: CT_TrPrBase allows any order, but the revision marks (`w:ins`, `w:del`,
 * `w:trPrChange`) come last.
 */
// prettier-ignore
export const ROW_PROPERTY_ORDER = [
  'cnfStyle', 'divId', 'gridBefore', 'gridAfter', 'wBefore', 'wAfter', 'cantSplit', 'trHeight',
  'tblHeader', 'tblCellSpacing', 'jc', 'hidden', 'ins', 'del', 'trPrChange',
] as const;

/** `w:tblBorders` children, in the order of the transitional schema. */
// prettier-ignore
export const TABLE_BORDER_ORDER = [
  'top', 'start', 'left', 'bottom', 'end', 'right', 'insideH', 'insideV',
] as const;

/** Property elements that come first in their parent; the content follows them. */
export const ROW_ORDER = ['tblPrEx', 'trPr'] as const;
export const CELL_ORDER = ['tcPr'] as const;
export const PARAGRAPH_ORDER = ['pPr'] as const;
export const RUN_ORDER = ['rPr'] as const;
export const TABLE_ORDER = ['tblPr', 'tblGrid'] as const;

export function createW(
  document: Document,
  localName: string,
  attributes: Readonly<Record<string, string>> = {},
): Element {
  const element = document.createElementNS(W_NS, `w:${localName}`);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttributeNS(W_NS, `w:${name}`, value);
  }
  return element;
}

export function setW(element: Element, name: string, value: string): void {
  element.setAttributeNS(W_NS, `w:${name}`, value);
}

export function getW(element: Element, name: string): string | null {
  return element.hasAttributeNS(W_NS, name) ? element.getAttributeNS(W_NS, name) : null;
}

export function removeW(element: Element, name: string): void {
  element.removeAttributeNS(W_NS, name);
}

/** Creates a `w:t` that keeps its leading and trailing spaces. */
export function createTextElement(document: Document, text: string): Element {
  const element = createW(document, 't');
  element.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  element.appendChild(document.createTextNode(text));
  return element;
}

export function firstChildW(parent: Node, localName: string): Element | undefined {
  return childElements(parent).find((child) => isW(child, localName));
}

export function childrenW(parent: Node, localName: string): Element[] {
  return childElements(parent).filter((child) => isW(child, localName));
}

/**
 * Returns the child `w:<localName>` of `parent`, creating it at its place in `order` when missing.
 * Children that `order` does not list count as coming after all those it lists: they are content
 * after property elements, or extensions (`w14:`…) that Word writes last.
 */
export function ensureChildW(
  parent: Element,
  localName: string,
  order: readonly string[],
): Element {
  const existing = firstChildW(parent, localName);
  if (existing) {
    return existing;
  }

  const element = createW(parent.ownerDocument!, localName);
  insertInOrder(parent, element, order);
  return element;
}

/** Inserts `element` among the children of `parent` at the place `order` gives its name. */
export function insertInOrder(parent: Element, element: Element, order: readonly string[]): void {
  const rankOf = (node: Element) => {
    const rank = node.namespaceURI === W_NS ? order.indexOf(node.localName ?? '') : -1;
    return rank === -1 ? order.length : rank;
  };
  const rank = rankOf(element);
  const follower = childElements(parent).find((child) => rankOf(child) > rank);
  parent.insertBefore(element, follower ?? null);
}

/** Replaces the child `w:<localName>` with `element`, or inserts it at its place in `order`. */
export function replaceChildW(parent: Element, element: Element, order: readonly string[]): void {
  const existing = firstChildW(parent, element.localName ?? '');
  if (existing) {
    parent.replaceChild(element, existing);
  } else {
    insertInOrder(parent, element, order);
  }
}

/** Returns the nearest ancestor of `node`, or `node` itself, among the named `w:` elements. */
export function closestW(node: Node | null, names: ReadonlySet<string>): Element | undefined {
  for (let current = node; current !== null; current = current.parentNode) {
    if (current.nodeType === 1 && names.has((current as Element).localName ?? '')) {
      if ((current as Element).namespaceURI === W_NS) {
        return current as Element;
      }
    }
  }
  return undefined;
}

/** Tells whether `node` is still inside `root` (edits detach deleted elements). */
export function isInside(node: Node, root: Node): boolean {
  for (let current: Node | null = node; current !== null; current = current.parentNode) {
    if (current === root) {
      return true;
    }
  }
  return false;
}

/** Tells whether `a` comes before `b` in document order. */
export function precedes(a: Node, b: Node): boolean {
  // DOCUMENT_POSITION_FOLLOWING: b follows a.
  return a !== b && (a.compareDocumentPosition(b) & 4) !== 0;
}

/** Lists the `w:<localName>` descendants of `root` in document order, skipping `skip` subtrees. */
export function descendantsW(
  root: Node,
  localName: string,
  skip: (element: Element) => boolean = () => false,
): Element[] {
  const found: Element[] = [];
  const visit = (node: Node): void => {
    for (const child of childElements(node)) {
      if (skip(child)) {
        continue;
      }
      if (isW(child, localName)) {
        found.push(child);
      }
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** Tells whether an element is `w:<localName>`, without narrowing its type as `isW` does. */
export function isNamedW(element: Element, localName: string): boolean {
  return isW(element, localName);
}
