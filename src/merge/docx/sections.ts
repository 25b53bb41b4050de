/**
 * String edits of `w:sectPr` elements for documents of many letters. Elements are inserted in
 * the order the schema fixes: header and footer references first, then `w:type`, then
 * `w:pgSz` … `w:pgNumType` … `w:cols` and the rest.
 */

/** Elements that follow `w:type` in `w:sectPr`. */
const AFTER_TYPE_NAMES = [
  'pgSz',
  'pgMar',
  'paperSrc',
  'pgBorders',
  'lnNumType',
  'pgNumType',
  'cols',
  'formProt',
  'vAlign',
  'noEndnote',
  'titlePg',
  'textDirection',
  'bidi',
  'rtlGutter',
  'docGrid',
  'printerSettings',
  'sectPrChange',
];
const AFTER_TYPE = new RegExp(`<w:(${AFTER_TYPE_NAMES.join('|')})\\b`);

/** Elements that follow `w:pgNumType` in `w:sectPr`: the end of the list above. */
const AFTER_PAGE_NUMBERS_NAMES = AFTER_TYPE_NAMES.slice(AFTER_TYPE_NAMES.indexOf('pgNumType') + 1);
const AFTER_PAGE_NUMBERS = new RegExp(`<w:(${AFTER_PAGE_NUMBERS_NAMES.join('|')})\\b`);

const EMPTY_SECTION = '<w:sectPr/>';

/** Makes the section end with a page break, so that the next letter starts a new page. */
export function nextPageSection(section: string): string {
  if (/<w:type\b[^>]*\/>/.test(section)) {
    return section.replace(/<w:type\b[^>]*\/>/, '<w:type w:val="nextPage"/>');
  }
  return insertBefore(section, AFTER_TYPE, '<w:type w:val="nextPage"/>');
}

/** Makes page numbers start again at 1 in this section. */
export function restartPageNumbers(section: string): string {
  const existing = /<w:pgNumType\b([^>]*?)\/>/.exec(section);
  if (existing) {
    const attributes = (existing[1] ?? '').replace(/\s*w:start="[^"]*"/, '');
    return section.replace(existing[0], `<w:pgNumType${attributes} w:start="1"/>`);
  }
  return insertBefore(section, AFTER_PAGE_NUMBERS, '<w:pgNumType w:start="1"/>');
}

/** Puts header or footer references first in the section, where the schema wants them. */
export function addHeaderReferences(section: string, references: string): string {
  if (section === EMPTY_SECTION) {
    return `<w:sectPr>${references}</w:sectPr>`;
  }
  const open = /^<w:sectPr\b[^>]*>/.exec(section);
  const at = open ? open[0].length : 0;
  return `${section.slice(0, at)}${references}${section.slice(at)}`;
}

function insertBefore(section: string, followers: RegExp, element: string): string {
  if (section === EMPTY_SECTION) {
    return `<w:sectPr>${element}</w:sectPr>`;
  }
  const follower = followers.exec(section);
  const at = follower ? follower.index : section.lastIndexOf('</w:sectPr>');
  return `${section.slice(0, at)}${element}${section.slice(at)}`;
}

/** NUMPAGES counts the document's pages; SECTIONPAGES those of the letter's section. */
export function replaceNumPages(xml: string): string {
  return xml
    .replace(/(<w:instrText\b[^>]*>[^<]*?)\bNUMPAGES\b/g, '$1SECTIONPAGES')
    .replace(/(\bw:instr="[^"]*?)\bNUMPAGES\b/g, '$1SECTIONPAGES');
}

export type SectionLocation = { start: number; end: number; xml: string };

/**
 * Finds the first `w:sectPr` of `xml`, with its end past any `w:sectPr` nested in a
 * `w:sectPrChange`.
 */
export function findBodySection(xml: string): SectionLocation | null {
  const tags = /<w:sectPr\b[^>]*?(\/?)>|<\/w:sectPr>/g;
  let depth = 0;
  let start = -1;

  for (const tag of xml.matchAll(tags)) {
    const selfClosing = tag[1] === '/';
    const closing = tag[0].startsWith('</');
    if (depth === 0 && !closing) {
      start = tag.index;
    }
    if (closing) {
      depth--;
    } else if (!selfClosing) {
      depth++;
    }
    if (depth === 0 && start >= 0) {
      const end = tag.index + tag[0].length;
      return { start, end, xml: xml.slice(start, end) };
    }
  }
  return null;
}
