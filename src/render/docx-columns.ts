// Column widths of a table on the Word page, from its layout grid: each column gets what its cells
// need (numbers on one line, headers over number columns wrapped over up to three lines, labels in
// tall merged cells over many), and the width left over is shared out evenly. On paper a table
// should fit its page, so the widths are fitted to the text block, not to the content alone.

import type { LayoutCell, TableLayoutGrid } from './table-layout.ts';

/**
 * Printed width of a text in em, in a Chinese font: CJK characters, full-width forms and general
 * punctuation (“ ” — …) 1; Latin letters, digits and half-width forms 1/2.
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += (c < 0x2e80 && !(c >= 0x2000 && c <= 0x206f)) || (c >= 0xff61 && c <= 0xffdc) ? 0.5 : 1;
  }
  return w;
}

/** Narrowest column: two characters side by side. */
const MIN_CHARS = 2;
/** Room for rounding, so that two characters do fit in a column two characters wide. */
const SLACK = 0.3;
/** A row label may wrap, but not into a column narrower than this. */
const MIN_LABEL = 4;

/** Numbering that opens a label (三、 （三） 1.). */
const NUMBERING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])/;

/** What a cell needs: `min` below which it wraps badly, `want` at which it reads well. */
function need(cell: LayoutCell): { min: number; want: number } {
  const w = textWidth(cell.text);
  if (cell.kind === 'value') {
    const v = Math.max(MIN_CHARS, w + 0.5);
    return { min: v, want: v };
  }
  if (cell.kind === 'row-header' && cell.rowSpan === 1) {
    // A row label: two lines at most when there is room, narrower when there is not.
    return { min: Math.min(MIN_LABEL, w) + SLACK, want: Math.ceil(w / 2) + SLACK };
  }
  // Headers over number columns wrap over up to three lines; labels in tall merged cells over
  // many, but their numbering stays on one line with the next character: （三）不 / 予公开.
  const lines = (cell.kind === 'column-header' ? 3 : 2) * cell.rowSpan;
  const numbering = cell.rowSpan > 1 ? textWidth(NUMBERING.exec(cell.text)?.[0] ?? '') + 1 : 0;
  const v = Math.max(MIN_CHARS, numbering, Math.ceil(w / lines)) + SLACK;
  return { min: v, want: v };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Widths of the grid columns, in characters of the table's font, summing to `available`. Each
 * column gets what its cells want when that fits, the extra shared out evenly; otherwise the
 * columns that can give (row labels) give, in proportion; a cell spanning several columns that
 * would not fit widens the columns under it evenly.
 */
export function docxColumnWidths(layout: TableLayoutGrid, available: number): number[] {
  const min = new Array<number>(layout.columns).fill(MIN_CHARS);
  const want = new Array<number>(layout.columns).fill(MIN_CHARS);
  const spanning: LayoutCell[] = [];
  for (const line of layout.rows) {
    for (const cell of line) {
      if (cell.colSpan > 1) {
        spanning.push(cell);
        continue;
      }
      const n = need(cell);
      min[cell.col] = Math.max(min[cell.col], n.min);
      want[cell.col] = Math.max(want[cell.col], n.want);
    }
  }
  for (const cell of spanning) {
    const n = need(cell);
    for (const widths of [min, want]) {
      const missing = n.min - sum(widths.slice(cell.col, cell.col + cell.colSpan));
      if (missing > 0) for (let c = cell.col; c < cell.col + cell.colSpan; c++) widths[c] += missing / cell.colSpan;
    }
  }
  const wanted = sum(want);
  if (wanted <= available) return want.map((w) => w + (available - wanted) / layout.columns);
  const least = sum(min);
  if (least <= available) {
    const k = (available - least) / (wanted - least);
    return min.map((m, c) => m + (want[c] - m) * k);
  }
  return min.map((m) => (m * available) / least);
}
