import { FakeClientObject } from '../client-object';
import { itemNotFound } from '../errors';
import { applyAlignment } from '../formatting';
import { createParagraph, insertBlock, paragraphsIn } from '../paragraph-edits';
import { api } from '../requirement-sets';
import { checkInsertedText, runsAndAnchors } from '../run-content';
import type { RequestContextState } from '../session';
import { attachedElement, type ElementTarget } from '../story';
import {
  mergeRowCells,
  rowCells,
  setBorder,
  setHeaderRows,
  setRowShading,
  tableRows,
  type BorderProperty,
} from '../table-xml';
import { isNamedW } from '../wordml';
import { FakeFont, type FontTarget } from './font';
import { checkBeforeOrAfter, FakeParagraph } from './paragraph';

/** Creates a font over every run and paragraph mark inside a table, row or cell. */
function elementFont(owner: RequestContextState, resolve: () => ElementTarget, name: string) {
  return new FakeFont(owner, (): FontTarget => {
    const target = resolve();
    return {
      story: target.story,
      scope: () => {
        const paragraphs = paragraphsIn(attachedElement(target, name));
        const runs = paragraphs.flatMap((paragraph) =>
          runsAndAnchors(paragraph).filter((item) => isNamedW(item, 'r')),
        );
        return { runs, paragraphMarks: paragraphs };
      },
    };
  });
}

/** `Word.Table`: a `w:tbl` of a story. */
export class FakeTable extends FakeClientObject<ElementTarget> {
  private fontObject?: FakeFont;
  private rowCollection?: FakeTableRowCollection;

  constructor(owner: RequestContextState, create: () => ElementTarget) {
    super(owner, 'Table', create);
  }

  get headerRowCount(): number {
    return this.readValue('headerRowCount');
  }

  set headerRowCount(value: number) {
    this.queueSet(
      'headerRowCount',
      value,
      (target) => {
        setHeaderRows(attachedElement(target, 'table'), value);
        target.story.changed = true;
      },
      api('1.3'),
    );
  }

  get font(): FakeFont {
    this.fontObject ??= elementFont(this.owner, () => this.resolve(), 'table');
    return this.fontObject;
  }

  get rows(): FakeTableRowCollection {
    this.rowCollection ??= new FakeTableRowCollection(this.owner, () => this.resolve());
    return this.rowCollection;
  }

  insertParagraph(paragraphText: string, insertLocation: string): FakeParagraph {
    const inserted = new FakeParagraph(this.owner, () => {
      const target = this.resolve();
      const table = attachedElement(target, 'table');
      const paragraph = createParagraph(table, checkInsertedText(paragraphText));
      insertBlock(table, paragraph, checkBeforeOrAfter(insertLocation));
      target.story.changed = true;
      return { story: target.story, element: paragraph };
    });
    return this.queueObject('insertParagraph', inserted, api('1.3'));
  }

  getCell(rowIndex: number, cellIndex: number): FakeTableCell {
    const cell = new FakeTableCell(this.owner, () => {
      const target = this.resolve();
      const row = tableRows(attachedElement(target, 'table'))[rowIndex];
      const element = row && rowCells(row)[cellIndex];
      if (!element) {
        throw itemNotFound(`The table has no cell at row ${rowIndex}, cell ${cellIndex}.`);
      }
      return { story: target.story, element };
    });
    return this.queueObject('getCell', cell, api('1.3'));
  }

  getBorder(borderLocation: string): FakeTableBorder {
    const border = new FakeTableBorder(this.owner, () => ({
      table: this.resolve(),
      location: borderLocation,
    }));
    return this.queueObject('getBorder', border, api('1.3'));
  }

  mergeCells(topRow: number, firstCell: number, bottomRow: number, lastCell: number) {
    const merged = new FakeTableCell(this.owner, () => {
      const target = this.resolve();
      const area = { topRow, firstCell, bottomRow, lastCell };
      const element = mergeRowCells(attachedElement(target, 'table'), area);
      target.story.changed = true;
      return { story: target.story, element };
    });
    return this.queueObject('mergeCells', merged, api('1.4'));
  }
}

/** `Word.TableRowCollection`: only `getFirst` is modelled. */
export class FakeTableRowCollection extends FakeClientObject<ElementTarget> {
  constructor(owner: RequestContextState, create: () => ElementTarget) {
    super(owner, 'TableRowCollection', create);
  }

  getFirst(): FakeTableRow {
    const row = new FakeTableRow(this.owner, () => {
      const target = this.resolve();
      const element = tableRows(attachedElement(target, 'table'))[0];
      if (!element) {
        throw itemNotFound('The table has no rows.');
      }
      return { story: target.story, element };
    });
    return this.queueObject('getFirst', row, api('1.3'));
  }
}

/** `Word.TableRow`: a `w:tr`. */
export class FakeTableRow extends FakeClientObject<ElementTarget> {
  private fontObject?: FakeFont;

  constructor(owner: RequestContextState, create: () => ElementTarget) {
    super(owner, 'TableRow', create);
  }

  get font(): FakeFont {
    this.fontObject ??= elementFont(this.owner, () => this.resolve(), 'table row');
    return this.fontObject;
  }

  get shadingColor(): string {
    return this.readValue('shadingColor');
  }

  set shadingColor(value: string) {
    this.queueSet(
      'shadingColor',
      value,
      (target) => {
        setRowShading(attachedElement(target, 'table row'), value);
        target.story.changed = true;
      },
      api('1.3'),
    );
  }
}

/** `Word.TableCell`: a `w:tc`. */
export class FakeTableCell extends FakeClientObject<ElementTarget> {
  private row?: FakeTableRow;

  constructor(owner: RequestContextState, create: () => ElementTarget) {
    super(owner, 'TableCell', create);
  }

  get horizontalAlignment(): string {
    return this.readValue('horizontalAlignment');
  }

  set horizontalAlignment(value: string) {
    this.queueSet(
      'horizontalAlignment',
      value,
      (target) => {
        applyAlignment(paragraphsIn(attachedElement(target, 'table cell')), value);
        target.story.changed = true;
      },
      api('1.3'),
    );
  }

  get parentRow(): FakeTableRow {
    this.row ??= new FakeTableRow(this.owner, () => {
      const target = this.resolve();
      const cell = attachedElement(target, 'table cell');
      return { story: target.story, element: cell.parentNode as ElementTarget['element'] };
    });
    return this.row;
  }
}

type BorderTarget = { table: ElementTarget; location: string };

/** `Word.TableBorder`: the borders of a table at one location ("All", "Top"…). */
export class FakeTableBorder extends FakeClientObject<BorderTarget> {
  constructor(owner: RequestContextState, create: () => BorderTarget) {
    super(owner, 'TableBorder', create);
  }

  get type(): string {
    return this.readValue('type');
  }

  set type(value: string) {
    this.setBorder('type', value);
  }

  get color(): string {
    return this.readValue('color');
  }

  set color(value: string) {
    this.setBorder('color', value);
  }

  get width(): number {
    return this.readValue('width');
  }

  set width(value: number) {
    this.setBorder('width', value);
  }

  private setBorder(property: BorderProperty, value: unknown): void {
    this.queueSet(
      property,
      value,
      (target) => {
        setBorder(attachedElement(target.table, 'table'), target.location, property, value);
        target.table.story.changed = true;
      },
      api('1.3'),
    );
  }
}
