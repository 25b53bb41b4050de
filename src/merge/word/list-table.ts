/**
 * Writes a list as a native Word table through Word.js: the header row bold, shaded and repeated on
 * each page, amounts right-aligned, and the total row bold with its label spanning the columns
 * before the total where the host can merge cells. Every call is queued; nothing is read back.
 */
import { formatTotal, type ListTable } from '../lists';
import { removeNonXmlCharacters } from '../docx/xml';

const BORDER_COLOR = '#808080';
const HEADER_SHADING = '#F2F2F2';
/** Border width in points, as thin as the .docx engine's (four eighths of a point). */
const BORDER_WIDTH = 0.5;

/** Builds the table's cells: the header row, one row per piece, then the total row. */
export function tableValues(table: ListTable): string[][] {
  const width = table.columns.length;
  const totalRow = Array.from({ length: width }, () => '');
  totalRow[0] = table.totalLabel;
  totalRow[width - 1] = formatTotal(table);

  return [
    table.columns.map((column) => column.header),
    ...table.rows.map((row) => [...row]),
    totalRow,
  ].map((row) => row.map(cleanCell));
}

// Word stores cell text in XML, and a cell is one line: control characters have no place there.
function cleanCell(text: string): string {
  // eslint-disable-next-line no-control-regex -- the C0 controls are what is removed.
  return removeNonXmlCharacters(text).replace(/[\u0000-\u001f]/g, ' ');
}

export type TableAbilities = {
  /** `Table.mergeCells` (WordApi 1.4) is there to join the total row's label cells. */
  mergeCells: boolean;
};

/** Inserts the list's table after `paragraph` and formats it. */
export function insertListTable(
  paragraph: Word.Paragraph,
  table: ListTable,
  abilities: TableAbilities,
): Word.Table {
  const values = tableValues(table);
  const columns = table.columns.length;
  const lastRow = values.length - 1;
  const inserted = paragraph.insertTable(values.length, columns, 'After', values);

  // NOTE: Word for Windows ignores headerRowCount = 1 on some builds (the row does not repeat),
  // reported on the Office.js tracker and not fixed as of 2026; the table is otherwise right.
  inserted.headerRowCount = 1;
  const border = inserted.getBorder('All');
  border.type = 'Single';
  border.color = BORDER_COLOR;
  border.width = BORDER_WIDTH;

  const header = inserted.rows.getFirst();
  header.font.bold = true;
  header.shadingColor = HEADER_SHADING;
  inserted.getCell(lastRow, 0).parentRow.font.bold = true;

  table.columns.forEach((column, index) => {
    if (column.alignment === 'right') {
      for (let row = 0; row <= lastRow; row++) {
        inserted.getCell(row, index).horizontalAlignment = 'Right';
      }
    }
  });

  if (abilities.mergeCells && columns > 2) {
    inserted.mergeCells(lastRow, 0, lastRow, columns - 2);
  }
  return inserted;
}
