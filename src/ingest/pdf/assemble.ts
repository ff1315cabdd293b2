// Layer 5: pages → the source document's blocks. Lines outside tables become paragraphs, tables
// become TableBlocks; page furniture is left out. A table that ends a page and one that starts the
// next page with the same columns are one table continued: they are merged into one TableBlock,
// and the header rows repeated at the top of the continuation are dropped.

import { PDF_LAYOUT } from './settings.ts';
import type { Block, TableBlock, TableCell } from '../types.ts';
import type { FilledGrid } from './cells.ts';
import type { PageLayout } from './page.ts';

/** Column boundaries closer than this (points) are the same: drawn lines, and columns found by text alignment (settings.ts). */
const { sameX: SAME_X, sameXUnruled: SAME_X_UNRULED } = PDF_LAYOUT;

interface DraftCell {
  text: string;
  row: number;
  x0: number;
  x1: number;
  rowSpan: number;
  page: number;
}

interface Draft {
  xs: number[];
  nRows: number;
  cells: DraftCell[];
  /** First and last page the table is printed on. */
  page: number;
  endPage: number;
  ruled: boolean;
  /** Columns holding labels (tables without lines: the value columns follow). */
  labelColumns: number;
  tol: number;
}

function draftOf(t: FilledGrid, page: number): Draft {
  const { xs, ys } = t.grid;
  return {
    xs: xs.slice(),
    nRows: ys.length - 1,
    page,
    endPage: page,
    ruled: t.grid.ruled,
    labelColumns: t.grid.labelColumns ?? 0,
    tol: t.grid.ruled ? SAME_X : SAME_X_UNRULED,
    cells: t.cells.map((c) => ({ text: c.text, row: c.row, x0: xs[c.col], x1: xs[c.col + c.colSpan], rowSpan: c.rowSpan, page })),
  };
}

function sameX(a: number, b: number, tol = SAME_X): boolean {
  return Math.abs(a - b) <= tol;
}

/** Same outer edges, and one table's column boundaries are among the other's. */
export function sameColumns(a: number[], b: number[], tol = SAME_X): boolean {
  if (!sameX(a[0], b[0], tol) || !sameX(a[a.length - 1], b[b.length - 1], tol)) return false;
  const within = (xs: number[], ys: number[]) => xs.every((x) => ys.some((y) => sameX(x, y, tol)));
  return (within(a, b) || within(b, a)) && Math.min(a.length, b.length) >= 3;
}

/** Is `next` (at the top of a page) the continuation of `prev` (at the end of the page before)? */
function continues(prev: Draft, next: Draft): boolean {
  if (prev.ruled !== next.ruled) return false;
  if (prev.ruled) return sameColumns(prev.xs, next.xs);
  // Without lines, label columns show only where labels happen to start: compare the value columns.
  // The outer bounds follow the widths of the numbers printed; the inner ones are midpoints.
  const a = prev.xs.slice(prev.labelColumns);
  const b = next.xs.slice(next.labelColumns);
  return a.length === b.length && a.length >= 3 && a.slice(1, -1).every((x, i) => sameX(x, b[i + 1], prev.tol));
}

function norm(s: string): string {
  return s.replace(/\s+/g, '');
}

function rowKey(cells: DraftCell[], row: number): string | null {
  const inRow = cells.filter((c) => c.row === row).sort((a, b) => a.x0 - b.x0);
  if (!inRow.length || inRow.every((c) => norm(c.text) === '')) return null;
  return inRow.map((c) => norm(c.text)).join('|');
}

/** How many top rows of `next` repeat the top rows of `prev` (the header printed again). */
export function repeatedHeaderRows(prev: Draft, next: Draft): number {
  let k = 0;
  while (k < next.nRows - 1 && k < prev.nRows) {
    const a = rowKey(prev.cells, k);
    const b = rowKey(next.cells, k);
    if (a === null || a !== b) break;
    k++;
  }
  // Never cut through a cell that spans past the repeated rows.
  while (k > 0 && next.cells.some((c) => c.row < k && c.row + c.rowSpan > k)) k--;
  return k;
}

const NUMERIC = /^[+\-－]?[0-9０-９][0-9０-９,，.．\s]*$|^[/／\\—–\-－×]{1,3}$/;
/** A label that starts with its own numbering: the first cell of a new row or group, not a continuation. */
const NUMBERED = /^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]\d{1,2}[)）]|\d{1,2}[.、．](?!\d))/;

function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return a.charCodeAt(a.length - 1) >= 0x2e80 && b.charCodeAt(0) >= 0x2e80 ? a + b : `${a}\n${b}`;
}

/**
 * Append `next` (the part of a table on the following page) to `prev`. Repeated header rows are
 * dropped. Where a row was broken across the page break (the continuation row holds only more
 * words of the cells above it), it is joined to the last row; where a spanning cell was broken (a
 * group label cut in two), its parts are joined into one cell.
 */
