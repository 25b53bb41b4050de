/**
 * A fake of Word's JavaScript object model (Word.js), for testing the add-in's Word.js engine
 * without Word. It runs the members the engine uses on real .docx content: proxies and batches,
 * `load` before reading, errors at `sync`, requirement sets per platform, ranges that follow
 * edits, and the .docx written back.
 *
 * What it does not model:
 * - Members other than those listed in the objects under `objects/`; loadable properties are only
 *   `text` (Range, Paragraph, Body), `isLastParagraph`, `tableNestingLevel` and collection items.
 * - Ranges spanning several paragraphs, except whole paragraphs of one container; wildcard,
 *   `ignorePunct` and `ignoreSpace` searches; Word's "^" search codes.
 * - Tracked changes (edits are never tracked), styles (no style is applied or read), numbering,
 *   text boxes (bodies leave them out, as Word's do), footnotes and endnotes.
 * - Vertical cell merges; cell borders (`w:tcBorders`) winning over the table's; colours given by
 *   name rather than "#RRGGBB".
 * - "Different first page" and "different odd and even pages": writing to a FirstPage or EvenPages
 *   header adds the part and its reference but not `w:titlePg` or `w:evenAndOddHeaders`.
 * - Strict Open XML documents (the purl.oclc.org namespace) and the global `Word` enums: pass the
 *   string values ("Replace", "After").
 * - `context.trackedObjects`, `track()`, `set()`, `toJSON()`, `isNullObject` and the
 *   `*OrNullObject` methods.
 */
import { DocumentState } from './document-state';
import { anchorText } from './anchors';
import { FakeRequestContext } from './request-context';
import { RequirementSets, type FakeWordProfile } from './requirement-sets';
import { WordSession } from './session';
import { storyParagraphs } from './story';
import { paragraphText } from './text-pieces';

export type { FakeWordProfile } from './requirement-sets';
export { FakeOfficeError } from './errors';

export type FakeWordOptions = {
  /** Default 'desktop'. */
  profile?: FakeWordProfile;
  /** Makes DocumentCreated.open() fail at sync (GeneralException), as seen on Word on the web. */
  openFails?: boolean;
  /** Requirement sets overriding the profile: name -> highest version supported, or null. */
  requirementSets?: Record<string, string | null>;
};

export type FakeDocumentState = { toDocx(): Uint8Array };

export type FakeCreatedDocument = { readonly opened: boolean; toDocx(): Uint8Array };

export class FakeWord {
  private readonly session: WordSession;

  /** @param openDocument The .docx bytes of the document open in Word (`context.document`). */
  constructor(openDocument: Uint8Array, options: FakeWordOptions = {}) {
    const requirements = new RequirementSets(
      options.profile ?? 'desktop',
      options.requirementSets ?? {},
    );
    const state = new DocumentState(openDocument);
    this.session = new WordSession(requirements, state, options.openFails ?? false);
  }

  /**
   * Runs a batch like `Word.run`: with a new context, then one more sync for actions still
   * queued when the batch's promise resolves.
   */
  readonly run = async <T>(batch: (context: Word.RequestContext) => Promise<T>): Promise<T> => {
    const state = this.session.openContext();
    const context = new FakeRequestContext(state);
    try {
      const result = await batch(context as unknown as Word.RequestContext);
      if (state.queue.length > 0) {
        await context.sync();
      }
      return result;
    } finally {
      this.session.closeContext(state);
    }
  };

  /** Same contract as `Office.context.requirements.isSetSupported`. */
  readonly isSetSupported = (name: string, minVersion: string): boolean =>
    this.session.requirements.isSupported(name, minVersion);

  /** `context.sync()` round trips so far, in every run, the final ones of runs included. */
  get syncCount(): number {
    return this.session.syncCount;
  }

  get openDocument(): FakeDocumentState {
    const state = this.session.openDocument;
    return { toDocx: () => state.toDocx() };
  }

  /** Documents made by `application.createDocument`, in the order their syncs created them. */
  get createdDocuments(): readonly FakeCreatedDocument[] {
    return this.session.createdDocuments.map((created) => ({
      get opened() {
        return created.opened;
      },
      toDocx: () => created.state.toDocx(),
    }));
  }

  /** The text the last `Range.select()` selected, or null before any. */
  get selection(): { text: string } | null {
    return this.session.selection;
  }

  /**
   * Puts the collapsed selection right after the first occurrence of `text` in the body of the
   * open document, for `Document.getSelection`.
   *
   * @throws Error when the body does not contain `text` within one paragraph.
   */
  placeCursorAfter(text: string): void {
    const story = this.session.openDocument.main;
    for (const paragraph of storyParagraphs(story)) {
      const at = paragraphText(paragraph).indexOf(text);
      if (at >= 0) {
        const [start, end] = anchorText(paragraph, at + text.length, at + text.length);
        this.session.cursor = { story, start, end, includesMark: false };
        return;
      }
    }
    throw new Error(`placeCursorAfter: the body has no paragraph containing "${text}"`);
  }
}
