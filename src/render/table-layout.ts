// The printed layout of a table in the national format, derived from the format model: header
// rows with their merged cells (申请人情况 over 自然人 / 法人或其他组织 / 总计, 行政复议 / 行政诉讼
// over their columns), row labels spanning their sub-rows (三、本年度办理结果, （三）不予公开), and
// the value cells. Every renderer (Word, HTML, PDF, spreadsheet, Markdown) draws from this grid,
// so the layout is decided once.

import type { CellProvenance, TableValues } from '../interchange/types.ts';
import type { ColumnDef, RowDef, TableDef } from '../model/types.ts';

export interface LayoutCell {
  text: string;
  /** Position of the cell's top-left corner in the grid. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  kind: 'note' | 'column-header' | 'row-header' | 'group' | 'value';
  /** For value cells: the cell address `table.row.column`. */
  address?: string;
  /** HTML scope for header cells. */
  scope?: 'col' | 'colgroup' | 'row' | 'rowgroup';
}

export interface TableLayoutGrid {
  table: TableDef;
  columns: number;
  /** Number of leading header rows (repeated on a new page). */
  headerRows: number;
  /** Rows of origin cells; a cell covered by a span appears only in its origin row. */
  rows: LayoutCell[][];
}

export interface LayoutValues {
  values?: TableValues;
  cells?: Record<string, CellProvenance>;
}

/** How a value is printed: numbers as they are, not-applicable marks as printed, empty otherwise. */
export function printedValue(table: TableDef, row: RowDef, col: ColumnDef, data: LayoutValues): string {
  const v = data.values?.[row.id]?.[col.id];
  if (v === null || v === undefined) {
    const p = data.cells?.[`${table.id}.${row.id}.${col.id}`];
    return p?.status === 'not_applicable' ? (p.raw ?? '/') : '';
  }
  return String(v);
}

function cell(text: string, row: number, col: number, kind: LayoutCell['kind'], rowSpan = 1, colSpan = 1, extra: Partial<LayoutCell> = {}): LayoutCell {
  return { text, row, col, rowSpan, colSpan, kind, ...extra };
}

function groupsLayout(table: TableDef, data: LayoutValues): TableLayoutGrid {
  const width = 1 + Math.max(...table.groups.map((g) => g.columns.length));
  const rows: LayoutCell[][] = [];
  for (const g of table.groups) {
    let r = rows.length;
    rows.push([cell(g.label, r, 0, 'group', 1, width, { scope: 'colgroup' })]);
    r = rows.length;
    const header = [cell(table.rowHeader ?? '', r, 0, 'column-header', 1, 1, { scope: 'col' })];
    g.columns.forEach((c, i) => {
      const span = i === g.columns.length - 1 ? width - 1 - i : 1;
      header.push(cell(c.label, r, 1 + i, 'column-header', 1, span, { scope: 'col' }));
    });
    rows.push(header);
    for (const row of g.rows) {
      r = rows.length;
      const line = [cell(row.label, r, 0, 'row-header', 1, 1, { scope: 'row' })];
      row.columns.forEach((c, i) => {
        const span = i === row.columns.length - 1 ? width - 1 - i : 1;
        line.push(cell(printedValue(table, row, c, data), r, 1 + i, 'value', 1, span, { address: `${table.id}.${row.id}.${c.id}` }));
      });
      rows.push(line);
    }
  }
  // 表二 has no separate header block: each group carries its own header row.
  return { table, columns: width, headerRows: 0, rows };
}

