/**
 * WordprocessingML for a list table: a native Word table with a bold header row that repeats on
 * each page, rows that do not split across pages, right-aligned amounts and a total row.
 *
 * Elements are written in the order the ECMA-376 schema fixes, because Word "repairs" (or
 * rejects) a document whose properties are out of order, where LibreOffice shows no warning.
 */
import type { ListColumn, ListTable } from '../lists';
import { formatTotal } from '../lists';
import { escapeXmlText, removeNonXmlCharacters } from './xml';

export type TableLook = {
  /** Font properties taken from the field word's run (`w:rFonts`, `w:sz`, `w:szCs`), as XML. */
  fontXml: string;
  /** Width the table spans, in twentieths of a point. */
  widthTwips: number;
};

/** 100 %, in the fiftieths of a percent that `w:type="pct"` widths use. */
const FULL_WIDTH_PCT = 5000;
const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="808080"';
const HEADER_FILL = 'F2F2F2';
// Cell paragraphs drop the document's space after paragraphs, which would double row heights.
const CELL_SPACING = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>';

/** An empty paragraph one point high, which shows as no blank line. */
export const SPACER_PARAGRAPH =
  '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' +
  '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>';

/** Writes the `w:tbl` element of a list that has at least one row. */
export function buildTableXml(table: ListTable, look: TableLook): string {
  // Cells take shares of the table's width, so the table fits a narrow cell or text box too. The
  // grid in twips is only Word's starting point before it lays the table out.
  const grid = shareWidth(table.columns, look.widthTwips);
  const widths = shareWidth(table.columns, FULL_WIDTH_PCT);
  const header = table.columns.map((column, index) =>
    cellXml(column.header, column, widths[index] ?? 0, look, { bold: true, fill: HEADER_FILL }),
  );
  const rows = table.rows.map((row) =>
    row.map((text, index) => cellXml(text, columnAt(table, index), widths[index] ?? 0, look, {})),
  );

  return (
    '<w:tbl>' +
    tablePropertiesXml() +
    `<w:tblGrid>${grid.map((width) => `<w:gridCol w:w="${width}"/>`).join('')}</w:tblGrid>` +
    rowXml(header, true) +
    rows.map((cells) => rowXml(cells, false)).join('') +
    totalRowXml(table, widths, look) +
    '</w:tbl>'
  );
}

function tablePropertiesXml(): string {
  const sides = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'];
  const borders = sides.map((side) => `<w:${side} ${BORDER}/>`).join('');

  return (
    '<w:tblPr>' +
    `<w:tblW w:w="${FULL_WIDTH_PCT}" w:type="pct"/>` +
    `<w:tblBorders>${borders}</w:tblBorders>` +
    // Fixed layout keeps the column shares whatever the content, in Word and LibreOffice alike.
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>' +
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="1" w:firstColumn="0" w:lastColumn="0" ' +
    'w:noHBand="1" w:noVBand="1"/>' +
    '</w:tblPr>'
  );
}

function columnAt(table: ListTable, index: number): ListColumn {
  return table.columns[index] ?? { header: '', alignment: 'left', weight: 1 };
}

/** Shares `total` twips out by column weight; rounding goes to the last column. */
function shareWidth(columns: readonly ListColumn[], total: number): number[] {
  const weightSum = columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = columns.map((column) => Math.floor((total * column.weight) / weightSum));
  const rest = total - widths.reduce((sum, width) => sum + width, 0);

  widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + rest;
  return widths;
}

type CellOptions = { bold?: boolean; fill?: string; gridSpan?: number };

function cellXml(
  text: string,
  column: ListColumn,
  width: number,
  look: TableLook,
  options: CellOptions,
): string {
  const span = options.gridSpan ? `<w:gridSpan w:val="${options.gridSpan}"/>` : '';
  const fill = options.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${options.fill}"/>` : '';
  const properties = `<w:tcPr><w:tcW w:w="${width}" w:type="pct"/>${span}${fill}</w:tcPr>`;
  const alignment = `<w:jc w:val="${column.alignment === 'right' ? 'right' : 'left'}"/>`;
  const bold = options.bold ? '<w:b/><w:bCs/>' : '';
  const runProperties = runPropertiesXml(look.fontXml, bold);
  const content = escapeXmlText(removeNonXmlCharacters(text));

  return (
    `<w:tc>${properties}<w:p><w:pPr>${CELL_SPACING}${alignment}</w:pPr>` +
    `<w:r>${runProperties}<w:t xml:space="preserve">${content}</w:t></w:r></w:p></w:tc>`
  );
}

// In w:rPr the schema puts w:rFonts before w:b and w:bCs, and those before w:sz and w:szCs.
function runPropertiesXml(fontXml: string, bold: string): string {
  const fonts = /<w:rFonts\b[^>]*\/>/.exec(fontXml)?.[0] ?? '';
  const sizes = fontXml.replace(fonts, '');
  const inner = `${fonts}${bold}${sizes}`;

  return inner ? `<w:rPr>${inner}</w:rPr>` : '';
}

function rowXml(cells: readonly string[], isHeader: boolean): string {
  const header = isHeader ? '<w:tblHeader/>' : '';
  return `<w:tr><w:trPr><w:cantSplit/>${header}</w:trPr>${cells.join('')}</w:tr>`;
}

function totalRowXml(table: ListTable, widths: readonly number[], look: TableLook): string {
  const lastIndex = table.columns.length - 1;
  const labelWidth = widths.slice(0, lastIndex).reduce((sum, width) => sum + width, 0);
  const labelColumn: ListColumn = { header: '', alignment: 'left', weight: 1 };
  const label = cellXml(table.totalLabel, labelColumn, labelWidth, look, {
    bold: true,
    gridSpan: lastIndex,
  });
  const total = cellXml(
    formatTotal(table),
    columnAt(table, lastIndex),
    widths[lastIndex] ?? 0,
    look,
    {
      bold: true,
    },
  );

  return rowXml([label, total], false);
}
