// Which printed values belong to which row of a table read label by label (表二, 表三), in named
// steps: the table's region around its found labels; the candidate values around each label
// (gatherCandidates); after orientation.ts has decided whether numbers follow or precede their
// labels, each row's values (assignSlots); and values whose rows can only be told by their order
// shared out among the rows (shareByOrder).

import type { Diagnostic } from '../interchange/types.ts';
import type { RowDef, TableDef, TableWords } from '../model/types.ts';
import { rowName } from '../model/names.ts';
import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { cellReconstructed } from '../diagnostics/parse-rules.ts';
import type { LabelHit } from './locate.ts';
import { countValues, type FoundRow } from './orientation.ts';
import type { PrintedUnit } from './read-tables.ts';
import { isValueToken, type Token } from './tokens.ts';

/**
 * Is this text part of the table (a label, a piece of one, or header words run together such as
 * 结果结果其他尚未), rather than the narrative around it?
 */
export function isTableText(norm: string, words: TableWords): boolean {
  for (const k of words.keys) if (k.includes(norm) || norm.includes(k)) return true;
  if (norm.length > 80) return false;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    // numbering and brackets around label pieces are part of the table too
    if (!words.chars[c] && '()、.0123456789一二三四五六七八九十'.indexOf(norm[i]) < 0) return false;
  }
  return true;
}

/**
 * Value tokens from `from` onwards until text that is not part of the table (after at least one
 * value), or a long piece of foreign text before any value.
 */
export function trailingValues(tokens: Token[], from: number, limit: number, words: TableWords): { slots: Token[]; end: number } {
  const slots: Token[] = [];
  let end = from - 1;
  for (let i = from; i < limit; i++) {
    const t = tokens[i];
    if (t.kind === 'text') {
      if (isTableText(t.norm, words)) continue;
      if (slots.length > 0 || t.norm.length >= 6) break;
      continue;
    }
    if (isValueToken(t)) {
      slots.push(t);
      end = i;
    }
  }
  return { slots, end };
}

/** Words among a row's values (e.g. "未统计") that stand where a number should be. */
export function withStrayWords(tokens: Token[], slots: Token[], labelTokens: Uint8Array | null, words: TableWords): Token[] {
  if (slots.length < 2) return slots;
  const first = slots[0].index;
  const last = slots[slots.length - 1].index;
  const out: Token[] = [];
  for (let i = first; i <= last; i++) {
    const t = tokens[i];
    if (isValueToken(t)) out.push(t);
    else if (t.kind === 'text' && !labelTokens?.[i] && t.norm.length <= 6 && !isTableText(t.norm, words)) out.push(t);
  }
  return out;
}

/** `rows`: one row of the model, or (表四's single printed row) all of the table's. */
export function unitFor(table: TableDef, rows: RowDef[], found: boolean, line: number, next: RowDef | undefined): PrintedUnit {
  const { addresses, cellIndices, types, ownEquations } = rows.length === 1 ? rows[0] : table;
  return { table, rows, addresses, cells: cellIndices, types, ownEquations, slots: [], found, line, nextNumbering: next?.arabicNumbering ?? '' };
}

/** One unit per row of the table, none read yet: found where the row's label was. */
export function emptyUnits(tokens: Token[], table: TableDef, hits: (LabelHit | null)[]): PrintedUnit[] {
  return table.rows.map((row, r) => {
    const h = hits[r];
    return unitFor(table, [row], !!h, h ? tokens[h.start].line : 0, table.rows[r + 1]);
  });
}

/** Where a table read label by label lies in the tokens, and what of it is label text. */
export interface TableRegion {
  table: TableDef;
  /** By row index: where the row's label was found, or null. */
  hits: (LabelHit | null)[];
  /** Indices of the rows whose labels were found, in order. */
  found: number[];
  /** 1 for tokens that are the text of a found label. */
  labelTokens: Uint8Array;
  /** First token the table may use (its anchor). */
  start: number;
  /** First token of the first found label. */
  firstToken: number;
  /** Last token of the table: the last label, or the last of the values that trail it. */
  end: number;
  /** The values after the last found label. */
  tail: Token[];
  /** Printed row of each token from firstToken (row boundaries the layout shows), or null when it shows none. */
  printedRows: Int32Array | null;
  /** For a table of groups (表二): by row index, the token bounds (lo, hi) a row's values never cross. */
  groupBounds: [number, number][] | null;
}

/**
 * Printed rows: token ranges between printed-row boundaries, when the layout shows them (rows
 * broken at table-row ends, or one cell per line with blank lines between rows).
 */
