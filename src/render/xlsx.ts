// The report's three tables as a spreadsheet for supervisors: one sheet per table (表二、表三、
// 表四), the header cells merged as in the national layout, borders, column widths, numbers as
// numbers (blank cells stay empty, not-applicable marks stay as printed).

import ExcelJS from 'exceljs';
import type { Report } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import { columnWeights, textWidth } from './column-widths.ts';
import { reportTitle } from './document.ts';
import { printable } from './escape.ts';
import { tableLayout, type LayoutCell } from './table-layout.ts';

export interface XlsxOptions {
  /** A draft: 草稿 in each sheet's title row and printed header. */
  draft?: boolean;
}

const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Rows above each table: the title, then an empty row. */
const TABLE_TOP = 3;

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(text: string): string {
  return printable(text).replace(/[:\\/?*[\]]/g, '、').slice(0, 31);
}

function valueOf(report: Report, cell: LayoutCell): ExcelJS.CellValue {
  if (cell.kind !== 'value' || !cell.address) return printable(cell.text);
  const [table, row, col] = cell.address.split('.');
  const v = report.tables[table]?.[row]?.[col];
  if (typeof v === 'number') return v;
  return cell.text ? printable(cell.text) : null; // "/" as printed, or empty
}

/** The report's tables as XLSX bytes. */
export async function renderXlsx(report: Report, opts: XlsxOptions = {}): Promise<Uint8Array> {
  const format = getFormat(report.format);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = printable(reportTitle(report));
  for (const table of format.tables) {
    const layout = tableLayout(table, { values: report.tables[table.id], cells: report.cells });
    const section = format.section(table.section);
    const ws = wb.addWorksheet(sheetName(`${table.name} ${section.label}`), {
      pageSetup: { paperSize: 9, orientation: layout.columns > 12 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
      headerFooter: opts.draft ? { oddHeader: '&C&"宋体,Bold"&14草稿', oddFooter: '&C— &P —' } : { oddFooter: '&C— &P —' },
      views: [{ state: 'frozen', ySplit: TABLE_TOP - 1 + layout.headerRows, showGridLines: false }],
    });
    if (layout.headerRows > 0) ws.pageSetup.printTitlesRow = `${TABLE_TOP}:${TABLE_TOP - 1 + layout.headerRows}`;

    // Title row over the whole table.
    ws.mergeCells(1, 1, 1, layout.columns);
    const title = ws.getCell(1, 1);
    title.value = printable(`${opts.draft ? '【草稿】' : ''}${reportTitle(report)}　${table.name}　${section.numeral}、${section.label}`);
    title.font = { name: FONT, size: 14, bold: true, ...(opts.draft ? { color: { argb: 'FFB00000' } } : {}) };
    title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getRow(1).height = 36;

    // Excel widths count characters of the default font; a CJK character is about two.
    const widths = columnWeights(layout, 40).map((w) => Math.max(12, Math.round(w * 2.1)));
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    // Row heights from the wrapped text of the cells that start in the row (Excel does not fit
    // the height of rows with merged cells by itself).
    const lines = new Array<number>(layout.rows.length).fill(1);
    for (const line of layout.rows) {
      for (const cell of line) {
        const room = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - 1;
        const needed = Math.ceil((textWidth(cell.text) * 2) / Math.max(room, 2));
        lines[cell.row] = Math.max(lines[cell.row], Math.ceil(needed / cell.rowSpan));
      }
    }
    lines.forEach((n, r) => (ws.getRow(TABLE_TOP + r).height = Math.max(20, n * 15 + 5)));

    for (const line of layout.rows) {
      for (const cell of line) {
        const r = TABLE_TOP + cell.row;
        const c = 1 + cell.col;
        if (cell.rowSpan > 1 || cell.colSpan > 1) ws.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
        const target = ws.getCell(r, c);
        target.value = valueOf(report, cell);
        const header = cell.kind !== 'value';
        target.font = { name: FONT, size: cell.kind === 'note' ? 9 : 11, bold: header && cell.kind !== 'note' && cell.kind !== 'row-header' };
        target.alignment = {
          horizontal: cell.kind === 'row-header' && cell.scope === 'row' ? 'left' : cell.kind === 'note' ? 'left' : 'center',
          vertical: 'middle',
          wrapText: true,
        };
        const col = cell.address ? format.cell(cell.address)?.column : undefined;
        if (col?.type === 'decimal' && typeof target.value === 'number') target.numFmt = '0.00####';
      }
    }
    // Borders on every position of the grid, including those covered by merged cells.
    for (let r = 0; r < layout.rows.length; r++) {
      for (let c = 0; c < layout.columns; c++) ws.getCell(TABLE_TOP + r, 1 + c).border = BORDER;
    }
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
