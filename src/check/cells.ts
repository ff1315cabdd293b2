// Helpers for rules: reading values and statuses of cells by address, formatting numbers.

import type { CellProvenance, FlatCells, Report } from '../interchange/types.ts';
import type { CellDef, Format, TableDef } from '../model/types.ts';

const parts = new Map<string, [string, string, string]>();

/** `table.row.column` → its three ids (memoised: rules look up the same addresses for every report). */
export function splitAddress(address: string): [string, string, string] {
  let p = parts.get(address);
  if (!p) {
    p = address.split('.') as [string, string, string];
    parts.set(address, p);
  }
  return p;
}

/**
 * A report's values and provenance in the order of `format.cells` (index = CellDef.index), read
 * from the nested objects once per check: rules then look cells up by position.
 */
export function flatten(report: Report, format: Format): FlatCells {
  const values = new Array<number | null | undefined>(format.cells.length);
  const provenance = new Array<CellProvenance | undefined>(format.cells.length);
  for (const def of format.cells) {
    values[def.index] = report.tables[def.table.id]?.[def.row.id]?.[def.column.id];
    provenance[def.index] = report.cells[def.address];
  }
  return { values, provenance };
}

const cellsOfTable = new WeakMap<TableDef, CellDef[]>();

/** A table's cells in order (CellDef.index gives their place in the flat arrays). */
export function tableCells(format: Format, table: TableDef): CellDef[] {
  let list = cellsOfTable.get(table);
  if (!list) cellsOfTable.set(table, (list = format.cells.filter((c) => c.table === table)));
  return list;
}

export function valueAt(report: Report, address: string): number | null | undefined {
  const [t, r, c] = splitAddress(address);
  return report.tables[t]?.[r]?.[c];
}

export function cellAt(report: Report, address: string): CellProvenance | undefined {
  return report.cells[address];
}

/** A value for arithmetic: null counts as 0. */
export function asNumber(report: Report, address: string): number {
  return valueAt(report, address) ?? 0;
}

/** "5", or "空(按0计)" for a null cell. */
export function shown(report: Report, address: string): string {
  const v = valueAt(report, address);
  if (v === null || v === undefined) {
    const st = cellAt(report, address)?.status;
    return st === 'not_applicable' ? '“/”(按0计)' : '空(按0计)';
  }
  return formatNumber(v);
}

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
}

export function isMissing(report: Report, address: string): boolean {
  return cellAt(report, address)?.status === 'missing';
}

/** First source line among cells, for pointing the user at the table. */
export function firstLine(report: Report, addresses: string[]): number | null {
  let best: number | null = null;
  for (const a of addresses) {
    const l = report.cells[a]?.line;
    if (l && (best === null || l < best)) best = l;
  }
  return best;
}
