/**
 * Insertion of field words into existing WordprocessingML parts the ways Word splits text over
 * runs: formatting changes inside a word, spell-check marks (`w:proofErr`), revision ids
 * (`w:rsidR`), hyperlinks, tracked insertions, and text boxes written twice (DrawingML and VML).
 *
 * Every function takes the XML of a part (main document, header or footer) and returns the new
 * XML. The elements they insert follow the schema order (`w:pPr` first in `w:p`, `w:rPr` first in
 * `w:r`), so a part that validated before still validates.
 */

import type { Document, Element, Node } from '@xmldom/xmldom';

import { firstTextRun, storyCells, storyParagraphs, textBoxes } from './word-text';
import { childElements, descendantsByName, hasName, NS, parseXml, serializeXml } from './xml-dom';

/** A sentence containing a field word cut into runs. */
export interface SplitSentence {
  /** Text before the field word. */
  before?: string;
  /** The field word's pieces, one run each, e.g. `['opisto', 'client', 'nom']`. */
  pieces: readonly string[];
  /** Text after the field word. */
  after?: string;
}

/** Direct formatting given to a run inside the word. */
export type RunFormat = 'bold' | 'italic' | 'underline';

/**
 * Where a new paragraph goes: the end of the part's main story (the body before its final
 * `w:sectPr`, or the header or footer), the n-th table cell outside text boxes, or the n-th text
 * box (both of its copies). Indexes count from 0 in document order.
 */
export type ParagraphContainer =
  { kind: 'story' } | { kind: 'cell'; index: number } | { kind: 'textBox'; index: number };

/**
 * Which run's text is replaced: the first run with text in the whole part, in the n-th paragraph
 * or table cell (both outside text boxes), or in the n-th text box (in both of its copies).
 */
export type TextTarget =
  | { kind: 'part' }
  | { kind: 'paragraph'; index: number }
  | { kind: 'cell'; index: number }
  | { kind: 'textBox'; index: number };

/** Options of {@link appendSplitWordParagraph}. */
export interface SplitParagraphOptions {
  into?: ParagraphContainer;
  /** Formats of the inner pieces, used in turn (default `['bold']`). */
  innerFormats?: readonly RunFormat[];
}

/** Options of the functions that wrap the word in a hyperlink or a tracked insertion. */
export interface WrappedWordOptions {
  into?: ParagraphContainer;
  /** Puts the first piece before the wrapper, so that the word crosses its boundary. */
  firstPieceOutside?: boolean;
}

/** Options of {@link appendTrackedInsertionParagraph}. */
export interface TrackedInsertionOptions extends WrappedWordOptions {
  author?: string;
  /** ISO 8601 date and time of the revision. */
  date?: string;
}

/** First revision id that the inserted runs get; later ones count up from it. */
const FIRST_RSID = 0x00a1c0de;

/**
 * Cuts a word into `count` pieces of nearly equal length, longer pieces first.
 *
 * @throws RangeError when `count` is below 1 or above the word's length.
 */
export function splitWord(word: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > word.length) {
    throw new RangeError(`Cannot cut "${word}" into ${count} pieces`);
  }

  const pieces: string[] = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    const length = Math.ceil((word.length - start) / (count - index));
    pieces.push(word.slice(start, start + length));
    start += length;
  }
  return pieces;
}

/**
 * Appends a paragraph whose field word is cut over one run per piece, as Word stores a word typed
 * in several sessions. Each run has its own `w:rsidR`, the inner pieces have other direct
 * formatting (bold by default), and `w:proofErr` marks sit between the runs.
 *
 * @throws Error when fewer than two pieces are given or the container is not found.
 */
export function appendSplitWordParagraph(
  xml: string,
  sentence: SplitSentence,
  options: SplitParagraphOptions = {},
): string {
  requirePieces(sentence, 2);
  const innerFormats = options.innerFormats ?? ['bold'];

  return editPart(xml, (document) => {
    const build = (builder: RunBuilder) => {
      // The inner pieces get the formats; a word cut in two formats its second piece.
      const lastIndex = sentence.pieces.length - 1;
      const runs = sentence.pieces.map((piece, index) => {
        const isFormatted = index > 0 && (index < lastIndex || lastIndex === 1);
        const format = isFormatted ? innerFormats[(index - 1) % innerFormats.length] : undefined;
        return builder.run(piece, format);
      });
      return [
        ...builder.optionalRun(sentence.before),
        ...interleaveProofingMarks(builder, runs),
        ...builder.optionalRun(sentence.after),
      ];
    };
    appendParagraphs(document, options.into ?? { kind: 'story' }, build);
  });
}

