/**
 * Tables the fake inserts, and the table formatting Word.js sets: header rows, borders, row
 * shading, cell merging.
 */
import type { Element, Node } from '@xmldom/xmldom';

import { childElements, isW } from '../../src/merge/docx/xml';
import { invalidArgument, itemNotFound, notImplemented } from './errors';
import { containerBlocks, createParagraph } from './paragraph-edits';
import { hasVisibleContent, runsAndAnchors } from './run-content';
import {
  CELL_ORDER,
  CELL_PROPERTY_ORDER,
  childrenW,
  createW,
  ensureChildW,
  firstChildW,
  getW,
  insertInOrder,
  isNamedW,
  replaceChildW,
  ROW_ORDER,
  ROW_PROPERTY_ORDER,
  setW,
  TABLE_BORDER_ORDER,
  TABLE_ORDER,
  TABLE_PROPERTY_ORDER,
} from './wordml';

/** Logical names the schema also allows for the left and right borders. */
const BORDER_ALIASES: Readonly<Record<string, string>> = { left: 'start', right: 'end' };

/** Border sides Word's "Table Grid" style draws: all of them, half a point, automatic color. */
const GRID_BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'] as const;

const BORDER_SIDES: Readonly<Record<string, readonly string[]>> = {
  Top: ['top'],
  Left: ['left'],
  Bottom: ['bottom'],
  Right: ['right'],
  InsideHorizontal: ['insideH'],
  InsideVertical: ['insideV'],
  Inside: ['insideH', 'insideV'],
  Outside: ['top', 'left', 'bottom', 'right'],
  All: GRID_BORDERS,
};

/** `Word.BorderType` values and the `w:val` of `ST_Border` each one writes. */
const BORDER_STYLES: Readonly<Record<string, string>> = {
  None: 'none',
  Single: 'single',
  Double: 'double',
  Dotted: 'dotted',
  Dashed: 'dashed',
  DotDashed: 'dotDash',
  Dot2Dashed: 'dotDotDash',
  Triple: 'triple',
  ThinThickSmall: 'thinThickSmallGap',
  ThickThinSmall: 'thickThinSmallGap',
  ThinThickThinSmall: 'thinThickThinSmallGap',
  ThinThickMed: 'thinThickMediumGap',
  ThickThinMed: 'thickThinMediumGap',
  ThinThickThinMed: 'thinThickThinMediumGap',
  ThinThickLarge: 'thinThickLargeGap',
  ThickThinLarge: 'thickThinLargeGap',
  ThinThickThinLarge: 'thinThickThinLargeGap',
  Wave: 'wave',
  DoubleWave: 'doubleWave',
  DashedSmall: 'dashSmallGap',
  DashDotStroked: 'dashDotStroked',
  ThreeDEmboss: 'threeDEmboss',
  ThreeDEngrave: 'threeDEngrave',
};

export type TableValues = readonly (readonly (string | null | undefined)[])[];

/**
 * Builds a `w:tbl` of `rows` × `columns` cells sharing `width` twips equally, each cell holding
 * one paragraph with its value (checked and cleaned by `cleanText`).
 */
export function buildTable(
  node: Node,
  size: { rows: number; columns: number; width: number },
  values: TableValues | undefined,
  cleanText: (text: unknown) => string,
): Element {
  const document = node.ownerDocument!;
  const columnWidth = String(Math.floor(size.width / size.columns));
  const table = createW(document, 'tbl');

  const properties = createW(document, 'tblPr');
  properties.appendChild(createW(document, 'tblW', { w: '0', type: 'auto' }));
  const borders = createW(document, 'tblBorders');
  for (const side of GRID_BORDERS) {
    borders.appendChild(createW(document, side, gridBorder()));
  }
  properties.appendChild(borders);
  table.appendChild(properties);

  const grid = createW(document, 'tblGrid');
  for (let column = 0; column < size.columns; column++) {
    grid.appendChild(createW(document, 'gridCol', { w: columnWidth }));
  }
  table.appendChild(grid);

  for (let row = 0; row < size.rows; row++) {
    const rowElement = createW(document, 'tr');
    for (let column = 0; column < size.columns; column++) {
      const cell = createW(document, 'tc');
      const cellProperties = createW(document, 'tcPr');
      cellProperties.appendChild(createW(document, 'tcW', { w: columnWidth, type: 'dxa' }));
      cell.appendChild(cellProperties);
      const value = values?.[row]?.[column];
      cell.appendChild(createParagraph(node, value == null ? '' : cleanText(value)));
      rowElement.appendChild(cell);
    }
    table.appendChild(rowElement);
  }
  return table;
}

