// A generated report's tables as printed grids in the national layout, independent of
// src/render (tests must not share the production code they check): header rows with their
// merged cells, row labels spanning their sub-rows, value cells. Cells covered by a merged cell
// are kept as `rowspan` / `colspan` placeholders, so each text layout can print them the way
// its extraction tool does (an empty line, an empty field, or nothing at all).

import { getFormat } from '../../src/model/index.ts';
import type { RowDef, TableDef } from '../../src/model/index.ts';
import type { GeneratedReport } from './generate.ts';

export type CellKind = 'label' | 'header' | 'group' | 'note' | 'value' | 'rowspan' | 'colspan';

export interface GridCell {
  kind: CellKind;
  text: string;
  /** Address `table.row.column` of a value cell. */
  address?: string;
  /** Value of a value cell. */
  value?: number;
  /** Other spellings of a label that reports use (from the model). */
  variants?: string[];
}

export interface GridRow {
  kind: 'group' | 'header' | 'data';
  cells: GridCell[];
  /** Model rows this printed row holds (data rows). */
  rows: RowDef[];
}

export interface Grid {
  table: TableDef;
  rows: GridRow[];
}

const label = (text: string, variants: string[] = []): GridCell => ({ kind: 'label', text, variants });
const header = (text: string, variants: string[] = []): GridCell => ({ kind: 'header', text, variants });
const span = (kind: 'rowspan' | 'colspan'): GridCell => ({ kind, text: '' });

function valueCells(report: GeneratedReport, table: TableDef, row: RowDef): GridCell[] {
  return row.columns.map((c) => {
    const value = report.tables[table.id][row.id][c.id];
    return { kind: 'value', text: String(value), value, address: `${table.id}.${row.id}.${c.id}` };
  });
}

function groupsGrid(report: GeneratedReport, table: TableDef): Grid {
  const width = Math.max(...table.groups.map((g) => g.columns.length));
  const rows: GridRow[] = [];
  for (const g of table.groups) {
    rows.push({ kind: 'group', rows: [], cells: [{ kind: 'group', text: g.label }, ...Array.from({ length: width }, () => span('colspan'))] });
    const pad = Array.from({ length: width - g.columns.length }, () => span('colspan'));
    rows.push({ kind: 'header', rows: [], cells: [header(table.rowHeader ?? '信息内容'), ...g.columns.map((c) => header(c.label, c.variants)), ...pad] });
    for (const r of g.rows) rows.push({ kind: 'data', rows: [r], cells: [label(r.label, r.variants), ...valueCells(report, table, r), ...pad.map(() => span('colspan'))] });
  }
  return { table, rows };
}

/** 表三: three label columns (一、 / （一） / 1.) and seven value columns. */
function rowsGrid(report: GeneratedReport, table: TableDef): Grid {
  const rows: GridRow[] = [];
  const cols = table.columns;
  const groupCols = cols.filter((c) => c.group);
  const group = groupCols[0]?.group ?? '';
  // Header: note | 申请人情况 ; 自然人 | 法人或其他组织 | 总计 ; 商业企业 … 其他
  rows.push({
    kind: 'header',
    rows: [],
    cells: [{ kind: 'note', text: table.note ?? '' }, span('colspan'), span('colspan'), header(table.columnHeader ?? '申请人情况'), ...cols.slice(1).map(() => span('colspan'))],
  });
  const second: GridCell[] = [span('rowspan'), span('colspan'), span('colspan')];
  for (const c of cols) {
    if (c.group) {
      if (c === groupCols[0]) second.push(header(group));
      else second.push(span('colspan'));
    } else second.push(header(c.label));
  }
  rows.push({ kind: 'header', rows: [], cells: second });
  const third: GridCell[] = [span('rowspan'), span('colspan'), span('colspan')];
  for (const c of cols) third.push(c.group ? header(c.label) : span('rowspan'));
  rows.push({ kind: 'header', rows: [], cells: third });

  const printedParents = new Set<string>();
  for (const r of table.rows) {
    const labels: GridCell[] = [];
    // Depth of the row label: 一、 rows at 0, （一） rows at 1, 1. rows at 2.
    const depth = r.parents.length;
    for (let d = 0; d < depth; d++) {
      const p = r.parents[d];
      if (printedParents.has(p)) labels.push(span('rowspan'));
      else {
        printedParents.add(p);
        labels.push(label(p));
      }
    }
    labels.push(label(r.label, r.variants));
    while (labels.length < 3) labels.push(span('colspan'));
    rows.push({ kind: 'data', rows: [r], cells: [...labels, ...valueCells(report, table, r)] });
  }
  return { table, rows };
}

/** 表四: two header rows over fifteen columns, one data row. */
function singleRowGrid(report: GeneratedReport, table: TableDef): Grid {
  const cols = table.columns;
  const n = cols.length;
  const [first, ...rest] = table.rows;
  const groupLabel = rest[0]?.group ?? '行政诉讼';
  const rows: GridRow[] = [];
  const group = (text: string): GridCell => ({ kind: 'group', text });
  const top: GridCell[] = [group(first.label), ...Array.from({ length: n - 1 }, () => span('colspan')), group(groupLabel)];
  for (let i = 1; i < rest.length * n; i++) top.push(span('colspan'));
  rows.push({ kind: 'header', rows: [], cells: top });
  const second: GridCell[] = cols.map((c) => header(c.label));
  for (const r of rest) second.push(group(r.label), ...Array.from({ length: n - 1 }, () => span('colspan')));
  rows.push({ kind: 'header', rows: [], cells: second });
  const third: GridCell[] = cols.map(() => span('rowspan'));
  for (let i = 0; i < rest.length; i++) third.push(...cols.map((c) => header(c.label)));
  rows.push({ kind: 'header', rows: [], cells: third });
  rows.push({ kind: 'data', rows: table.rows, cells: table.rows.flatMap((r) => valueCells(report, table, r)) });
  return { table, rows };
}

export function tableGrid(report: GeneratedReport, tableId: string): Grid {
  const table = getFormat(report.format).table(tableId as TableDef['id']);
  if (table.layout === 'groups') return groupsGrid(report, table);
  if (table.layout === 'rows') return rowsGrid(report, table);
  return singleRowGrid(report, table);
}
