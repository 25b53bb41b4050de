/**
 * XML helpers for WordprocessingML: parsing, serialising, escaping inserted text.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

import { templateDamaged } from '../errors';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** WordprocessingML as Word writes it in "Strict Open XML" documents. */
export const STRICT_W_NS = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Parses one part; malformed XML raises a MergeError that names the part. */
export function parseXml(xml: string, part: string): Document {
  let problem: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') {
        problem ??= message;
      }
    },
  });

  let document: Document;
  try {
    document = parser.parseFromString(xml, 'application/xml');
  } catch (error) {
    throw templateDamaged(part, error instanceof Error ? error.message : String(error), error);
  }
  if (problem !== undefined || !document.documentElement) {
    throw templateDamaged(part, problem ?? 'no root element');
  }
  return document;
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

/** Tells whether `node` is the WordprocessingML element `w:<localName>`. */
export function isW(node: Node | null | undefined, localName: string): node is Element {
  return (
    node !== null &&
    node !== undefined &&
    node.nodeType === 1 &&
    (node as Element).namespaceURI === W_NS &&
    (node as Element).localName === localName
  );
}

/** Element children of `node`, as an array that later DOM changes do not alter. */
export function childElements(node: Node): Element[] {
  const elements: Element[] = [];

  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 1) {
      elements.push(child as Element);
    }
  }
  return elements;
}

// Characters XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; lone
// surrogates; U+FFFE and U+FFFF. Any of them in a part makes Word refuse the whole document.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_OR_NONCHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const LONE_HIGH_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])/;
const LONE_LOW_SURROGATE = /(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NOT_XML_CHAR = new RegExp(
  [CONTROL_OR_NONCHARACTER, LONE_HIGH_SURROGATE, LONE_LOW_SURROGATE]
    .map((pattern) => pattern.source)
    .join('|'),
  'g',
);

/** Removes the characters that XML 1.0 cannot hold. */
export function removeNonXmlCharacters(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** Escapes text for an element's content: `&`, `<` and `>` (the last for `]]>`). */
const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (char) => TEXT_ESCAPES[char] ?? char);
}

/** Escapes text for an attribute value in double quotes. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}
