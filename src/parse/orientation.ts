// Are a table's numbers printed after their row labels or before them? Decided once per table
// whose printed rows cannot be seen (text from a PDF, one cell per line), from the value tokens
// around each found label: how many rows each reading fills exactly, which numbers each leaves
// over, and — when the counts hardly tell — which reading keeps the table's column sums.
//
// Input: the table and its found rows in order, each with the values printed before its label
// (since the previous label), inside its label's span (a wrapped label) and after it (until the
// next label). Output: 'after', 'before', or 'undecided' (both readings equally plausible: the
// table's numbers are then not read at all, and the user is told).

import { residual } from '../model/load.ts';
import type { RowDef, TableDef } from '../model/types.ts';
import type { Token } from './tokens.ts';

/** A row whose label was found, with the value tokens around the label. */
export interface FoundRow {
  row: RowDef;
  /** Values between the previous found label (or the table's start) and this label. */
  before: Token[];
  /** Values inside the label's span (numbers printed in the middle of a wrapped label). */
  inSpan: Token[];
  /** Values between this label and the next found label (or the table's end). */
  after: Token[];
}

export type Orientation = 'after' | 'before' | 'undecided';

/** Numbers among tokens (blank cells do not count). */
export function countValues(ts: Token[]): number {
  let n = 0;
  for (const t of ts) if (t.kind !== 'blank') n++;
  return n;
}

/**
 * Whether the values may fill a row of `cols` cells: as many as its cells, or fewer when some
 * are runs of digits glued together (text that lost its separators), which may hold several
 * numbers each.
 */
export function fits(first: Token[], then: Token[], cols: number): boolean {
  let least = 0;
  let most = 0;
  for (const ts of [first, then]) {
    for (const t of ts) {
      if (t.kind === 'blank') continue;
      least++;
      most += t.kind === 'num' && t.glued && t.digits.length > 1 ? t.digits.length : 1;
    }
  }
  return least <= cols && cols <= most;
}

/**
 * How many of the table's column relations a reading breaks, among those whose cells it reads
 * fully (rows printed with exactly their count of numbers). Row relations say nothing here: a
 * row shifted whole against the labels still sums up.
 */
export function relationViolations(table: TableDef, rows: { row: RowDef; slots: Token[] }[]): number {
  // Values by cell index, of the rows read fully; undefined elsewhere.
  const known: (number | undefined)[] = [];
  for (const { row, slots } of rows) {
    const cells = row.cellIndices;
    let c = 0;
    let complete = true;
    for (const t of slots) {
      if (t.kind === 'blank') continue;
      if (t.kind !== 'num' || c >= cells.length) {
        complete = false;
        break;
      }
      c++;
    }
    if (!complete || c !== cells.length) continue;
    c = 0;
    for (const t of slots) if (t.kind !== 'blank') known[cells[c++]] = t.value;
  }
  let broken = 0;
  for (const eq of table.columnEquations) {
    const r = residual(eq, (i) => known[i]);
    if (r !== undefined && Math.abs(r) > 1e-9) broken++;
  }
  return broken;
}

/** Cells of the table's rows from..to (exclusive). */
function widthOfRows(table: TableDef, from: number, to: number): number {
  let n = 0;
  for (let r = from; r < to; r++) n += table.rows[r].columns.length;
  return n;
}

/** How each reading scores: rows it fills, and numbers it leaves over (unless lost rows explain them). */
interface Scores {
  after: number;
  before: number;
  orphansIfAfter: number;
  orphansIfBefore: number;
  /** Numbers left over by a reading were exactly the rows beyond the found labels. */
  explained: boolean;
}

function score(table: TableDef, found: FoundRow[]): Scores {
  const s: Scores = { after: 0, before: 0, orphansIfAfter: 0, orphansIfBefore: 0, explained: false };
  for (const f of found) {
    const cols = f.row.columns.length;
    if (fits(f.inSpan, f.after, cols)) s.after++;
    if (fits(f.before, f.inSpan, cols)) s.before++;
  }
  // Values each reading leaves over: reading "after" ignores any printed between the header
  // and the first label, reading "before" any printed after the last label.
  s.orphansIfAfter = countValues(found[0].before);
  s.orphansIfBefore = countValues(found[found.length - 1].after);
  // Unless they are exactly the values of the rows beyond that label, none of them found: then
  // those rows' labels were lost, and the reading accounts for every number after all.
  const first = found[0].row.index;
  const last = found[found.length - 1].row.index;
  if (s.orphansIfAfter > 0 && first > 0 && s.orphansIfAfter === widthOfRows(table, 0, first)) {
    s.after += first;
    s.orphansIfAfter = 0;
    s.explained = true;
  }
  if (s.orphansIfBefore > 0 && last < table.rows.length - 1 && s.orphansIfBefore === widthOfRows(table, last + 1, table.rows.length)) {
    s.before += table.rows.length - 1 - last;
    s.orphansIfBefore = 0;
    s.explained = true;
  }
  return s;
}

/** The reading the counts of fitted rows and left-over numbers point to. */
function byCounts(s: Scores): Orientation {
  if (Math.abs(s.before - s.after) <= 1 && s.orphansIfAfter > 0 && s.orphansIfBefore > 0 && Math.max(s.after, s.before) > 0) {
    // Both readings fit nearly as many rows and both leave numbers over (a cut-off or damaged
    // table): the text does not say which numbers belong to which label.
    if (s.before === s.after && s.orphansIfAfter === s.orphansIfBefore) return 'undecided';
    if (s.before !== s.after) return 'undecided';
    return s.orphansIfAfter > s.orphansIfBefore ? 'before' : 'after';
  }
  if (s.before > s.after) return 'before';
  if (s.before === s.after && s.after > 0) {
    if (s.orphansIfAfter > s.orphansIfBefore) return 'before';
    if ((s.orphansIfAfter === s.orphansIfBefore && s.orphansIfAfter > 0) || s.explained) return 'undecided';
  }
  return 'after';
}

/** Numbers after their labels, or before them; 'undecided' when the text does not say. */
export function decideOrientation(table: TableDef, found: FoundRow[]): Orientation {
  const s = score(table, found);
  const counted = byCounts(s);
  if (Math.abs(s.before - s.after) > 1) return counted;
  // The counts hardly tell the readings apart (a row whose label was lost, a cut-off table):
  // the relations may. A reading that shifts rows against their labels breaks column sums.
  const read = (side: 'after' | 'before') => found.map((f) => ({ row: f.row, slots: side === 'after' ? [...f.inSpan, ...f.after] : [...f.before, ...f.inSpan] }));
  const vAfter = relationViolations(table, read('after'));
  const vBefore = relationViolations(table, read('before'));
  if (vAfter !== vBefore) return vAfter < vBefore ? 'after' : 'before';
  return counted;
}
