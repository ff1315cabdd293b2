// A report's cells in long form: one row per cell of the format (value, status, provenance), and
// back. Statuses stay explicit: a blank cell is value null with status 'blank'.

import type { CellProvenance, Report } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import type { CellsTable } from './schema.ts';

export type CellRow = CellsTable;

/** The cell rows of a report version, in the format's cell order. */
export function cellRows(reportId: string, version: number, report: Report): CellRow[] {
  const format = getFormat(report.format);
  const out: CellRow[] = [];
  for (const def of format.cells) {
    const value = report.tables[def.table.id]?.[def.row.id]?.[def.column.id];
    const p = report.cells[def.address];
    out.push({
      report_id: reportId,
      version,
      table_id: def.table.id,
      row_id: def.row.id,
      col_id: def.column.id,
      value: value ?? null,
      status: p?.status ?? (value === undefined || value === null ? 'missing' : 'read'),
      raw: p?.raw ?? null,
      line: p?.line ?? null,
      page: p?.page ?? null,
      src_table: p?.table ?? null,
      src_row: p?.row ?? null,
      src_col: p?.col ?? null,
    });
  }
  return out;
}

/** Tables and cell provenance of the interchange report, from cell rows. */
export function tablesFromRows(rows: readonly Omit<CellRow, 'report_id' | 'version'>[]): Pick<Report, 'tables' | 'cells'> {
  const tables: Report['tables'] = {};
  const cells: Report['cells'] = {};
  for (const r of rows) {
    ((tables[r.table_id] ??= {})[r.row_id] ??= {})[r.col_id] = r.value;
    const p: CellProvenance = { raw: r.raw, line: r.line, status: r.status };
    if (r.page !== null) p.page = r.page;
    if (r.src_table !== null) p.table = r.src_table;
    if (r.src_row !== null) p.row = r.src_row;
    if (r.src_col !== null) p.col = r.src_col;
    cells[`${r.table_id}.${r.row_id}.${r.col_id}`] = p;
  }
  return { tables, cells };
}
