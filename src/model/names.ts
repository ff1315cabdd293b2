// Display names for tables, rows, columns and cells in messages, derived from the model.

import { normalizeLabel } from './labels.ts';
import type { ColumnDef, Format, RowDef, TableDef } from './types.ts';

/** 表三 row name as people say it: 予以公开, 不予公开·属于国家秘密, 行政诉讼·复议后起诉. */
export function rowName(row: RowDef): string {
  if (row.group && row.table === 'review_litigation') return `${row.group}·${row.short}`;
  const parent = row.parents.length > 1 ? row.parents[row.parents.length - 1] : '';
  if (!parent) return row.short;
  const bareParent = normalizeLabel(parent).replace(/^\([一二三四五六七八九十]+\)/, '');
  return `${bareParent}·${row.short}`;
}

export function columnName(column: ColumnDef): string {
  return column.short;
}

/** 表三“予以公开”行“自然人”列 */
export function cellName(format: Format, address: string): string {
  const cell = format.cell(address);
  if (!cell) return address;
  return cellNameOf(cell.table, cell.row, cell.column);
}

export function cellNameOf(table: TableDef, row: RowDef, column: ColumnDef): string {
  if (row.columns.length === 1) return `${table.name}“${rowName(row)}”`;
  return `${table.name}“${rowName(row)}”行“${columnName(column)}”列`;
}