/**
 * Replaces the text of the first run with text (`w:t`) of the target with a sentence whose field
 * word is cut over one run per piece. The new runs copy the run's properties and attributes with
 * a new `w:rsidR`, as Word splits a run when part of it is retyped.
 *
 * The run's other content (tabs, breaks, drawings) stays around the sentence, and the other runs
 * of the paragraph keep their text. A text box target is changed in its DrawingML and VML copies.
 *
 * @throws Error when the target is not found or has no run with text.
 */
export function replaceFirstRunText(
  xml: string,
  target: TextTarget,
  sentence: SplitSentence,
): string {
  requirePieces(sentence, 1);

  return editPart(xml, (document) => {
    const builder = new RunBuilder(document);
    for (const container of resolveTextTarget(document, target)) {
      const run = firstTextRun(container);
      if (run === undefined) {
        throw new Error(`${describeTarget(target)} has no run with text (w:t) to replace`);
      }
      splitRun(builder, run, sentence);
      builder.restartRsids();
    }
  });
}

/**
 * Writes a sentence with a field word cut over runs into the n-th text box (from 0), in both of
 * its copies: DrawingML (`wps:txbx`) and VML (`v:textbox`), as Word keeps them in step.
 *
 * @throws Error when the text box is not found or has no run with text.
 */
export function replaceTextBoxText(xml: string, index: number, sentence: SplitSentence): string {
  return replaceFirstRunText(xml, { kind: 'textBox', index }, sentence);
}

/**
 * Appends a paragraph whose field word is inside a hyperlink (`w:hyperlink` to the bookmark
 * `_top`, which Word defines for the document start, so no relationship is needed).
 */
export function appendHyperlinkParagraph(
  xml: string,
  sentence: SplitSentence,
  options: WrappedWordOptions = {},
): string {
  return appendWrappedWordParagraph(xml, sentence, options, 'underline', (builder) =>
    builder.element('hyperlink', { anchor: '_top', history: '1' }),
  );
}

/**
 * Appends a paragraph whose field word is inside a tracked insertion (`w:ins` with `w:id`,
 * `w:author` and `w:date`). The id is one above the largest `w:id` of the part.
 */
export function appendTrackedInsertionParagraph(
  xml: string,
  sentence: SplitSentence,
  options: TrackedInsertionOptions = {},
): string {
  return appendWrappedWordParagraph(xml, sentence, options, undefined, (builder, document) =>
    builder.element('ins', {
      id: String(nextAnnotationId(document)),
      author: options.author ?? 'Opisto Tests',
      date: options.date ?? '2024-03-01T09:00:00Z',
    }),
  );
}

function appendWrappedWordParagraph(
  xml: string,
  sentence: SplitSentence,
  options: WrappedWordOptions,
  pieceFormat: RunFormat | undefined,
  createWrapper: (builder: RunBuilder, document: Document) => Element,
): string {
  requirePieces(sentence, options.firstPieceOutside === true ? 2 : 1);

  return editPart(xml, (document) => {
    const build = (builder: RunBuilder) => {
      const outsidePieces = options.firstPieceOutside === true ? sentence.pieces.slice(0, 1) : [];
      const wrapper = createWrapper(builder, document);
      for (const piece of sentence.pieces.slice(outsidePieces.length)) {
        wrapper.appendChild(builder.run(piece, pieceFormat));
      }
      return [
        ...builder.optionalRun(sentence.before),
        ...outsidePieces.map((piece) => builder.run(piece)),
        wrapper,
        ...builder.optionalRun(sentence.after),
      ];
    };
    appendParagraphs(document, options.into ?? { kind: 'story' }, build);
  });
}

/** Parses the part, lets `edit` change it, and serializes it. */
function editPart(xml: string, edit: (document: Document) => void): string {
  const document = parseXml(xml, 'part');
  edit(document);
  return serializeXml(document);
}

function requirePieces(sentence: SplitSentence, minimum: number): void {
  if (sentence.pieces.length < minimum || sentence.pieces.some((piece) => piece === '')) {
    throw new Error(
      `Expected at least ${minimum} non-empty pieces, got ${JSON.stringify(sentence.pieces)}`,
    );
  }
}

