// Reading the format's tables out of the token stream.
//
// For each table of the format: find where it is (by its anchor labels, wherever it sits in the
// document), locate its row labels in order, and collect for every printed row the value tokens
// that belong to it. The result is a list of printed units (a row of 表三, a row of 表二, the one
// 15-number row of 表四) with their value tokens; turning those into cell values is interpret.ts
// and solve.ts.

import type { Diagnostic } from '../interchange/types.ts';
import type { ColumnType, Equation, Format, RowDef, TableDef, TableWords } from '../model/types.ts';
import { normalizeLabel } from '../model/labels.ts';
import { residual } from '../model/load.ts';
import { findExact, findFuzzy, locateSequence, type LabelHit } from './locate.ts';
import type { TextStream } from './stream.ts';
import { isValueToken, type Token } from './tokens.ts';
import { labelVariantDiagnostic } from './diagnostics.ts';
import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { cellReconstructed } from '../diagnostics/parse-rules.ts';
import { rowName } from '../model/names.ts';

export interface PrintedUnit {
  table: TableDef;
  /** Model rows whose cells this printed row holds (three for 表四's single row). */
  rows: RowDef[];
  addresses: string[];
  /** The same cells by their place in Format.cells (CellDef.index). */
  cells: number[];
  types: ColumnType[];
  /** The equations among these cells only (the row's own sums). */
  ownEquations: Equation[];
  /** Value tokens (numbers, not-applicable marks, empty cells, stray words) in printed order. */
  slots: Token[];
  /** The row's label was found (or its place was); false means the row is absent. */
  found: boolean;
  /** Line of the row's label (or first value) for messages and provenance. */
  line: number;
  /** Arabic numbering of the next row's label ('2'), used to peel it off a run of digits. */
  nextNumbering: string;
  /** The text ends inside this row (a cut-off file): its last number may be incomplete. */
  cutOff?: boolean;
  /**
   * The row's values were assigned to it by their order, not by where they were printed (its
   * label was not recognised, or several labels were printed together before their numbers):
   * its cells are marked reconstructed; the diagnostic says why.
   */
  byOrder?: boolean;
}

export interface TableReading {
  table: TableDef;
  found: boolean;
  /** Token range of the table in the document (inclusive); -1 when not found. */
  start: number;
  end: number;
  units: PrintedUnit[];
  diagnostics: Diagnostic[];
  /** The table was found but its values cannot be assigned to rows: why (Chinese, for the user). */
  unreadable?: string;
}

interface Ctx {
  tokens: Token[];
  stream: TextStream;
  format: Format;
}

const HEADER_LOOKBACK = 400; // stream characters before the first row label where the header may start

/**
 * Is this text part of the table (a label, a piece of one, or header words run together such as
 * 结果结果其他尚未), rather than the narrative around it?
 */
function isTableText(norm: string, words: TableWords): boolean {
  for (const k of words.keys) if (k.includes(norm) || norm.includes(k)) return true;
  if (norm.length > 80) return false;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    // numbering and brackets around label pieces are part of the table too
    if (!words.chars[c] && '()、.0123456789一二三四五六七八九十'.indexOf(norm[i]) < 0) return false;
  }
  return true;
}