function gridBorder(): Record<string, string> {
  return { val: 'single', sz: '4', space: '0', color: 'auto' };
}

/** Checks `insertTable`'s sizes and that `values`, when given, has exactly that shape. */
export function checkTableShape(rows: unknown, columns: unknown, values: unknown): void {
  const isCount = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
  if (!isCount(rows) || !isCount(columns)) {
    throw invalidArgument('rowCount and columnCount must be whole numbers above 0.');
  }
  if (values === undefined || values === null) {
    return;
  }

  const shaped =
    Array.isArray(values) &&
    values.length === rows &&
    values.every((row) => Array.isArray(row) && row.length === columns);
  if (!shaped) {
    throw invalidArgument(`values must be ${String(rows)} rows of ${String(columns)} strings.`);
  }
}

export function tableRows(table: Element): Element[] {
  return childrenW(table, 'tr');
}

export function rowCells(row: Element): Element[] {
  return childrenW(row, 'tc');
}

/** Marks the first `count` rows as header rows repeated on each page; the others are not. */
export function setHeaderRows(table: Element, count: unknown): void {
  if (!Number.isInteger(count) || (count as number) < 0) {
    throw invalidArgument('headerRowCount must be a whole number, 0 or more.');
  }

  tableRows(table).forEach((row, index) => {
    const properties = ensureChildW(row, 'trPr', ROW_ORDER);
    const existing = firstChildW(properties, 'tblHeader');
    if (existing) {
      properties.removeChild(existing);
    }
    if (index < (count as number)) {
      insertInOrder(properties, createW(row.ownerDocument!, 'tblHeader'), ROW_PROPERTY_ORDER);
    }
    if (childElements(properties).length === 0) {
      row.removeChild(properties);
    }
  });
}

export type BorderProperty = 'type' | 'color' | 'width';

/** Sets one property of the table borders at `location` ("All", "Top"…). */
export function setBorder(
  table: Element,
  location: string,
  property: BorderProperty,
  value: unknown,
) {
  const sides = BORDER_SIDES[location];
  if (!sides) {
    throw invalidArgument(`Unknown border location ${location}.`);
  }

  const [attribute, attributeValue] = borderAttribute(property, value);
  const properties = ensureChildW(table, 'tblPr', TABLE_ORDER);
  const borders = ensureChildW(properties, 'tblBorders', TABLE_PROPERTY_ORDER);
  for (const side of sides) {
    const border = borderElement(borders, side);
    setW(border, attribute, attributeValue);
  }
}

/** Returns the border element of a side, reusing `w:start` or `w:end` for left or right. */
function borderElement(borders: Element, side: string): Element {
  const alias = BORDER_ALIASES[side];
  const existing = firstChildW(borders, side) ?? (alias && firstChildW(borders, alias));
  if (existing) {
    return existing;
  }

  const border = createW(borders.ownerDocument!, side, gridBorder());
  insertInOrder(borders, border, TABLE_BORDER_ORDER);
  return border;
}