function mergeDrafts(prev: Draft, next: Draft): void {
  const drop = repeatedHeaderRows(prev, next);
  let cells = next.cells.filter((c) => c.row >= drop).map((c) => ({ ...c, row: c.row - drop }));
  let rows = next.nRows - drop;
  const last = prev.nRows - 1;
  const ending = prev.cells.filter((p) => p.row + p.rowSpan - 1 === last);
  const partner = (c: DraftCell) => ending.find((p) => sameX(p.x0, c.x0, prev.tol) && sameX(p.x1, c.x1, prev.tol));
  const first = cells.filter((c) => c.row === 0);
  const words = (c: DraftCell) => norm(c.text);
  const splitRow =
    first.length > 0 &&
    first.every((c) => {
      const p = partner(c);
      if (!p) return false;
      return words(c) === '' || (!NUMERIC.test(c.text.trim()) && !NUMBERED.test(c.text) && words(p) !== '' && !NUMERIC.test(p.text.trim()));
    });
  let offset = prev.nRows;
  const joined = new Set<DraftCell>();
  for (const c of first) {
    const p = partner(c);
    if (!p) continue;
    const continues = splitRow
      ? true
      : (c.rowSpan > 1 || p.rowSpan > 1) && !NUMERIC.test(c.text.trim()) && !NUMERIC.test(p.text.trim()) && (words(c) === '' || !NUMBERED.test(c.text));
    if (!continues) continue;
    p.text = joinText(p.text, c.text);
    p.rowSpan += splitRow ? c.rowSpan - 1 : c.rowSpan;
    joined.add(c);
  }
  if (splitRow) offset -= 1;
  cells = cells.filter((c) => !joined.has(c));
  // A first row left with nothing in it (the empty rest of a broken row) is dropped.
  if (!splitRow && rows > 0 && cells.every((c) => c.row > 0 || (words(c) === '' && c.rowSpan === 1))) {
    cells = cells.filter((c) => c.row > 0).map((c) => ({ ...c, row: c.row - 1 }));
    rows -= 1;
  }
  // Column boundaries: the union of both parts'. Without lines, the value columns are the same
  // (checked by `continues`) and only label columns can be new.
  const xs = [...prev.xs];
  const added = prev.ruled ? next.xs : next.xs.slice(0, next.labelColumns);
  for (const x of added) if (!xs.some((y) => sameX(x, y, prev.ruled ? prev.tol : SAME_X))) xs.push(x);
  xs.sort((a, b) => a - b);
  if (!prev.ruled) prev.labelColumns += xs.length - prev.xs.length;
  prev.xs = xs;
  for (const c of cells) prev.cells.push({ ...c, row: c.row + offset });
  prev.nRows = offset + rows;
}

function nearestIndex(xs: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
}

function toBlock(d: Draft, table: number, lineOfRow: (row: number) => number): TableBlock {
  const rows: TableCell[][] = [];
  for (let r = 0; r < d.nRows; r++) rows.push([]);
  for (const c of d.cells) {
    const col = nearestIndex(d.xs, c.x0);
    const colSpan = Math.max(1, nearestIndex(d.xs, c.x1) - col);
    const cell: TableCell = { text: c.text, row: c.row, col, page: c.page, line: lineOfRow(c.row) };
    if (c.rowSpan > 1) cell.rowSpan = c.rowSpan;
    if (colSpan > 1) cell.colSpan = colSpan;
    rows[c.row].push(cell);
  }
  for (const r of rows) r.sort((a, b) => a.col - b.col);
  return { type: 'table', table, page: d.page, rows: rows.filter((r) => r.length > 0) };
}

type Piece = { kind: 'line'; text: string; page: number } | { kind: 'table'; draft: Draft };

/** Pages (layers 1–4) → blocks: paragraphs with their page, tables merged across page breaks. */
export function assemble(pages: PageLayout[]): Block[] {
  const pieces: Piece[] = [];
  for (const p of pages) {
    let first = true;
    for (const it of p.items) {
      if (it.kind === 'line') {
        pieces.push({ kind: 'line', text: it.line.text, page: p.page });
      } else {
        const draft = draftOf(it.table, p.page);
        const last = pieces[pieces.length - 1];
        // Continued from the previous page: that page ended with a table of the same columns.
        if (first && last?.kind === 'table' && last.draft.endPage === p.page - 1 && continues(last.draft, draft)) {
          mergeDrafts(last.draft, draft);
          last.draft.endPage = p.page;
        } else {
          pieces.push({ kind: 'table', draft });
        }
      }
      first = false;
    }
  }
  const blocks: Block[] = [];
  let line = 0;
  let table = 0;
  for (const piece of pieces) {
    if (piece.kind === 'line') {
      blocks.push({ type: 'paragraph', text: piece.text, line: ++line, page: piece.page });
    } else {
      const first = line + 1;
      line += piece.draft.nRows;
      blocks.push(toBlock(piece.draft, ++table, (r) => first + r));
    }
  }
  return blocks;
}
