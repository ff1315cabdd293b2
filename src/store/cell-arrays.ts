// A report's cells as the store keeps them: parallel arrays (value, status, provenance) that
// follow a layout (the format's cell addresses, in order), and the interchange report's tables
// made back from them. Statuses stay explicit: a blank cell is value null with status 'blank'.
// Pure functions, without the database (the parse worker loads this file; cells.ts writes and
// reads the arrays).

import { createHash } from 'node:crypto';
import type { CellProvenance, Report } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import type { CellSetsTable, CellsTable } from './schema.ts';

export type CellRow = CellsTable;

/** The addresses a cell set's arrays follow, in order. */
export interface CellLayout {
  id: string;
  table_ids: string[];
  row_ids: string[];
  col_ids: string[];
}

/** One version's cells as written (cell_sets; the values as numbers, no provenance: read from a document). */
export type CellSet = Omit<CellSetsTable, 'vals' | 'provenances'> & { vals: (number | null)[] };

/** The layout of a list of addresses ('table.row.col'); its id is the md5 of the list joined by ','. */
export function layoutOf(addresses: readonly string[]): CellLayout {
  const parts = addresses.map((a) => {
    const [t, r, c] = a.split('.');
    return { t, r, c };
  });
  return {
    id: createHash('md5').update(addresses.join(',')).digest('hex'),
    table_ids: parts.map((p) => p.t),
    row_ids: parts.map((p) => p.r),
    col_ids: parts.map((p) => p.c),
  };
}

const formatLayouts = new Map<string, CellLayout>();

/** The layout of a format: its cells in the model's order. */
export function formatLayout(formatId: string): CellLayout {
  let layout = formatLayouts.get(formatId);
  if (!layout) {
    layout = layoutOf(getFormat(formatId).cells.map((c) => c.address));
    formatLayouts.set(formatId, layout);
  }
  return layout;
}

/** A cell set's arrays, without the version they belong to. */
export type CellArrays = Omit<CellSet, 'report_id' | 'version'>;

/** The cells of a report in its format's layout (what cellSet writes, before its version is known). */
export function cellArrays(report: Pick<Report, 'format' | 'tables' | 'cells'>): CellArrays {
  const format = getFormat(report.format);
  const n = format.cells.length;
  const set: CellArrays = {
    layout: formatLayout(report.format).id,
    vals: new Array<number | null>(n),
    statuses: new Array<CellRow['status']>(n),
    raws: new Array<string | null>(n),
    lines: new Array<number | null>(n),
    pages: new Array<number | null>(n),
    src_tables: new Array<number | null>(n),
    src_rows: new Array<number | null>(n),
    src_cols: new Array<number | null>(n),
  };
  format.cells.forEach((def, i) => {
    const value = report.tables[def.table.id]?.[def.row.id]?.[def.column.id];
    const p = report.cells[def.address];
    set.vals[i] = value ?? null;
    set.statuses[i] = p?.status ?? (value === undefined || value === null ? 'missing' : 'read');
    set.raws[i] = p?.raw ?? null;
    set.lines[i] = p?.line ?? null;
    set.pages[i] = p?.page ?? null;
    set.src_tables[i] = p?.table ?? null;
    set.src_rows[i] = p?.row ?? null;
    set.src_cols[i] = p?.col ?? null;
  });
  return set;
}

/** The cells of a report version, in its format's layout. */
export function cellSet(reportId: string, version: number, report: Report): { set: CellSet; layout: CellLayout } {
  return cellSetOf(reportId, version, report.format, cellArrays(report));
}

/**
 * Cell arrays as JSON, to send to another thread: a structured clone of eight arrays of mixed
 * numbers, strings and nulls cost the receiving thread three times what JSON.parse does. The
 * arrays themselves when JSON would not give them back (-0, NaN, ±Infinity).
 */
export function packCellArrays(set: CellArrays): CellArrays | string {
  for (const column of [set.vals, set.lines, set.pages, set.src_tables, set.src_rows, set.src_cols]) {
    for (const v of column) if (v !== null && (!Number.isFinite(v) || Object.is(v, -0))) return set;
  }
  return JSON.stringify(set);
}

export function unpackCellArrays(packed: CellArrays | string): CellArrays {
  return typeof packed === 'string' ? (JSON.parse(packed) as CellArrays) : packed;
}

/** A cell set of a report version from arrays made before (cellArrays). */
export function cellSetOf(reportId: string, version: number, format: string, set: CellArrays): { set: CellSet; layout: CellLayout } {
  return { set: { report_id: reportId, version, ...set }, layout: formatLayout(format) };
}