function rowsLayout(table: TableDef, data: LayoutValues): TableLayoutGrid {
  const depth = 1 + Math.max(...table.rows.map((r) => r.parents.length));
  const grouped = table.columns.some((c) => c.group);
  const top = table.columnHeader ? 1 : 0;
  const headerRows = top + (grouped ? 2 : 1);
  const width = depth + table.columns.length;
  const rows: LayoutCell[][] = [];
  for (let i = 0; i < headerRows; i++) rows.push([]);
  rows[0].push(cell(table.note ?? '', 0, 0, 'note', headerRows, depth));
  if (table.columnHeader) rows[0].push(cell(table.columnHeader, 0, depth, 'column-header', 1, table.columns.length, { scope: 'colgroup' }));
  let c = depth;
  for (let i = 0; i < table.columns.length; ) {
    const col = table.columns[i];
    if (grouped && col.group) {
      const members = table.columns.slice(i).filter((_x, k) => table.columns.slice(i, i + k + 1).every((y) => y.group === col.group));
      rows[top].push(cell(col.group, top, c, 'column-header', 1, members.length, { scope: 'colgroup' }));
      members.forEach((m, k) => rows[top + 1].push(cell(m.label, top + 1, c + k, 'column-header', 1, 1, { scope: 'col' })));
      c += members.length;
      i += members.length;
    } else {
      rows[top].push(cell(col.label, top, c, 'column-header', grouped ? 2 : 1, 1, { scope: 'col' }));
      c++;
      i++;
    }
  }
  // Body: parent labels span the rows under them.
  const opened = new Map<string, boolean>();
  table.rows.forEach((row) => {
    const r = rows.length;
    const line: LayoutCell[] = [];
    row.parents.forEach((p, level) => {
      const key = row.parents.slice(0, level + 1).join('>');
      if (opened.has(key)) return;
      opened.set(key, true);
      const span = table.rows.filter((x) => x.parents.slice(0, level + 1).join('>') === key).length;
      line.push(cell(p, r, level, 'row-header', span, 1, { scope: 'rowgroup' }));
    });
    line.push(cell(row.label, r, row.parents.length, 'row-header', 1, depth - row.parents.length, { scope: 'row' }));
    row.columns.forEach((col, i) => line.push(cell(printedValue(table, row, col, data), r, depth + i, 'value', 1, 1, { address: `${table.id}.${row.id}.${col.id}` })));
    rows.push(line);
  });
  return { table, columns: width, headerRows, rows };
}

function singleRowLayout(table: TableDef, data: LayoutValues): TableLayoutGrid {
  const n = table.columns.length;
  const width = table.rows.length * n;
  const rows: LayoutCell[][] = [[], [], [], []];
  let c = 0;
  for (let i = 0; i < table.rows.length; ) {
    const row = table.rows[i];
    if (!row.group) {
      rows[0].push(cell(row.label, 0, c, 'column-header', 1, n, { scope: 'colgroup' }));
      table.columns.forEach((col, k) => rows[1].push(cell(col.label, 1, c + k, 'column-header', 2, 1, { scope: 'col' })));
      c += n;
      i++;
      continue;
    }
    const members = table.rows.slice(i).filter((_x, k) => table.rows.slice(i, i + k + 1).every((y) => y.group === row.group));
    rows[0].push(cell(row.group, 0, c, 'column-header', 1, n * members.length, { scope: 'colgroup' }));
    members.forEach((m, j) => {
      rows[1].push(cell(m.label, 1, c + j * n, 'column-header', 1, n, { scope: 'colgroup' }));
      table.columns.forEach((col, k) => rows[2].push(cell(col.label, 2, c + j * n + k, 'column-header', 1, 1, { scope: 'col' })));
    });
    c += n * members.length;
    i += members.length;
  }
  table.rows.forEach((row, j) =>
    row.columns.forEach((col, k) =>
      rows[3].push(cell(printedValue(table, row, col, data), 3, j * n + k, 'value', 1, 1, { address: `${table.id}.${row.id}.${col.id}` })),
    ),
  );
  return { table, columns: width, headerRows: 3, rows };
}

export function tableLayout(table: TableDef, data: LayoutValues = {}): TableLayoutGrid {
  switch (table.layout) {
    case 'groups':
      return groupsLayout(table, data);
    case 'rows':
      return rowsLayout(table, data);
    case 'single_row':
      return singleRowLayout(table, data);
  }
}

/** The grid with spans expanded: grid[r][c] is the origin cell covering (r, c). */
export function expandGrid(layout: TableLayoutGrid): (LayoutCell | null)[][] {
  const grid: (LayoutCell | null)[][] = layout.rows.map(() => new Array<LayoutCell | null>(layout.columns).fill(null));
  for (const line of layout.rows) {
    for (const cl of line) {
      for (let r = cl.row; r < cl.row + cl.rowSpan; r++) for (let c = cl.col; c < cl.col + cl.colSpan; c++) grid[r][c] = cl;
    }
  }
  return grid;
}
