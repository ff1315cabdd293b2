// Layer 4b: the text of each grid cell. Every word goes to the cell holding its centre; a cell's
// words are grouped into lines and the lines joined. A line break inside a cell is dropped between
// Chinese characters (a wrapped label), kept as a newline otherwise, and digits are joined across
// a break only when the first line runs to the cell's right edge (one number wrapped).

import type { Box } from './geometry.ts';
import { intervalOf, type Grid, type GridCell } from './grid.ts';
import { buildLines, type TextLine, type Word } from './lines.ts';
import type { Ruling } from './rulings.ts';

export interface FilledCell extends GridCell {
  text: string;
  lines: TextLine[];
}

export interface FilledGrid {
  grid: Grid;
  cells: FilledCell[];
}

function isWide(c: number): boolean {
  return c >= 0x2e80;
}

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** Join the lines of one cell into its text. */
export function joinCellLines(lines: TextLine[], box: Box): string {
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (i === 0) {
      text = t;
      continue;
    }
    const prev = text.charCodeAt(text.length - 1);
    const next = t.charCodeAt(0);
    const prevLine = lines[i - 1];
    const wrapped = prevLine.x1 >= box.x1 - 1.5 * prevLine.fontSize;
    let sep = '\n';
    if (isWide(prev) || isWide(next)) sep = isWide(prev) && isWide(next) ? '' : wrapped ? '' : '\n';
    else if (isDigit(prev) && isDigit(next)) sep = wrapped ? '' : '\n';
    else if (wrapped && (prev === 45 || prev === 47)) sep = ''; // a date or code cut after - or /
    text += sep + t;
  }
  return text;
}

/** Put each word into its cell; words outside the grid are returned as `rest`. */
export function fillGrid(grid: Grid, words: Word[], vertical: Ruling[]): { filled: FilledGrid; rest: Word[] } {
  const { xs, ys } = grid;
  const nc = xs.length - 1;
  const owner = new Int32Array((ys.length - 1) * nc).fill(-1);
  grid.cells.forEach((c, k) => {
    for (let i = c.row; i < c.row + c.rowSpan; i++) for (let j = c.col; j < c.col + c.colSpan; j++) owner[i * nc + j] = k;
  });
  const buckets: Word[][] = grid.cells.map(() => []);
  const rest: Word[] = [];
  for (const w of words) {
    const cx = (w.x0 + w.x1) / 2;
    let cy = (w.y0 + w.y1) / 2;
    // A line cut by the page edge inside a row broken across pages pokes out of the last border.
    const top = ys[0];
    const bottom = ys[ys.length - 1];
    if ((cy > bottom || cy < top) && Math.min(w.y1, bottom) - Math.max(w.y0, top) >= 0.3 * (w.y1 - w.y0)) {
      cy = Math.min(Math.max(cy, top + 0.01), bottom - 0.01);
    }
    const j = intervalOf(xs, cx);
    const i = j < 0 ? -1 : intervalOf(ys, cy);
    const k = i < 0 ? -1 : owner[i * nc + j];
    if (k < 0) rest.push(w);
    else buckets[k].push(w);
  }
  const cells = grid.cells.map((c, k) => {
    const lines = buildLines(buckets[k], vertical);
    return { ...c, lines, text: joinCellLines(lines, c.box) };
  });
  return { filled: { grid, cells }, rest };
}