export function printedRowsOf(tokens: Token[], from: number, to: number): Int32Array | null {
  // Do blank lines separate table rows here (one cell per line, rows between blank lines), or do
  // they separate every cell (each cell a paragraph)? Count cells per blank-line segment.
  let cells = 0;
  let inSegment = false;
  let strong = 0;
  const counts: number[] = [];
  for (let i = from; i <= to; i++) {
    const t = tokens[i];
    if (t.kind === 'break') {
      if (t.strong) strong++;
      else if (inSegment) {
        counts.push(cells);
        cells = 0;
        inSegment = false;
      }
      continue;
    }
    cells++;
    inSegment = true;
  }
  if (inSegment) counts.push(cells);
  counts.sort((a, b) => a - b);
  const median = counts.length ? counts[counts.length >> 1] : 0;
  // A region without blank lines is one segment: that says nothing about rows.
  const blankLinesSeparateRows = counts.length >= 3 && median >= 3;
  if (!blankLinesSeparateRows && strong < 3) return null;
  const unit = new Int32Array(to - from + 1);
  let u = 0;
  for (let i = from; i <= to; i++) {
    const t = tokens[i];
    unit[i - from] = u;
    if (t.kind === 'break' && (t.strong || blankLinesSeparateRows)) u++;
  }
  return unit;
}

/** The region of a table whose row labels `hits` found (at least one), from token `start` up to `limit`. */
export function tableRegion(
  tokens: Token[],
  table: TableDef,
  hits: (LabelHit | null)[],
  start: number,
  limit: number,
  groupBounds: [number, number][] | null,
): TableRegion {
  const found = hits.map((h, i) => (h ? i : -1)).filter((i) => i >= 0);
  const labelTokens = new Uint8Array(tokens.length);
  // The text of the labels (numbers printed inside a wrapped label's span are values).
  for (const h of hits) if (h) for (let i = h.start; i <= h.end; i++) if (tokens[i].kind === 'text') labelTokens[i] = 1;
  const firstToken = hits[found[0]]!.start;
  const lastHit = hits[found[found.length - 1]]!;
  const tail = trailingValues(tokens, lastHit.end + 1, limit, table.words);
  const end = Math.max(lastHit.end, tail.end);
  return { table, hits, found, labelTokens, start, firstToken, end, tail: tail.slots, printedRows: printedRowsOf(tokens, firstToken, end), groupBounds };
}

/** For each found row, the values before its label, inside its span and after it (both orientations' candidates). */
export function gatherCandidates(tokens: Token[], region: TableRegion): FoundRow[] {
  const { hits, found, groupBounds } = region;
  return found.map((r, k) => {
    const h = hits[r]!;
    const [lo, hi] = groupBounds ? groupBounds[r] : [-1, tokens.length];
    const nextStart = k + 1 < found.length ? hits[found[k + 1]]!.start : -1;
    const prevEnd = Math.max(k > 0 ? hits[found[k - 1]]!.end : region.start - 1, lo);
    const inSpan: Token[] = [];
    for (let i = h.start + 1; i < h.end; i++) if (isValueToken(tokens[i])) inSpan.push(tokens[i]);
    const after: Token[] = [];
    if (nextStart < 0) {
      for (const t of region.tail) if (t.index < hi) after.push(t);
    } else for (let i = h.end + 1; i < Math.min(nextStart, hi); i++) if (isValueToken(tokens[i])) after.push(tokens[i]);
    const before: Token[] = [];
    for (let i = prevEnd + 1; i < h.start; i++) if (isValueToken(tokens[i])) before.push(tokens[i]);
    return { row: region.table.rows[r], before, inSpan, after };
  });
}

/**
 * Each row's values: with printed rows visible, those printed in the same printed row(s) as its
 * label; otherwise the candidates of the orientation decided.
 */
export function assignSlots(tokens: Token[], region: TableRegion, candidates: FoundRow[], orientation: 'after' | 'before'): PrintedUnit[] {
  const { table, hits, found, printedRows, labelTokens, groupBounds } = region;
  const units = emptyUnits(tokens, table, hits);
  const printedRow = (i: number) => (printedRows ? printedRows[i - region.firstToken] : -1);
  found.forEach((r, k) => {
    const h = hits[r]!;
    const c = candidates[k];
    let slots: Token[];
    if (printedRows) {
      // The row's values are those printed in the same row(s) as its label, before the next
      // row's label (a wrapped label's last line may share a printed row with the next label).
      const last = printedRow(h.end);
      const stop = Math.min(k + 1 < found.length ? hits[found[k + 1]]!.start : region.end + 1, groupBounds ? groupBounds[r][1] : Infinity);
      const restricted: Token[] = [];
      for (let i = h.start + 1; i <= region.end && i < stop && printedRow(i) <= last; i++) {
        if (isValueToken(tokens[i]) && !labelTokens[i]) restricted.push(tokens[i]);
      }
      // A label wrapped around its row's numbers (pdftotext -layout prints them on the label's
      // middle line) holds exactly those numbers; the lines after it may hold the next row's.
      if (countValues(c.inSpan) === c.row.columns.length) slots = c.inSpan;
      else slots = restricted.some((t) => t.kind !== 'blank') ? restricted : [...c.inSpan, ...c.after];
    } else {
      slots = orientation === 'after' ? [...c.inSpan, ...c.after] : [...c.before, ...c.inSpan];
    }
    units[r].slots = withStrayWords(tokens, slots, labelTokens, table.words);
  });
  return units;
}

