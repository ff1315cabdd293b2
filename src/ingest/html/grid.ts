// HTML table rows → a grid of origin cells with rowspan/colspan resolved the way browsers place
// them: each cell goes to the first column of its row not covered by a span from above. Spans
// are capped, and the whole grid is bounded, so colspan="100000" cannot cost memory or time.

import type { TableCell } from '../types.ts';

export const GRID_LIMITS = {
  /** Largest rowspan/colspan honoured (the national tables need at most 22 and 15). */
  maxSpan: 100,
  /** Most grid positions one table may cover. */
  maxPositions: 200_000,
};

export interface SourceCell {
  text: string;
  line: number;
  rowSpan: number;
  colSpan: number;
}

/** A span attribute as browsers read it: a leading integer; 0 rowspan = to the end of the table. */
export function parseSpan(value: string | undefined, kind: 'row' | 'col'): number {
  if (value === undefined) return 1;
  const m = /^\s*\+?(\d+)/.exec(value);
  if (!m) return 1;
  const n = Number(m[1].slice(0, 9));
  if (n === 0) return kind === 'row' ? 0 : 1;
  return Math.min(n, GRID_LIMITS.maxSpan);
}

export class GridTooLarge extends Error {}

/** Place the cells; rows of origin cells come back (0-based row/col), empty rows left out. */
export function resolveGrid(rows: SourceCell[][]): TableCell[][] {
  const covered: Uint8Array[] = [];
  let positions = 0;
  const coveredRow = (r: number, width: number): Uint8Array => {
    let line = covered[r];
    if (!line || line.length < width) {
      const grown = new Uint8Array(Math.max(width, 16, line ? line.length * 2 : 0));
      if (line) grown.set(line);
      covered[r] = line = grown;
    }
    return line;
  };
  const out: TableCell[][] = [];
  rows.forEach((cells, r) => {
    const placed: TableCell[] = [];
    let c = 0;
    for (const cell of cells) {
      while (covered[r] && c < covered[r].length && covered[r][c]) c++;
      const rowSpan = Math.min(cell.rowSpan === 0 ? rows.length - r : cell.rowSpan, rows.length - r, GRID_LIMITS.maxSpan);
      const colSpan = Math.max(1, cell.colSpan);
      positions += rowSpan * colSpan;
      if (positions > GRID_LIMITS.maxPositions) throw new GridTooLarge();
      for (let i = r; i < r + rowSpan; i++) {
        const line = coveredRow(i, c + colSpan);
        line.fill(1, c, c + colSpan);
      }
      const t: TableCell = { text: cell.text, row: r, col: c, line: cell.line };
      if (rowSpan > 1) t.rowSpan = rowSpan;
      if (colSpan > 1) t.colSpan = colSpan;
      placed.push(t);
      c += colSpan;
    }
    if (placed.length) out.push(placed);
  });
  return out;
}
