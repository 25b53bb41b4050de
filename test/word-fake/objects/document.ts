import { FakeClientObject, FakeCollection } from '../client-object';
import { DocumentState, type HeaderFooterType } from '../document-state';
import { FakeOfficeError, invalidArgument } from '../errors';
import { collapsedRange, type RangeTarget } from '../range-target';
import { paragraphStart } from '../anchors';
import { api, hiddenDocumentApi, type Requirement } from '../requirement-sets';
import type { CreatedDocument, RequestContextState } from '../session';
import { storyParagraphs } from '../story';
import { makeDocx } from '../../fixtures/make-docx';
import { FakeBody } from './body';
import { FakeRange } from './range';

const HEADER_FOOTER_TYPES: Readonly<Record<string, HeaderFooterType>> = {
  Primary: 'default',
  FirstPage: 'first',
  EvenPages: 'even',
};

/** Checks a member of a navigation property, which Office checks when the path is first used. */
function checkMember(owner: RequestContextState, requirement: Requirement, member: string) {
  try {
    owner.session.requirements.check(requirement, member);
  } catch (error) {
    throw error instanceof FakeOfficeError ? error.locate(member) : error;
  }
}

/** `Word.Document`: the document open in Word. */
export class FakeDocument extends FakeClientObject<DocumentState> {
  private bodyObject?: FakeBody;
  private sectionCollection?: FakeSectionCollection;

  constructor(owner: RequestContextState, create: () => DocumentState) {
    super(owner, 'Document', create);
  }

  get body(): FakeBody {
    this.bodyObject ??= new FakeBody(this.owner, () => this.resolve().main);
    return this.bodyObject;
  }

  get sections(): FakeSectionCollection {
    this.sectionCollection ??= new FakeSectionCollection(this.owner, () => this.resolve());
    return this.sectionCollection;
  }

  /** Returns the collapsed selection: where a test put the cursor, else the start of the body. */
  getSelection(): FakeRange {
    const selection = new FakeRange(this.owner, (): RangeTarget => {
      const state = this.resolve();
      const cursor = this.owner.session.cursor;
      if (cursor) {
        return { ...cursor };
      }
      const first = storyParagraphs(state.main)[0];
      if (!first) {
        throw new Error('the body has no paragraph');
      }
      return collapsedRange(state.main, paragraphStart(first));
    });
    return this.queueObject('getSelection', selection, api('1.1'));
  }
}

/** `Word.DocumentCreated`: a document made by `createDocument`, not yet open in a window. */
export class FakeDocumentCreated extends FakeClientObject<CreatedDocument> {
  private bodyObject?: FakeBody;
  private sectionCollection?: FakeSectionCollection;

  constructor(owner: RequestContextState, create: () => CreatedDocument) {
    super(owner, 'DocumentCreated', create);
  }

  get body(): FakeBody {
    this.bodyObject ??= new FakeBody(this.owner, () => {
      checkMember(this.owner, hiddenDocumentApi('1.3'), 'DocumentCreated.body');
      return this.resolve().state.main;
    });
    return this.bodyObject;
  }

  get sections(): FakeSectionCollection {
    this.sectionCollection ??= new FakeSectionCollection(this.owner, () => {
      checkMember(this.owner, hiddenDocumentApi('1.3'), 'DocumentCreated.sections');
      return this.resolve().state;
    });
    return this.sectionCollection;
  }

  open(): void {
    this.queue(
      'open',
      () => {
        const created = this.resolve();
        if (this.owner.session.openFails) {
          throw new FakeOfficeError('GeneralException', 'Word could not open the document.');
        }
        created.opened = true;
      },
      api('1.3'),
    );
  }
}

/** `Word.Application`. */
export class FakeApplication extends FakeClientObject<null> {
  constructor(owner: RequestContextState) {
    super(owner, 'Application', () => null);
  }

  createDocument(base64File?: string): FakeDocumentCreated {
    const created = new FakeDocumentCreated(this.owner, () => {
      this.resolve();
      const document: CreatedDocument = {
        state: new DocumentState(decodeDocument(base64File)),
        opened: false,
      };
      this.owner.session.createdDocuments.push(document);
      return document;
    });
    return this.queueObject('createDocument', created, api('1.3'));
  }
}

/** Decodes `createDocument`'s argument, or returns a blank document when there is none. */
function decodeDocument(base64File: string | undefined | null): Uint8Array {
  if (base64File === undefined || base64File === null) {
    return makeDocx({ body: '<w:p/>' });
  }

  const compact = typeof base64File === 'string' ? base64File.replace(/\s+/g, '') : '';
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw invalidArgument('base64File is not valid Base64.');
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

type SectionTarget = { state: DocumentState; index: number };

/** `Word.SectionCollection`: the sections of a document, one per `w:sectPr`. */
export class FakeSectionCollection extends FakeCollection<
  DocumentState,
  SectionTarget,
  FakeSection
> {
  protected readonly itemProperties = {};

  constructor(owner: RequestContextState, create: () => DocumentState) {
    super(owner, 'SectionCollection', create);
  }

  protected listTargets(state: DocumentState): SectionTarget[] {
    return state.sections().map((_, index) => ({ state, index }));
  }

  protected createItem(create: () => SectionTarget): FakeSection {
    return new FakeSection(this.owner, create);
  }

  getFirst(): FakeSection {
    return this.queueItem('getFirst', (targets) => targets[0], api('1.3'));
  }
}

/** `Word.Section`. */
export class FakeSection extends FakeClientObject<SectionTarget> {
  constructor(owner: RequestContextState, create: () => SectionTarget) {
    super(owner, 'Section', create);
  }

  getHeader(type: string): FakeBody {
    return this.headerFooter('getHeader', 'header', type);
  }

  getFooter(type: string): FakeBody {
    return this.headerFooter('getFooter', 'footer', type);
  }

  getNext(): FakeSection {
    const next = new FakeSection(this.owner, () => {
      const { state, index } = this.resolve();
      if (index + 1 >= state.sections().length) {
        throw new FakeOfficeError('ItemNotFound', 'This section is the last one.');
      }
      return { state, index: index + 1 };
    });
    return this.queueObject('getNext', next, api('1.3'));
  }

  private headerFooter(member: string, kind: 'header' | 'footer', type: string): FakeBody {
    const body = new FakeBody(this.owner, () => {
      const { state, index } = this.resolve();
      const referenceType = HEADER_FOOTER_TYPES[type];
      if (!referenceType) {
        throw invalidArgument('The type must be Primary, FirstPage or EvenPages.');
      }
      return state.headerFooter(index, kind, referenceType);
    });
    return this.queueObject(member, body, api('1.1'));
  }
}