/** Each found row's values as the row-by-row chain read them (row-chain.ts). */
export function chainUnits(tokens: Token[], region: TableRegion, chain: Token[][]): PrintedUnit[] {
  const units = emptyUnits(tokens, region.table, region.hits);
  region.found.forEach((r, k) => (units[r].slots = withStrayWords(tokens, chain[k], region.labelTokens, region.table.words)));
  return units;
}

/**
 * Rows from..to (inclusive) share the values read for row `holder`, in order, when they are
 * exactly those rows' count; the rows are marked and reported. False when they are not.
 */
function share(table: TableDef, units: PrintedUnit[], holder: number, from: number, to: number, diagnostics: Diagnostic[]): boolean {
  const unit = units[holder];
  const values = unit.slots.filter((t) => t.kind !== 'blank');
  const widths = table.rows.slice(from, to + 1).map((x) => x.columns.length);
  const total = widths.reduce((a, b) => a + b, 0);
  if (values.length !== total || unit.slots.length !== values.length || unit.addresses.length === total) return false;
  let at = 0;
  const unrecognised: string[] = [];
  const together: string[] = [];
  for (let j = from; j <= to; j++) {
    const target = units[j];
    target.slots = values.slice(at, at + widths[j - from]);
    at += widths[j - from];
    target.byOrder = true;
    if (!target.found) {
      target.found = true;
      target.line = target.slots[0]?.line ?? unit.line;
      unrecognised.push(`“${rowName(table.rows[j])}”`);
    } else together.push(`“${rowName(table.rows[j])}”`);
  }
  const cells = table.rows.slice(from, to + 1).flatMap((_x, j) => units[from + j].addresses);
  const line = units[from].line || unit.line;
  const why = unrecognised.length ? `${unrecognised.join('、')}行的标签未能识别` : `${together.join('、')}几行的标签印在一起、数值另起`;
  diagnostics.push(
    createDiagnostic(cellReconstructed, unrecognised.length ? 'byOrderUnrecognised' : 'byOrderTogether', `${table.name}${why}，这些行的${total}个数按行的次序分配，请对照原文核实（第${line}行）`, {
      cells,
      line,
    }),
  );
  return true;
}

/**
 * Values whose rows can only be told by their order, shared out in order and reported:
 * - rows whose labels were not recognised, with values between recognised neighbours: a found
 *   row carries exactly the values of itself and the unrecognised rows next to it (after it, or
 *   before it when numbers are printed before their labels);
 * - labels printed together, then all their numbers (pdftotext's default output): found rows
 *   without values next to a found row that carries exactly the values of them all.
 * `numbersFirst`: numbers were read before their labels.
 */
export function shareByOrder(table: TableDef, units: PrintedUnit[], found: number[], numbersFirst: boolean, diagnostics: Diagnostic[]): void {
  const rows = table.rows.length;
  found.forEach((r, k) => {
    if (numbersFirst) {
      const prevFound = k > 0 ? found[k - 1] : -1;
      if (r - prevFound - 1 > 0) share(table, units, r, prevFound + 1, r, diagnostics);
    } else {
      const nextFound = k + 1 < found.length ? found[k + 1] : rows;
      if (nextFound - r - 1 > 0) share(table, units, r, r, nextFound - 1, diagnostics);
    }
  });
  // Labels printed together: a run of found rows without values, then (or, numbers first,
  // before it) the one row that holds all their numbers.
  const waiting = (r: number) => units[r].found && !units[r].byOrder && units[r].slots.length === 0;
  for (let r = 0; r < rows; r++) {
    if (!waiting(r)) continue;
    let end = r;
    while (end + 1 < rows && waiting(end + 1)) end++;
    const holder = numbersFirst ? r - 1 : end + 1;
    const holds = holder >= 0 && holder < rows && units[holder].found && !units[holder].byOrder && countValues(units[holder].slots) > 0;
    if (holds) {
      if (holder > end) share(table, units, holder, r, holder, diagnostics);
      else share(table, units, holder, holder, end, diagnostics);
    }
    r = end;
  }
}