/** Where each of these addresses is in a layout's arrays (-1: not in it), made once per layout and list. */
const placesMemo = new WeakMap<CellLayout, Map<string, number[]>>();
export function placesIn(layout: CellLayout, addresses: readonly string[]): number[] {
  let byList = placesMemo.get(layout);
  if (!byList) placesMemo.set(layout, (byList = new Map<string, number[]>()));
  const key = addresses.join(',');
  let places = byList.get(key);
  if (!places) {
    const at = new Map(layout.table_ids.map((t, i) => [`${t}.${layout.row_ids[i]}.${layout.col_ids[i]}`, i]));
    places = addresses.map((a) => at.get(a) ?? -1);
    byList.set(key, places);
  }
  return places;
}

/** The values of these addresses in a cell set's arrays (null: blank, missing, or not in its layout). */
export function valuesAt(vals: readonly (number | string | null)[], layout: CellLayout, addresses: readonly string[]): (number | null)[] {
  return placesIn(layout, addresses).map((i) => (i < 0 || vals[i] === null || vals[i] === undefined ? null : Number(vals[i]) + 0));
}

/**
 * A cell set's arrays as long-form rows, as they read back from the store: a value goes through
 * numeric and back, which keeps every finite number but -0 (read back as 0).
 */
export function cellRows(
  s: Pick<CellSet, 'statuses' | 'raws' | 'lines' | 'pages' | 'src_tables' | 'src_rows' | 'src_cols'> & { vals: readonly (number | string | null)[] },
  layout: Pick<CellLayout, 'table_ids' | 'row_ids' | 'col_ids'>,
): Omit<CellRow, 'report_id' | 'version'>[] {
  return layout.table_ids.map((t, i) => ({
    table_id: t,
    row_id: layout.row_ids[i],
    col_id: layout.col_ids[i],
    value: s.vals[i] === null ? null : Number(s.vals[i]) + 0,
    status: s.statuses[i],
    raw: s.raws[i],
    line: s.lines[i],
    page: s.pages[i],
    src_table: s.src_tables[i],
    src_row: s.src_rows[i],
    src_col: s.src_cols[i],
  }));
}

/**
 * Tables and cell provenance of the interchange report straight from a cell set's arrays: the
 * same as tablesFromRows(cellRows(s, layout)), without a row object per cell.
 */
export function tablesFromSet(
  s: Pick<CellSet, 'statuses' | 'raws' | 'lines' | 'pages' | 'src_tables' | 'src_rows' | 'src_cols'> & { vals: readonly (number | string | null)[] },
  layout: Pick<CellLayout, 'table_ids' | 'row_ids' | 'col_ids'>,
): Pick<Report, 'tables' | 'cells'> {
  const tables: Report['tables'] = {};
  const cells: Report['cells'] = {};
  const { table_ids, row_ids, col_ids } = layout;
  for (let i = 0; i < table_ids.length; i++) {
    const t = table_ids[i];
    const r = row_ids[i];
    const c = col_ids[i];
    const v = s.vals[i];
    ((tables[t] ??= {})[r] ??= {})[c] = v === null ? null : Number(v) + 0;
    const p: CellProvenance = { raw: s.raws[i], line: s.lines[i], status: s.statuses[i] };
    const page = s.pages[i];
    const st = s.src_tables[i];
    const sr = s.src_rows[i];
    const sc = s.src_cols[i];
    if (page !== null) p.page = page;
    if (st !== null) p.table = st;
    if (sr !== null) p.row = sr;
    if (sc !== null) p.col = sc;
    cells[`${t}.${r}.${c}`] = p;
  }
  return { tables, cells };
}

/**
 * The tables of a cell set, built once (by its `vals`, shared by the objects made of the same
 * arrays): a report's tables are read by the checks of its own chunk and, cached, by those of
 * the chunks after it (its next year's, its government's). The rules only read them.
 */
const builtTables = new WeakMap<object, Pick<Report, 'tables' | 'cells'>>();
export function tablesOf(set: Parameters<typeof tablesFromSet>[0], layout: CellLayout): Pick<Report, 'tables' | 'cells'> {
  let t = builtTables.get(set.vals);
  if (!t) {
    t = tablesFromSet(set, layout);
    builtTables.set(set.vals, t);
  }
  return t;
}

/**
 * A report sent without its tables and cell provenance (the parse worker sends its cell arrays
 * instead: much less to copy between threads), given them back from those arrays, built when
 * first read (tablesOf), as the report would read back from the store.
 */
export function withCellTables<R extends object>(report: R, format: string, set: CellArrays): R & Pick<Report, 'tables' | 'cells'> {
  const built = () => tablesOf(set, formatLayout(format));
  return Object.defineProperties(report, {
    tables: { get: () => built().tables, enumerable: true, configurable: true },
    cells: { get: () => built().cells, enumerable: true, configurable: true },
  }) as R & Pick<Report, 'tables' | 'cells'>;
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
