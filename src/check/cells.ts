// Helpers for rules: the report's cells by CellDef.index (as the rule context holds them), and
// numbers as messages print them.

import type { FlatCells } from '../interchange/flat-cells.ts';

/** A value for arithmetic: null (blank, not applicable) counts as 0. */
export function numberAt(cells: FlatCells, i: number): number {
  return cells.values[i] ?? 0;
}

/** "5", or "空(按0计)" for a null cell. */
export function shownAt(cells: FlatCells, i: number): string {
  const v = cells.values[i];
  if (v === null || v === undefined) return cells.provenance[i]?.status === 'not_applicable' ? '“/”(按0计)' : '空(按0计)';
  return formatNumber(v);
}

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
}

/** The cell's row or table is absent from the source. */
export function isMissingAt(cells: FlatCells, i: number): boolean {
  return cells.provenance[i]?.status === 'missing';
}

/** First source line among cells, for pointing the user at the table. */
export function firstLineOf(cells: FlatCells, indices: number[]): number | null {
  let best: number | null = null;
  for (const i of indices) {
    const l = cells.provenance[i]?.line;
    if (l && (best === null || l < best)) best = l;
  }
  return best;
}