function borderAttribute(property: BorderProperty, value: unknown): [string, string] {
  switch (property) {
    case 'type': {
      const style = typeof value === 'string' ? BORDER_STYLES[value] : undefined;
      if (style === undefined) {
        throw invalidArgument(`Unknown or unsettable border type ${String(value)}.`);
      }
      return ['val', style];
    }
    case 'color':
      return ['color', hexColor(value)];
    case 'width':
      if (typeof value !== 'number' || !(value > 0)) {
        throw invalidArgument('TableBorder.width must be a number of points above 0.');
      }
      // w:sz of a border is in eighths of a point.
      return ['sz', String(Math.round(value * 8))];
  }
}

/** "#RRGGBB" as `ST_HexColor` writes it. */
export function hexColor(value: unknown): string {
  if (typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)) {
    return value.slice(1).toUpperCase();
  }
  throw notImplemented(`colors other than "#RRGGBB" (got ${String(value)})`);
}

/** Shades every cell of the row with a solid fill. */
export function setRowShading(row: Element, color: unknown): void {
  const fill = hexColor(color);
  for (const cell of rowCells(row)) {
    const properties = ensureChildW(cell, 'tcPr', CELL_ORDER);
    const shading = createW(row.ownerDocument!, 'shd', { val: 'clear', color: 'auto', fill });
    replaceChildW(properties, shading, CELL_PROPERTY_ORDER);
  }
}

/**
 * Merges cells `first` to `last` of one row into the first of them, which spans their grid
 * columns and keeps the content of every cell that has some.
 */
export function mergeRowCells(table: Element, area: MergeArea): Element {
  if (area.topRow !== area.bottomRow) {
    throw notImplemented('merging cells of several rows');
  }

  const row = tableRows(table)[area.topRow];
  const cells = row ? rowCells(row) : [];
  const merged = cells.slice(area.firstCell, area.lastCell + 1);
  const target = merged[0];
  if (!target || area.lastCell >= cells.length || area.firstCell > area.lastCell) {
    throw itemNotFound('The cells to merge do not exist.');
  }

  setSpanAndWidth(target, merged);
  const withContent = merged.filter((cell) => !isEmptyCell(cell));
  const sources = withContent.length > 0 ? withContent : [target];
  const blocks = sources.flatMap((cell) => containerBlocks(cell));

  for (const child of childElements(target)) {
    if (!isNamedW(child, 'tcPr')) {
      target.removeChild(child);
    }
  }
  blocks.forEach((block) => target.appendChild(block));
  merged.slice(1).forEach((cell) => row!.removeChild(cell));
  return target;
}

export type MergeArea = { topRow: number; firstCell: number; bottomRow: number; lastCell: number };

function setSpanAndWidth(target: Element, merged: readonly Element[]): void {
  const properties = ensureChildW(target, 'tcPr', CELL_ORDER);
  let span = 0;
  let width = 0;
  for (const cell of merged) {
    const cellProperties = firstChildW(cell, 'tcPr');
    const gridSpan = cellProperties && firstChildW(cellProperties, 'gridSpan');
    const cellWidth = cellProperties && firstChildW(cellProperties, 'tcW');
    span += Number((gridSpan && getW(gridSpan, 'val')) ?? 1) || 1;
    width += Number((cellWidth && getW(cellWidth, 'w')) ?? 0) || 0;
  }

  if (width > 0) {
    const tcW = createW(target.ownerDocument!, 'tcW', { w: String(width), type: 'dxa' });
    replaceChildW(properties, tcW, CELL_PROPERTY_ORDER);
  }
  const gridSpan = createW(target.ownerDocument!, 'gridSpan', { val: String(span) });
  replaceChildW(properties, gridSpan, CELL_PROPERTY_ORDER);
}

/** A cell holding one paragraph that shows nothing. */
function isEmptyCell(cell: Element): boolean {
  const blocks = containerBlocks(cell);
  const paragraph = blocks[0];
  return (
    blocks.length === 1 &&
    isW(paragraph, 'p') &&
    !runsAndAnchors(paragraph).some((item) => isNamedW(item, 'r') && hasVisibleContent(item))
  );
}