/** Where a table starts in the stream, by its layout's anchors; -1 when it cannot be found. */
function anchorOffset(ctx: Ctx, table: TableDef): number {
  const { stream } = ctx;
  const end = stream.text.length;
  if (table.layout === 'groups') {
    for (const g of table.groups) {
      const h = findExact(stream, g, 0, end);
      if (h) return h.offset;
    }
    if (table.rowHeader) {
      const at = stream.find(normalizeLabel(table.rowHeader), 0, end);
      if (at >= 0) return at;
    }
    for (const c of table.groups[0].columns) {
      const h = findExact(stream, c, 0, end);
      if (h) return h.offset;
    }
    return -1;
  }
  if (table.layout === 'single_row') {
    // The first column label (结果维持) is what only this table prints; the table starts at the
    // row group label (行政复议) printed just before it.
    for (const c of table.columns) {
      const h = findExact(stream, c, 0, end);
      if (!h) continue;
      const first = table.rows[0];
      for (const k of first.keys) {
        const at = stream.findLast(k.text, Math.max(0, h.offset - 60), h.offset);
        if (at >= 0) return at;
      }
      return h.offset;
    }
    // Column labels broken over lines with other words between them (pdftotext -layout prints
    // 结果/维持 on two lines): the labels of the spanning row groups (未经复议直接起诉) still anchor it.
    for (const row of table.rows.slice(1)) {
      const h = findExact(stream, row, 0, end);
      if (!h) continue;
      for (const k of table.rows[0].keys) {
        const at = stream.findLast(k.text, Math.max(0, h.offset - 60), h.offset);
        if (at >= 0) return at;
      }
      return h.offset;
    }
    return -1;
  }
  // rows layout: the first row label that can be found, with the header printed before it.
  for (const row of table.rows.slice(0, 4)) {
    const h = findExact(stream, row, 0, end);
    if (!h) continue;
    let start = h.offset;
    const from = Math.max(0, h.offset - HEADER_LOOKBACK);
    const headerKeys = [table.note, table.columnHeader, table.columns[0]?.label]
      .filter((x): x is string => !!x)
      .map((x) => normalizeLabel(x).replace(/^\(|\)$/g, ''));
    for (const k of headerKeys) {
      const at = stream.findLast(k.slice(0, 12), from, h.offset);
      if (at >= 0 && at < start) start = at;
    }
    return start;
  }
  return -1;
}

/**
 * How many of the table's column relations a reading breaks, among those whose cells it reads
 * fully (rows printed with exactly their count of numbers). Row relations say nothing here: a
 * row shifted whole against the labels still sums up.
 */
