/**
 * Ids and names that Word wants unique, made unique again for each letter of a document of many
 * letters. They are drawing ids (`wp:docPr`), bookmark ids, and bookmark names with what refers
 * to them (internal hyperlinks, REF, PAGEREF and NOTEREF fields). Comment anchors are kept in the
 * first letter only, because the comments part contains one copy of each comment.
 */

/** The largest id the 32-bit unsigned drawing ids of the schema allow. */
const MAX_DRAWING_ID = 4_294_967_295;
/** Word shortens bookmark names to 40 characters. */
const MAX_BOOKMARK_NAME = 40;

export class LetterIds {
  private nextDrawingId: number;
  private nextBookmarkId: number;

  /** `templateXml` is every XML part of the template, to start past the ids it uses. */
  constructor(templateXml: readonly string[]) {
    this.nextDrawingId = maxId(templateXml, /<wp:docPr\b[^>]*?\bid="(\d+)"/g) + 1;
    this.nextBookmarkId = maxId(templateXml, /<w:bookmarkStart\b[^>]*?\bw:id="(\d+)"/g) + 1;
    if (this.nextDrawingId > MAX_DRAWING_ID) {
      this.nextDrawingId = 1;
    }
  }

  /** Starts a letter: bookmark ids and names are mapped afresh for each one. */
  forLetter(index: number): LetterIdMap {
    return new LetterIdMap(this, index);
  }

  takeDrawingId(): number {
    return this.nextDrawingId++;
  }

  takeBookmarkId(): number {
    return this.nextBookmarkId++;
  }
}

/** The new ids of one letter, applied to each of its parts in turn. */
export class LetterIdMap {
  private readonly bookmarkIds = new Map<string, number>();
  private readonly bookmarkNames = new Map<string, string>();

  constructor(
    private readonly ids: LetterIds,
    private readonly index: number,
  ) {}

  /** Rewrites the ids of one part of the letter; the first letter keeps the template's. */
  apply(xml: string): string {
    if (this.index === 0) {
      return xml;
    }
    let result = xml.replace(
      /(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g,
      (_whole, start: string, _id: string, end: string) =>
        `${start}${this.ids.takeDrawingId()}${end}`,
    );
    result = result.replace(
      /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g,
      (_whole, start: string, id: string, end: string) => `${start}${this.bookmarkId(id)}${end}`,
    );
    result = this.renameBookmarks(result);
    return dropCommentAnchors(result);
  }

  private bookmarkId(id: string): number {
    let newId = this.bookmarkIds.get(id);
    if (newId === undefined) {
      newId = this.ids.takeBookmarkId();
      this.bookmarkIds.set(id, newId);
    }
    return newId;
  }

  private renameBookmarks(xml: string): string {
    for (const [, name] of xml.matchAll(/<w:bookmarkStart\b[^>]*?\bw:name="([^"]+)"/g)) {
      const suffix = `_l${this.index + 1}`;
      this.bookmarkNames.set(
        name as string,
        `${(name as string).slice(0, MAX_BOOKMARK_NAME - suffix.length)}${suffix}`,
      );
    }
    if (this.bookmarkNames.size === 0) {
      return xml;
    }

    const rename = (name: string) => this.bookmarkNames.get(name) ?? name;
    return xml
      .replace(
        /(<w:bookmarkStart\b[^>]*?\bw:name=")([^"]+)(")/g,
        (_w, a, name: string, b) => `${a}${rename(name)}${b}`,
      )
      .replace(/(\bw:anchor=")([^"]+)(")/g, (_w, a, name: string, b) => `${a}${rename(name)}${b}`)
      .replace(
        /(\b(?:REF|PAGEREF|NOTEREF)\s+)([^\s"<\\]+)/g,
        (_w, field: string, name: string) => `${field}${rename(name)}`,
      );
  }
}

function maxId(parts: readonly string[], pattern: RegExp): number {
  let max = 0;
  for (const xml of parts) {
    for (const [, id] of xml.matchAll(pattern)) {
      max = Math.max(max, Number(id));
    }
  }
  return max;
}

function dropCommentAnchors(xml: string): string {
  return xml.replace(/<w:comment(?:RangeStart|RangeEnd|Reference)\b[^>]*\/>/g, '');
}
