import type { Element } from '@xmldom/xmldom';

import { FakeClientObject, FakeCollection, type PropertyTable } from '../client-object';
import { invalidArgument } from '../errors';
import { applySpacing, type SpacingProperty } from '../formatting';
import {
  containerBlocks,
  containerOf,
  createParagraph,
  deleteParagraph,
  insertBlock,
  isLastParagraph,
  tableNestingLevel,
} from '../paragraph-edits';
import { paragraphRangeAt } from '../range-edits';
import { api } from '../requirement-sets';
import { checkInsertedText, runsAndAnchors } from '../run-content';
import type { RequestContextState } from '../session';
import { attachedElement, type ElementTarget, type Story } from '../story';
import { isNamedW } from '../wordml';
import { buildTable, checkTableShape, type TableValues } from '../table-xml';
import { paragraphText } from '../text-pieces';
import { FakeFont } from './font';
import { FakeRange } from './range';
import { FakeTable } from './table';

const PARAGRAPH_PROPERTIES: PropertyTable<ElementTarget> = {
  text: { read: (target) => paragraphText(attachedElement(target, 'paragraph')) },
  isLastParagraph: {
    requirement: api('1.3'),
    read: (target) => isLastParagraph(attachedElement(target, 'paragraph')),
  },
  tableNestingLevel: {
    requirement: api('1.3'),
    read: (target) => tableNestingLevel(attachedElement(target, 'paragraph')),
  },
};

/** `Word.Paragraph`: a `w:p` of a story. */
export class FakeParagraph extends FakeClientObject<ElementTarget> {
  private fontObject?: FakeFont;

  constructor(owner: RequestContextState, create: () => ElementTarget) {
    super(owner, 'Paragraph', create, PARAGRAPH_PROPERTIES);
  }

  get text(): string {
    return this.readValue('text');
  }

  get isLastParagraph(): boolean {
    return this.readValue('isLastParagraph');
  }

  get tableNestingLevel(): number {
    return this.readValue('tableNestingLevel');
  }

  get font(): FakeFont {
    this.fontObject ??= new FakeFont(this.owner, () => {
      const target = this.resolve();
      return {
        story: target.story,
        scope: () => {
          const paragraph = attachedElement(target, 'paragraph');
          const runs = runsAndAnchors(paragraph).filter((item) => isNamedW(item, 'r'));
          return { runs, paragraphMarks: [paragraph] };
        },
      };
    });
    return this.fontObject;
  }

  get lineSpacing(): number {
    return this.readValue('lineSpacing');
  }

  set lineSpacing(value: number) {
    this.setSpacing('lineSpacing', value);
  }

  get spaceBefore(): number {
    return this.readValue('spaceBefore');
  }

  set spaceBefore(value: number) {
    this.setSpacing('spaceBefore', value);
  }

  get spaceAfter(): number {
    return this.readValue('spaceAfter');
  }

  set spaceAfter(value: number) {
    this.setSpacing('spaceAfter', value);
  }

  insertTable(
    rowCount: number,
    columnCount: number,
    insertLocation: string,
    values?: string[][],
  ): FakeTable {
    const table = new FakeTable(this.owner, () =>
      insertTableBeside(this.resolve(), { rowCount, columnCount, insertLocation, values }),
    );
    return this.queueObject('insertTable', table, api('1.3'));
  }

  insertParagraph(paragraphText: string, insertLocation: string): FakeParagraph {
    const inserted = new FakeParagraph(this.owner, () => {
      const target = this.resolve();
      const paragraph = attachedElement(target, 'paragraph');
      const text = checkInsertedText(paragraphText);
      const created = createParagraph(paragraph, text, paragraph);
      insertBlock(paragraph, created, checkBeforeOrAfter(insertLocation));
      target.story.changed = true;
      return { story: target.story, element: created };
    });
    return this.queueObject('insertParagraph', inserted);
  }

  delete(): void {
    this.queue('delete', () => {
      const target = this.resolve();
      deleteParagraph(attachedElement(target, 'paragraph'));
      target.story.changed = true;
    });
  }

  getRange(rangeLocation?: string): FakeRange {
    const range = new FakeRange(this.owner, () => {
      const target = this.resolve();
      const paragraph = attachedElement(target, 'paragraph');
      return paragraphRangeAt(target.story, paragraph, rangeLocation);
    });
    return this.queueObject('getRange', range, api('1.3'));
  }

  private setSpacing(property: SpacingProperty, value: number): void {
    this.queueSet(property, value, (target) => {
      applySpacing(attachedElement(target, 'paragraph'), property, value);
      target.story.changed = true;
    });
  }
}

export function checkBeforeOrAfter(location: unknown): 'Before' | 'After' {
  if (location !== 'Before' && location !== 'After') {
    throw invalidArgument('The location must be Before or After.');
  }
  return location;
}

type TableRequest = {
  rowCount: unknown;
  columnCount: unknown;
  insertLocation: unknown;
  values: unknown;
};

/**
 * Inserts a table before or after a paragraph. After the last block of a container, an empty
 * paragraph follows the table, because Word keeps a paragraph last in every body and cell.
 */
function insertTableBeside(target: ElementTarget, request: TableRequest): ElementTarget {
  const paragraph = attachedElement(target, 'paragraph');
  const location = checkBeforeOrAfter(request.insertLocation);
  checkTableShape(request.rowCount, request.columnCount, request.values);

  const size = {
    rows: request.rowCount as number,
    columns: request.columnCount as number,
    width: target.story.textWidth(paragraph),
  };
  const values = request.values as TableValues | undefined;
  const table = buildTable(paragraph, size, values, checkInsertedText);
  insertBlock(paragraph, table, location);

  const blocks = containerBlocks(containerOf(table));
  if (blocks[blocks.length - 1] === table) {
    insertBlock(table, createParagraph(table, ''), 'After');
  }
  target.story.changed = true;
  return { story: target.story, element: table };
}

/** Paragraphs a collection lists, computed when an action of the collection runs. */
export type ParagraphListTarget = { story: Story; list: () => Element[] };

/** `Word.ParagraphCollection`. */
export class FakeParagraphCollection extends FakeCollection<
  ParagraphListTarget,
  ElementTarget,
  FakeParagraph
> {
  protected readonly itemProperties = PARAGRAPH_PROPERTIES;

  constructor(owner: RequestContextState, create: () => ParagraphListTarget) {
    super(owner, 'ParagraphCollection', create);
  }

  protected listTargets(target: ParagraphListTarget): ElementTarget[] {
    return target.list().map((element) => ({ story: target.story, element }));
  }

  protected createItem(create: () => ElementTarget): FakeParagraph {
    return new FakeParagraph(this.owner, create);
  }

  getFirst(): FakeParagraph {
    return this.queueItem('getFirst', (targets) => targets[0], api('1.3'));
  }

  getLast(): FakeParagraph {
    return this.queueItem('getLast', (targets) => targets[targets.length - 1], api('1.3'));
  }
}