/**
 * Appends to every copy of the container a paragraph whose content `build` creates. Each copy
 * gets the same revision ids, as Word gives both copies of a text box.
 */
function appendParagraphs(
  document: Document,
  container: ParagraphContainer,
  build: (builder: RunBuilder) => Element[],
): void {
  const builder = new RunBuilder(document);
  for (const copy of resolveContainer(document, container)) {
    builder.restartRsids();
    const paragraph = builder.paragraph(build(builder));

    const last = childElements(copy).at(-1);
    const beforeSectionProperties = hasName(last, NS.w, 'sectPr') ? last : null;
    copy.insertBefore(paragraph, beforeSectionProperties ?? null);
  }
}

/** Puts spell-check and grammar marks between the runs of a word, as Word leaves them. */
function interleaveProofingMarks(builder: RunBuilder, runs: Element[]): Element[] {
  const content: Element[] = [builder.proofError('spellStart')];
  runs.forEach((run, index) => {
    content.push(run);
    if (index === 0) {
      content.push(builder.proofError('gramStart'));
    }
    if (index === runs.length - 2) {
      content.push(builder.proofError('gramEnd'));
    }
  });
  content.push(builder.proofError('spellEnd'));
  return content;
}

/**
 * Splits a run at its first `w:t`. The run keeps what precedes that text and gets
 * `before + first piece`. New runs follow with the other pieces, and the last one also gets
 * `after` and the run's content that followed the text. Other `w:t` of the run are removed.
 */
function splitRun(builder: RunBuilder, run: Element, sentence: SplitSentence): void {
  const texts = childElements(run).filter((child) => hasName(child, NS.w, 't'));
  const [firstText, ...otherTexts] = texts;
  if (firstText === undefined) {
    throw new Error('Cannot split a run without w:t');
  }
  otherTexts.forEach((text) => run.removeChild(text));

  const trailingContent: Node[] = [];
  for (let node = firstText.nextSibling; node !== null; node = node.nextSibling) {
    trailingContent.push(node);
  }

  const [firstPiece = '', ...otherPieces] = sentence.pieces;
  builder.setText(
    firstText,
    (sentence.before ?? '') + firstPiece + (otherPieces.length === 0 ? (sentence.after ?? '') : ''),
  );

  let previous = run;
  otherPieces.forEach((piece, index) => {
    const isLast = index === otherPieces.length - 1;
    const copy = builder.copyRun(run, piece + (isLast ? (sentence.after ?? '') : ''));
    run.parentNode?.insertBefore(copy, previous.nextSibling);
    previous = copy;
  });

  // Content after the text (a tab, a break) follows the whole sentence, not its first piece.
  trailingContent.forEach((node) => previous.appendChild(node));
}

function resolveContainer(document: Document, container: ParagraphContainer): Element[] {
  switch (container.kind) {
    case 'story':
      return [mainStory(document)];
    case 'cell':
      return [pick(storyCells(document), container.index, 'table cell')];
    case 'textBox':
      return pick(textBoxes(document), container.index, 'text box');
  }
}

function resolveTextTarget(document: Document, target: TextTarget): Element[] {
  switch (target.kind) {
    case 'part':
      return [mainStory(document)];
    case 'paragraph':
      return [pick(storyParagraphs(document), target.index, 'paragraph')];
    case 'cell':
      return [pick(storyCells(document), target.index, 'table cell')];
    case 'textBox':
      return pick(textBoxes(document), target.index, 'text box');
  }
}

/** Returns `w:body` of a main document, or the root `w:hdr` or `w:ftr`. */
function mainStory(document: Document): Element {
  const root = document.documentElement;
  if (hasName(root, NS.w, 'hdr') || hasName(root, NS.w, 'ftr')) {
    return root as Element;
  }

  const body =
    root === null ? undefined : childElements(root).find((c) => hasName(c, NS.w, 'body'));
  if (body === undefined) {
    throw new Error(
      `Expected a main document (w:document/w:body), a header (w:hdr) or a footer (w:ftr), ` +
        `got <${root?.tagName ?? 'nothing'}>`,
    );
  }
  return body;
}

function pick<T>(items: readonly T[], index: number, what: string): T {
  const item = items[index];
  if (item === undefined) {
    throw new Error(`No ${what} at index ${index}: the part has ${items.length}`);
  }
  return item;
}

