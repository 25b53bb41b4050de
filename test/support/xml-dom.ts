/** DOM helpers shared by the test-support modules, on top of @xmldom/xmldom. */

import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

/** Namespace URIs of the vocabularies these helpers read or write. */
export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  wps: 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
  v: 'urn:schemas-microsoft-com:vml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Parses an XML string, keeping line numbers on the nodes.
 *
 * @throws Error naming `label` on any warning or error, because xmldom otherwise logs warnings
 * and goes on with a document that Word would reject.
 */
export function parseXml(xml: string, label: string): Document {
  let firstProblem: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      firstProblem ??= `${label} is not well-formed XML (${level}): ${message}`;
      throw new Error(firstProblem);
    },
  });
  try {
    return parser.parseFromString(xml, 'text/xml');
  } catch (error) {
    // xmldom wraps the error thrown above in a ParseError whose message repeats it with noise.
    throw new Error(firstProblem ?? `${label} is not well-formed XML: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Serializes a document or node back to an XML string. */
export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

/** Tells whether a node is an element, narrowing its type. */
export function isElement(node: Node | null | undefined): node is Element {
  return node !== null && node !== undefined && node.nodeType === ELEMENT_NODE;
}

/** Tells whether a node is a text node. */
export function isText(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && node.nodeType === TEXT_NODE;
}

/** Returns the child elements of a node, in document order. */
export function childElements(node: Node): Element[] {
  const children: Element[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (isElement(child)) {
      children.push(child);
    }
  }
  return children;
}

/** Returns the descendant elements with a namespace URI and local name, in document order. */
export function descendantsByName(node: Document | Element, ns: string, localName: string) {
  return Array.from(node.getElementsByTagNameNS(ns, localName));
}

/** Tells whether an element has a namespace URI and a local name. */
export function hasName(node: Node | null | undefined, ns: string, localName: string): boolean {
  return isElement(node) && node.namespaceURI === ns && node.localName === localName;
}

/** Returns the nearest ancestor (or the element itself) with a namespace URI and local name. */
export function closest(element: Element, ns: string, localName: string): Element | undefined {
  for (let node: Node | null = element; node !== null; node = node.parentNode) {
    if (hasName(node, ns, localName)) {
      return node as Element;
    }
  }
  return undefined;
}

/**
 * Returns an XPath-like path such as `/w:document/w:body/w:p[3]/w:r`, with a position only where
 * siblings share the name.
 */
export function elementPath(element: Element): string {
  const steps: string[] = [];
  for (let node: Node | null = element; isElement(node); node = node.parentNode) {
    steps.unshift(pathStep(node));
  }
  return `/${steps.join('/')}`;
}

function pathStep(element: Element): string {
  const parent = element.parentNode;
  const siblings = parent === null ? [element] : childElements(parent);
  const sameName = siblings.filter((sibling) => sibling.tagName === element.tagName);
  if (sameName.length < 2) {
    return element.tagName;
  }
  return `${element.tagName}[${sameName.indexOf(element) + 1}]`;
}
