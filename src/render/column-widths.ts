// Relative column widths of a table grid, from what the columns hold: label columns wide enough
// for their labels (wrapping long ones), number columns narrow. Used by the HTML/PDF and
// spreadsheet renderers so both size the same grid the same way.

import type { TableLayoutGrid } from './table-layout.ts';

/** Printed width of a text in em: CJK and full-width characters 1, others 1/2. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return w;
}

/** A row label longer than this wraps rather than widening its column. */
const ROW_LABEL = 13;
/** Labels spanning several rows (三、本年度办理结果, （三）不予公开) wrap at this width. */
const ROW_GROUP = 4.2;
/** Headers over number columns wrap at this width (商业/企业). */
const COLUMN_HEADER = 2;
/** Cell padding, in em. */
const PADDING = 0.8;

/** A header over a number column never needs more than this to sit on one or two lines. */
const COLUMN_HEADER_IDEAL = 7;

/**
 * One weight per grid column, in em; proportional to the width each column should get. With
 * `available` (the table's width in em at its font size), room left over goes to the columns
 * whose headers had to wrap, so a narrow table such as 表二 does not squeeze its headers.
 */
export function columnWeights(layout: TableLayoutGrid, available?: number): number[] {
  const weights = new Array<number>(layout.columns).fill(2 + PADDING);
  const ideal = new Array<number>(layout.columns).fill(0);
  for (const line of layout.rows) {
    for (const cell of line) {
      if (cell.colSpan !== 1) continue;
      const w = textWidth(cell.text);
      let want: number;
      if (cell.kind === 'value') want = w;
      else if (cell.kind === 'row-header') want = Math.min(w, cell.scope === 'rowgroup' ? ROW_GROUP : ROW_LABEL);
      else {
        want = Math.min(w, COLUMN_HEADER);
        ideal[cell.col] = Math.max(ideal[cell.col], Math.min(w, COLUMN_HEADER_IDEAL) + PADDING);
      }
      weights[cell.col] = Math.max(weights[cell.col], want + PADDING);
    }
  }
  if (available) {
    const slack = available - weights.reduce((a, b) => a + b, 0);
    const wanted = weights.map((w, i) => Math.max(0, ideal[i] - w));
    const total = wanted.reduce((a, b) => a + b, 0);
    if (slack > 0 && total > 0) {
      const share = Math.min(1, slack / total);
      return weights.map((w, i) => w + wanted[i] * share);
    }
  }
  return weights;
}
