// Word tables as written (rows of cells, each spanning some grid columns, vertical merges marked
// as "restart" and "continue") → the grid of origin cells with row and column spans resolved.
// Used by both Word readers (.docx and .doc).

import type { TableCell } from '../types.ts';

export interface RawCell {
  text: string;
  /** Grid columns the cell spans (w:gridSpan). */
  span: number;
  /** Vertical merge: 'restart' begins a merged cell, 'continue' extends the one above. */
  vMerge: 'restart' | 'continue' | null;
  line?: number;
}

export interface RawRow {
  cells: RawCell[];
  /** Grid columns skipped before the first cell (w:gridBefore). */
  gridBefore?: number;
}

/** Widest grid accepted: report tables have up to twenty columns; a damaged file may claim millions. */
export const MAX_GRID_COLUMNS = 1000;

/** Rows of origin cells (0-based row/col); rows whose cells all continue a merge are kept empty. */
export function resolveGrid(rows: RawRow[]): TableCell[][] {
  const out: TableCell[][] = [];
  let above: (TableCell | undefined)[] = [];
  for (let r = 0; r < rows.length; r++) {
    const owners: (TableCell | undefined)[] = [];
    const origins: TableCell[] = [];
    let c = Math.max(0, rows[r].gridBefore ?? 0);
    for (const raw of rows[r].cells) {
      const span = Math.max(1, Math.min(raw.span || 1, MAX_GRID_COLUMNS));
      if (c + span > MAX_GRID_COLUMNS) throw new Error(`表格超过 ${MAX_GRID_COLUMNS} 列`);
      const up = raw.vMerge === 'continue' ? above[c] : undefined;
      let cell: TableCell;
      if (up && up.col === c) {
        cell = up;
        cell.rowSpan = r - cell.row + 1;
        // Word hides what a continuation cell holds; keep it rather than lose a number.
        if (raw.text.trim()) cell.text = cell.text ? `${cell.text}\n${raw.text}` : raw.text;
      } else {
        cell = { text: raw.text, row: r, col: c };
        if (span > 1) cell.colSpan = span;
        if (raw.line !== undefined) cell.line = raw.line;
        origins.push(cell);
      }
      for (let k = 0; k < span; k++) owners[c + k] = cell;
      c += span;
    }
    out.push(origins);
    above = owners;
  }
  return out;
}