function describeTarget(target: TextTarget): string {
  return target.kind === 'part' ? 'The part' : `The ${target.kind} at index ${target.index}`;
}

/** Returns one above the largest numeric `w:id` of the part (bookmarks, revisions, comments). */
function nextAnnotationId(document: Document): number {
  let maximum = 0;
  for (const element of descendantsByName(document, '*', '*')) {
    const id = Number(element.getAttributeNS(NS.w, 'id'));
    if (Number.isInteger(id) && id > maximum) {
      maximum = id;
    }
  }
  return maximum + 1;
}

/** Creates WordprocessingML elements with the part's prefix for the `w` namespace. */
class RunBuilder {
  private readonly prefix: string;
  private nextRsid = FIRST_RSID;

  constructor(private readonly document: Document) {
    const root = document.documentElement;
    const prefix = root?.lookupPrefix(NS.w);
    if (prefix === null || prefix === undefined) {
      throw new Error('The part declares no prefix for the WordprocessingML namespace');
    }
    this.prefix = prefix;
  }

  /** Restarts the revision ids, so that two copies of a text box get the same ones. */
  restartRsids(): void {
    this.nextRsid = FIRST_RSID;
  }

  element(localName: string, attributes: Readonly<Record<string, string>> = {}): Element {
    const element = this.document.createElementNS(NS.w, `${this.prefix}:${localName}`);
    for (const [name, value] of Object.entries(attributes)) {
      element.setAttributeNS(NS.w, `${this.prefix}:${name}`, value);
    }
    return element;
  }

  paragraph(content: readonly Element[]): Element {
    const rsid = this.rsid();
    const paragraph = this.element('p', { rsidR: rsid, rsidRDefault: rsid, rsidP: rsid });
    content.forEach((child) => paragraph.appendChild(child));
    return paragraph;
  }

  /** Creates a run with its own revision id and, when given, one direct format. */
  run(text: string, format?: RunFormat): Element {
    const rsid = this.rsid();
    const run = this.element('r', { rsidR: rsid, rsidRPr: rsid });
    if (format !== undefined) {
      run.appendChild(this.runProperties(format));
    }
    run.appendChild(this.text(text));
    return run;
  }

  /** Creates a run for optional text: none when the text is empty or missing. */
  optionalRun(text: string | undefined): Element[] {
    return text === undefined || text === '' ? [] : [this.run(text)];
  }

  /** Copies a run's attributes and properties, with a new revision id and the given text. */
  copyRun(run: Element, text: string): Element {
    const copy = run.cloneNode(false) as Element;
    copy.setAttributeNS(NS.w, `${this.prefix}:rsidR`, this.rsid());

    const properties = childElements(run).find((child) => hasName(child, NS.w, 'rPr'));
    if (properties !== undefined) {
      copy.appendChild(properties.cloneNode(true));
    }
    copy.appendChild(this.text(text));
    return copy;
  }

  proofError(type: 'spellStart' | 'spellEnd' | 'gramStart' | 'gramEnd'): Element {
    return this.element('proofErr', { type });
  }

  /** Sets the text of a `w:t`, preserving spaces at its ends as Word does. */
  setText(textElement: Element, text: string): void {
    while (textElement.firstChild !== null) {
      textElement.removeChild(textElement.firstChild);
    }
    textElement.appendChild(this.document.createTextNode(text));

    if (text.trim() !== text) {
      textElement.setAttributeNS(NS.xml, 'xml:space', 'preserve');
    }
  }

  private text(text: string): Element {
    const textElement = this.element('t');
    this.setText(textElement, text);
    return textElement;
  }

  /** Creates `w:rPr` with one format; its children follow the schema order of CT_RPr. */
  private runProperties(format: RunFormat): Element {
    const properties = this.element('rPr');
    const children: Element[] = {
      bold: () => [this.element('b'), this.element('bCs')],
      italic: () => [this.element('i'), this.element('iCs')],
      underline: () => [
        this.element('color', { val: '1F4E79' }),
        this.element('u', { val: 'single' }),
      ],
    }[format]();
    children.forEach((child) => properties.appendChild(child));
    return properties;
  }

  /** Returns the next revision id: 8 upper-case hex digits (ST_LongHexNumber). */
  private rsid(): string {
    const rsid = this.nextRsid.toString(16).toUpperCase().padStart(8, '0');
    this.nextRsid += 1;
    return rsid;
  }
}