function relationViolations(format: Format, table: TableDef, rows: { row: RowDef; slots: Token[] }[]): number {
  // Values by cell index, of the rows read fully; undefined elsewhere.
  const known = new Array<number | undefined>(format.cells.length);
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

/** Row units: token ranges between printed-row boundaries, when the layout shows them. */
function rowUnits(tokens: Token[], from: number, to: number): Int32Array | null {
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

/** `rows`: one row of the model, or (表四's single printed row) the table's own `rows` array. */
function unitFor(table: TableDef, rows: RowDef[], found: boolean, line: number, next: RowDef | undefined): PrintedUnit {
  // One row of the model, or (表四's single printed row) all of the table's.
  const { addresses, cellIndices, types, ownEquations } = rows.length === 1 ? rows[0] : table;
  return { table, rows, addresses, cells: cellIndices, types, ownEquations, slots: [], found, line, nextNumbering: next?.arabicNumbering ?? '' };
}

/**
 * Value tokens from `from` onwards until text that is not part of the table (after at least one
 * value), or a long piece of foreign text before any value.
 */
function trailingValues(tokens: Token[], from: number, limit: number, keys: TableWords): { slots: Token[]; end: number } {
  const slots: Token[] = [];
  let end = from - 1;
  for (let i = from; i < limit; i++) {
    const t = tokens[i];
    if (t.kind === 'text') {
      if (isTableText(t.norm, keys)) continue;
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
function withStrayWords(tokens: Token[], slots: Token[], labelTokens: Uint8Array | null, keys: TableWords): Token[] {
  if (slots.length < 2) return slots;
  const first = slots[0].index;
  const last = slots[slots.length - 1].index;
  const out: Token[] = [];
  for (let i = first; i <= last; i++) {
    const t = tokens[i];
    if (isValueToken(t)) out.push(t);
    else if (t.kind === 'text' && !labelTokens?.[i] && t.norm.length <= 6 && !isTableText(t.norm, keys)) out.push(t);
  }
  return out;
}

function readRowsTable(ctx: Ctx, table: TableDef, start: number, limit: number, diagnostics: Diagnostic[]): TableReading {
  const { tokens, stream } = ctx;
  const keys = table.words;
  const fromOffset = stream.offsetOf(start);
  const toOffset = stream.offsetOf(limit);
  const hits = locateSequence(stream, table.rows, fromOffset, toOffset, keys.free);
  const foundIdx = hits.map((h, i) => (h ? i : -1)).filter((i) => i >= 0);
  if (foundIdx.length === 0) return { table, found: false, start: -1, end: -1, units: [], diagnostics };

  // Header labels (columns, group labels) are checked for misprints only.
  checkHeaders(ctx, table, hits, fromOffset, diagnostics);
  table.rows.forEach((row, i) => {
    const h = hits[i];
    if (h && h.kind !== 'official') diagnostics.push(labelVariantDiagnostic(table, row, h, tokens[h.start].line));
  });

  const labelTokens = new Uint8Array(tokens.length);
  // The text of the labels (numbers printed inside a wrapped label's span are values).
  for (const h of hits) if (h) for (let i = h.start; i <= h.end; i++) if (tokens[i].kind === 'text') labelTokens[i] = 1;

  const lastFound = foundIdx[foundIdx.length - 1];
  const firstTok = hits[foundIdx[0]]!.start;
  const lastHit = hits[lastFound]!;
  const tail = trailingValues(tokens, lastHit.end + 1, limit, keys);
  const regionEnd = Math.max(lastHit.end, tail.end);
  const units = rowUnits(tokens, firstTok, regionEnd);
  const unitOf = (i: number) => (units ? units[i - firstTok] : -1);

  // In a table of groups (表二), a row's values never cross a group label: (lo, hi) token bounds.
  const groupBounds = groupBoundsOf(ctx, table, hits, fromOffset, toOffset);

  // Gather candidate areas for both orientations (values after the label, or before it).
  const after: Token[][] = [];
  const before: Token[][] = [];
  const inSpan: Token[][] = [];
  for (let k = 0; k < foundIdx.length; k++) {
    const h = hits[foundIdx[k]]!;
    const [lo, hi] = groupBounds ? groupBounds[foundIdx[k]] : [-1, tokens.length];
    const nextStart = k + 1 < foundIdx.length ? hits[foundIdx[k + 1]]!.start : -1;
    const prevEnd = Math.max(k > 0 ? hits[foundIdx[k - 1]]!.end : start - 1, lo);
    const span: Token[] = [];
    for (let i = h.start + 1; i < h.end; i++) if (isValueToken(tokens[i])) span.push(tokens[i]);
    inSpan.push(span);
    const a: Token[] = [];
    if (nextStart < 0) {
      for (const t of tail.slots) if (t.index < hi) a.push(t);
    }
    else for (let i = h.end + 1; i < Math.min(nextStart, hi); i++) if (isValueToken(tokens[i])) a.push(tokens[i]);
    after.push(a);
    const b: Token[] = [];
    for (let i = prevEnd + 1; i < h.start; i++) if (isValueToken(tokens[i])) b.push(tokens[i]);
    before.push(b);
  }

  const colsOf = (k: number) => table.rows[foundIdx[k]].columns.length;
  const countValues = (ts: Token[]) => ts.reduce((n, t) => n + (t.kind === 'blank' ? 0 : 1), 0);
  // Whether the values may fill the row: as many as its cells, or fewer when some are runs of
  // digits glued together (text that lost its separators), which may hold several numbers each.
  const fits = (first: Token[], then: Token[], cols: number) => {
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
  };
  let orientation: 'after' | 'before' = 'after';
  if (!units) {
    let scoreAfter = 0;
    let scoreBefore = 0;
    for (let k = 0; k < foundIdx.length; k++) {
      if (fits(inSpan[k], after[k], colsOf(k))) scoreAfter++;
      if (fits(before[k], inSpan[k], colsOf(k))) scoreBefore++;
    }
    // Values each reading leaves over: reading "after" ignores any printed between the header
    // and the first label, reading "before" any printed after the last label.
    let orphansIfAfter = countValues(before[0]);
    let orphansIfBefore = countValues(after[after.length - 1]);
    // Unless they are exactly the values of the rows beyond that label, none of them found: then
    // those rows' labels were lost, and the reading accounts for every number after all.
    const widthOfRows = (from: number, to: number) => table.rows.slice(from, to).reduce((n, row) => n + row.columns.length, 0);
    let explained = false;
    if (orphansIfAfter > 0 && foundIdx[0] > 0 && orphansIfAfter === widthOfRows(0, foundIdx[0])) {
      scoreAfter += foundIdx[0];
      orphansIfAfter = 0;
      explained = true;
    }
    if (orphansIfBefore > 0 && lastFound < table.rows.length - 1 && orphansIfBefore === widthOfRows(lastFound + 1, table.rows.length)) {
      scoreBefore += table.rows.length - 1 - lastFound;
      orphansIfBefore = 0;
      explained = true;
    }
    let undecided = false;
    if (Math.abs(scoreBefore - scoreAfter) <= 1 && orphansIfAfter > 0 && orphansIfBefore > 0 && Math.max(scoreAfter, scoreBefore) > 0) {
      // Both readings fit nearly as many rows and both leave numbers over (a cut-off or damaged
      // table): the text does not say which numbers belong to which label.
      undecided = scoreBefore === scoreAfter ? orphansIfAfter === orphansIfBefore : true;
      if (!undecided) orientation = orphansIfAfter > orphansIfBefore ? 'before' : 'after';
    } else if (scoreBefore > scoreAfter) orientation = 'before';
    else if (scoreBefore === scoreAfter && scoreAfter > 0) {
      if (orphansIfAfter > orphansIfBefore) orientation = 'before';
      else undecided = (orphansIfAfter === orphansIfBefore && orphansIfAfter > 0) || explained;
    }
    if (Math.abs(scoreBefore - scoreAfter) <= 1) {
      // The counts hardly tell the readings apart (a row whose label was lost, a cut-off table):
      // the relations may. A reading that shifts rows against their labels breaks column sums.
      const read = (side: 'after' | 'before') =>
        foundIdx.map((r, k) => ({ row: table.rows[r], slots: side === 'after' ? [...inSpan[k], ...after[k]] : [...before[k], ...inSpan[k]] }));
      const vAfter = relationViolations(ctx.format, table, read('after'));
      const vBefore = relationViolations(ctx.format, table, read('before'));
      if (vAfter !== vBefore) {
        orientation = vAfter < vBefore ? 'after' : 'before';
        undecided = false;
      }
    }
    if (undecided) {
      const line = tokens[hits[foundIdx[0]]!.start].line;
      return {
        table,
        found: true,
        start: Math.min(start, firstTok),
        end: regionEnd,
        units: table.rows.map((row, r) => unitFor(table, [row], !!hits[r], hits[r] ? tokens[hits[r].start].line : 0, table.rows[r + 1])),
        diagnostics,
        unreadable: `${table.name}各行的数印在行标签之前还是之后无法确定（两种读法同样说得通，表格可能不完整或有缺损），这些数未读取，请对照原文核实（第${line}行起）`,
      };
    }
  }

  const readings: PrintedUnit[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    const h = hits[r];
    readings.push(unitFor(table, [row], !!h, h ? tokens[h.start].line : 0, table.rows[r + 1]));
  }
  for (let k = 0; k < foundIdx.length; k++) {
    const r = foundIdx[k];
    const h = hits[r]!;
    let slots: Token[];
    if (units) {
      // The row's values are those printed in the same row(s) as its label, before the next
      // row's label (a wrapped label's last line may share a printed row with the next label).
      const lastUnit = unitOf(h.end);
      const stop = Math.min(k + 1 < foundIdx.length ? hits[foundIdx[k + 1]]!.start : regionEnd + 1, groupBounds ? groupBounds[r][1] : Infinity);
      const restricted: Token[] = [];
      for (let i = h.start + 1; i <= regionEnd && i < stop && unitOf(i) <= lastUnit; i++) {
        if (isValueToken(tokens[i]) && !labelTokens[i]) restricted.push(tokens[i]);
      }
      // A label wrapped around its row's numbers (pdftotext -layout prints them on the label's
      // middle line) holds exactly those numbers; the lines after it may hold the next row's.
      if (countValues(inSpan[k]) === colsOf(k)) slots = inSpan[k];
      else slots = restricted.some((t) => t.kind !== 'blank') ? restricted : [...inSpan[k], ...after[k]];
    } else {
      slots = orientation === 'after' ? [...inSpan[k], ...after[k]] : [...before[k], ...inSpan[k]];
    }
    readings[r].slots = withStrayWords(tokens, slots, labelTokens, keys);
  }

  // Values whose rows can only be told by their order:
  // - rows whose labels were not recognised, with values between recognised neighbours: a found
  //   row carries exactly the values of itself and the unrecognised rows next to it (after it, or
  //   before it when numbers are printed before their labels);
  // - labels printed together, then all their numbers (pdftotext's default output): found rows
  //   without values next to a found row that carries exactly the values of them all.
  // Either way the values are shared out in order, and the rows are reported.
  const valueCount = (r: number) => readings[r].slots.filter((t) => t.kind !== 'blank').length;
  const byPosition = (r: number, from: number, to: number): boolean => {
    // Rows from..to (inclusive) share the values read for row r.
    const unit = readings[r];
    const values = unit.slots.filter((t) => t.kind !== 'blank');
    const widths = table.rows.slice(from, to + 1).map((x) => x.columns.length);
    const total = widths.reduce((a, b) => a + b, 0);
    if (values.length !== total || unit.slots.length !== values.length || unit.addresses.length === total) return false;
    let at = 0;
    const unrecognised: string[] = [];
    const together: string[] = [];
    for (let j = from; j <= to; j++) {
      const target = readings[j];
      target.slots = values.slice(at, at + widths[j - from]);
      at += widths[j - from];
      target.byOrder = true;
      if (!target.found) {
        target.found = true;
        target.line = target.slots[0]?.line ?? unit.line;
        unrecognised.push(`“${rowName(table.rows[j])}”`);
      } else together.push(`“${rowName(table.rows[j])}”`);
    }
    const cells = table.rows.slice(from, to + 1).flatMap((_x, j) => readings[from + j].addresses);
    const line = readings[from].line || unit.line;
    const why = unrecognised.length
      ? `${unrecognised.join('、')}行的标签未能识别`
      : `${together.join('、')}几行的标签印在一起、数值另起`;
    diagnostics.push(
      createDiagnostic(cellReconstructed, unrecognised.length ? 'byOrderUnrecognised' : 'byOrderTogether', `${table.name}${why}，这些行的${total}个数按行的次序分配，请对照原文核实（第${line}行）`, {
        cells,
        line,
      }),
    );
    return true;
  };
  for (let k = 0; k < foundIdx.length; k++) {
    const r = foundIdx[k];
    if (orientation === 'before' && !units) {
      const prevFound = k > 0 ? foundIdx[k - 1] : -1;
      if (r - prevFound - 1 > 0) byPosition(r, prevFound + 1, r);
    } else {
      const nextFound = k + 1 < foundIdx.length ? foundIdx[k + 1] : table.rows.length;
      if (nextFound - r - 1 > 0) byPosition(r, r, nextFound - 1);
    }
  }
  // Labels printed together: a run of found rows without values, then (or, numbers first,
  // before it) the one row that holds all their numbers.
  for (let r = 0; r < table.rows.length; r++) {
    if (!readings[r].found || readings[r].byOrder || readings[r].slots.length !== 0) continue;
    let end = r;
    while (end + 1 < table.rows.length && readings[end + 1].found && !readings[end + 1].byOrder && readings[end + 1].slots.length === 0) end++;
    const holder = orientation === 'before' && !units ? r - 1 : end + 1;
    if (holder < 0 || holder >= table.rows.length || !readings[holder].found || readings[holder].byOrder || valueCount(holder) === 0) {
      r = end;
      continue;
    }
    if (holder > end) byPosition(holder, r, holder);
    else byPosition(holder, holder, end);
    r = end;
  }

  return { table, found: true, start: Math.min(start, firstTok), end: regionEnd, units: readings, diagnostics };
}

/**
 * For a table of groups: for every row, the token after its own group's label (values printed
 * before the row's label start there) and the token where the next group's label starts (values
 * after the row's label end there). Null for other tables.
 */
function groupBoundsOf(ctx: Ctx, table: TableDef, hits: (LabelHit | null)[], from: number, to: number): [number, number][] | null {
  if (table.layout !== 'groups') return null;
  const { stream, tokens } = ctx;
  const labels: (LabelHit | null)[] = [];
  let lo = from;
  for (const g of table.groups) {
    const h = findExact(stream, g, lo, to);
    labels.push(h);
    if (h) lo = h.offset + h.length;
  }
  const bounds: [number, number][] = [];
  table.groups.forEach((g, gi) => {
    for (const row of g.rows) {
      const h = hits[row.index];
      const own = labels[gi];
      const low = own && h && own.end < h.start ? own.end : -1;
      let high = tokens.length;
      for (let n = gi + 1; n < labels.length; n++) {
        const next = labels[n];
        if (next && (!h || next.start > h.end)) {
          high = next.start;
          break;
        }
      }
      bounds[row.index] = [low, high];
    }
  });
  return bounds;
}

function checkHeaders(ctx: Ctx, table: TableDef, hits: (LabelHit | null)[], fromOffset: number, diagnostics: Diagnostic[]): void {
  const { stream, tokens } = ctx;
  if (table.layout === 'groups') {
    let lo = fromOffset;
    for (const g of table.groups) {
      const firstRow = hits[g.rows[0].index];
      const hi = firstRow ? firstRow.offset : lo;
      if (hi <= lo) continue;
      for (const c of g.columns) {
        const h = findExact(stream, c, lo, hi) ?? findFuzzy(stream, c, lo, hi);
        if (h && h.kind !== 'official') diagnostics.push(labelVariantDiagnostic(table, c, h, tokens[h.start].line, g.label));
      }
      const lastRow = hits[g.rows[g.rows.length - 1].index];
      if (lastRow) lo = lastRow.offset + lastRow.length;
    }
    return;
  }
  const firstFound = hits.find((h) => h);
  if (!firstFound) return;
  for (const c of table.columns) {
    if (c.keys[0].text.length <= 3) continue;
    const h = findExact(stream, c, fromOffset, firstFound.offset) ?? findFuzzy(stream, c, fromOffset, firstFound.offset);
    if (h && h.kind !== 'official') diagnostics.push(labelVariantDiagnostic(table, c, h, tokens[h.start].line));
  }
}

function readSingleRowTable(ctx: Ctx, table: TableDef, start: number, limit: number, diagnostics: Diagnostic[]): TableReading {
  const { tokens } = ctx;
  const keys = table.words;
  // Skip the header (labels and layout cells) to the first value, then read the values.
  let first = -1;
  for (let i = start; i < limit; i++) {
    const t = tokens[i];
    if (t.kind === 'num' || t.kind === 'na') {
      first = i;
      break;
    }
    if (t.kind === 'text' && !isTableText(t.norm, keys) && t.norm.length >= 6) break;
  }
  const unit = unitFor(table, table.rows, true, tokens[start]?.line ?? 0, undefined);
  if (first < 0) return { table, found: true, start, end: start, units: [unit], diagnostics };
  const { slots, end } = trailingValues(tokens, first, limit, keys);
  unit.slots = withStrayWords(tokens, slots, null, keys);
  unit.line = tokens[first].line;
  for (const c of table.columns) {
    const h = findExact(ctx.stream, c, ctx.stream.offsetOf(start), ctx.stream.offsetOf(first));
    if (!h && c.keys[0].text.length > 3) {
      const f = findFuzzy(ctx.stream, c, ctx.stream.offsetOf(start), ctx.stream.offsetOf(first));
      if (f) diagnostics.push(labelVariantDiagnostic(table, c, f, tokens[f.start].line));
    }
  }
  return { table, found: true, start, end, units: [unit], diagnostics };
}

/** Read all tables of `format` from the tokens. */
export function readTables(tokens: Token[], stream: TextStream, format: Format): TableReading[] {
  const ctx: Ctx = { tokens, stream, format };
  const anchors = format.tables.map((t) => ({ table: t, offset: anchorOffset(ctx, t) }));
  const located = anchors.filter((a) => a.offset >= 0).sort((a, b) => a.offset - b.offset);
  const readings = format.tables.map((table) => {
    const a = located.find((x) => x.table === table);
    const diagnostics: Diagnostic[] = [];
    if (!a) return { table, found: false, start: -1, end: -1, units: [], diagnostics };
    const next = located[located.indexOf(a) + 1];
    const start = stream.tokenAt(a.offset);
    const limit = next ? stream.tokenAt(next.offset) : tokens.length;
    return table.layout === 'single_row'
      ? readSingleRowTable(ctx, table, start, limit, diagnostics)
      : readRowsTable(ctx, table, start, limit, diagnostics);
  });
  markCutOff(tokens, readings);
  return readings;
}

/**
 * A file that ends with a number inside a table that is not complete (rows still to come, the
 * row short of numbers, or tables of the format still to come) was cut off: that last number
 * may have lost digits ("780" → "7", "97.7" → "97").
 */
function markCutOff(tokens: Token[], readings: TableReading[]): void {
  let last = tokens.length - 1;
  while (last >= 0 && (tokens[last].kind === 'break' || tokens[last].kind === 'blank')) last--;
  // Bits of a number cut in the middle ("2,55" of 2,559; "97." of 97.7) count as its end.
  const bit = (t: Token) => t.kind === 'num' || t.kind === 'break' || t.kind === 'blank' || (t.kind === 'text' && t.norm.length <= 2);
  if (last < 0 || !bit(tokens[last]) || tokens[last].kind === 'break') return;
  for (const r of readings) {
    if (!r.found) continue;
    const units = r.units.filter((u) => u.found);
    const unit = units[units.length - 1];
    const values = unit ? unit.slots.filter((t) => t.kind === 'num') : [];
    if (values.length === 0) continue;
    const lastValue = values[values.length - 1].index;
    let endsHere = lastValue <= last;
    for (let i = lastValue + 1; i <= last && endsHere; i++) endsHere = bit(tokens[i]);
    if (!endsHere) continue;
    const rowsAfter = r.units.indexOf(unit) < r.units.length - 1;
    // Short of numbers even if every run of digits were split into single digits.
    const capacity = unit.slots.reduce((n, t) => n + (t.kind === 'blank' ? 0 : Math.max(1, t.digits.length)), 0);
    const short = capacity < unit.addresses.length;
    // Tables of the format that never appear also say the text stops early.
    const tablesMissing = readings.some((x) => !x.found);
    if (rowsAfter || short || tablesMissing) unit.cutOff = true;
  }
}
