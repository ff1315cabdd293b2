// Reading the format's tables out of the token stream.
//
// For each table of the format: find where it is (by its anchor labels, wherever it sits in the
// document), locate its row labels in order, and collect for every printed row the value tokens
// that belong to it. The result is a list of printed units (a row of 表三, a row of 表二, the one
// 15-number row of 表四) with their value tokens; turning those into cell values is interpret.ts
// and solve.ts.

import type { Diagnostic } from '../interchange/types.ts';
import type { ColumnType, Equation, Format, RowDef, TableDef } from '../model/types.ts';
import { normalizeLabel } from '../model/labels.ts';
import { findExact, findFuzzy, locateSequence, type LabelHit } from './locate.ts';
import { countValues, decideOrientation, type FoundRow } from './orientation.ts';
import { chainReading } from './row-chain.ts';
import { assignSlots, chainUnits, emptyUnits, gatherCandidates, isTableText, shareByOrder, tableRegion, trailingValues, unitFor, withStrayWords } from './row-values.ts';
import { PARSER_SETTINGS } from './settings.ts';
import type { TextStream } from './stream.ts';
import type { Token } from './tokens.ts';
import { groupAsRowDiagnostic, labelVariantDiagnostic } from './diagnostics.ts';

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
   * A sub-row the document's layout does not have (its group printed as one row): null, and 0
   * in the relations, like a row printed empty; the line is the group's.
   */
  notPrinted?: number;
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
  /** Which of structure.row_missing's messages `unreadable` is (orientationUndecided when absent). */
  unreadableId?: 'unaligned';
}

interface Ctx {
  tokens: Token[];
  stream: TextStream;
  format: Format;
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
    const from = Math.max(0, h.offset - PARSER_SETTINGS.headerLookback);
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
 * A table read label by label (表二, 表三): its row labels located in order, then the values around
 * them gathered, whether numbers follow or precede their labels decided, each row's values
 * assigned, and values whose rows only their order tells shared out (see row-values.ts).
 */
function readRowsTable(ctx: Ctx, table: TableDef, start: number, limit: number, diagnostics: Diagnostic[]): TableReading {
  const { tokens, stream } = ctx;
  const fromOffset = stream.offsetOf(start);
  const toOffset = stream.offsetOf(limit);
  const hits = locateSequence(stream, table.rows, fromOffset, toOffset, table.words.free);
  if (!hits.some((h) => h)) return { table, found: false, start: -1, end: -1, units: [], diagnostics };

  const collapsed = groupsPrintedAsOneRow(ctx, table, hits, fromOffset, toOffset);
  for (const g of collapsed) diagnostics.push(groupAsRowDiagnostic(table, g.catchAll, g.others, g.group, tokens[hits[g.catchAll.index]!.start].line));
  // Header labels (columns, group labels) are checked for misprints only.
  checkHeaders(ctx, table, hits, fromOffset, diagnostics);
  table.rows.forEach((row, i) => {
    const h = hits[i];
    if (h && h.kind !== 'official') diagnostics.push(labelVariantDiagnostic(table, row, h, tokens[h.start].line));
  });

  const region = tableRegion(tokens, table, hits, start, limit, groupBoundsOf(ctx, table, hits, fromOffset, toOffset));
  const candidates = gatherCandidates(tokens, region);
  const reading0 = { table, found: true, start: Math.min(start, region.firstToken), end: region.end, diagnostics };
  // No printed rows: each row's numbers aligned row by row when that accounts for every number.
  const chain = region.printedRows ? null : chainReading(candidates, region.found);
  if (chain) return { ...reading0, units: withoutSubRows(chainUnits(tokens, region, chain), collapsed) };
  // Printed rows visible: each row's values are those printed beside its label.
  const orientation = region.printedRows ? 'after' : decideOrientation(table, candidates);
  const reading = { table, found: true, start: Math.min(start, region.firstToken), end: region.end, diagnostics };
  if (orientation === 'undecided') {
    const line = tokens[region.firstToken].line;
    return {
      ...reading,
      units: emptyUnits(tokens, table, hits),
      unreadable: `${table.name}各行的数印在行标签之前还是之后无法确定（两种读法同样说得通，表格可能不完整或有缺损），这些数未读取，请对照原文核实（第${line}行起）`,
    };
  }
  const units = assignSlots(tokens, region, candidates, orientation);
  shareByOrder(table, units, region.found, orientation === 'before' && !region.printedRows, diagnostics);
  const unplaced = region.printedRows ? null : unplacedValues(units, candidates);
  if (unplaced) {
    const line = tokens[region.firstToken].line;
    return {
      ...reading,
      units: emptyUnits(tokens, table, hits),
      unreadable: `${table.name}有${unplaced.left}个数未能归入任何一行，另有${unplaced.short}行的数不全：各行的数与行标签对不上（提取时表格的次序被打乱），这些数未读取，请对照原文核实（第${line}行起）`,
      unreadableId: 'unaligned',
    };
  }
  return { ...reading, units: withoutSubRows(units, collapsed) };
}

/** A group printed as one row (its catch-all sub-row took the printed numbers): its other sub-rows. */
interface CollapsedGroup {
  group: string;
  catchAll: RowDef;
  others: RowDef[];
}

/**
 * Groups of rows (2021's （六）其他处理) printed as one row, as the 2019 format prints them: none
 * of the sub-rows' labels found, the group's label found where they would be. The group's label
 * then stands for its catch-all sub-row (3.其他), which takes the printed numbers (`hits` is
 * completed with it); the other sub-rows were not printed.
 */
function groupsPrintedAsOneRow(ctx: Ctx, table: TableDef, hits: (LabelHit | null)[], from: number, to: number): CollapsedGroup[] {
  const out: CollapsedGroup[] = [];
  for (const row of table.rows) {
    const group = row.parents[row.parents.length - 1];
    if (!group || row.keys[0].text !== '其他') continue;
    const rows = table.rows.filter((r) => r.parents[r.parents.length - 1] === group);
    if (rows.length < 2 || rows[rows.length - 1] !== row || rows.some((r) => hits[r.index])) continue;
    let lo = from;
    let hi = to;
    for (let i = rows[0].index - 1; i >= 0; i--) {
      const h = hits[i];
      if (h) {
        lo = h.offset + h.length;
        break;
      }
    }
    for (let i = row.index + 1; i < hits.length; i++) {
      const h = hits[i];
      if (h) {
        hi = h.offset;
        break;
      }
    }
    const key = normalizeLabel(group);
    const at = ctx.stream.find(key, lo, hi);
    if (at < 0) continue;
    hits[row.index] = { offset: at, length: key.length, start: ctx.stream.tokenAt(at), end: ctx.stream.tokenAt(at + key.length - 1), kind: 'official', printed: key, distance: 0 };
    out.push({ group, catchAll: row, others: rows.slice(0, -1) });
  }
  return out;
}

/** The units with the sub-rows that a group printed as one row does not have marked as such. */
function withoutSubRows(units: PrintedUnit[], collapsed: CollapsedGroup[]): PrintedUnit[] {
  for (const g of collapsed) for (const r of g.others) units[r.index].notPrinted = units[g.catchAll.index].line;
  return units;
}

/**
 * Numbers of the table that a reading by one orientation gave to no row, while some found row
 * got fewer numbers than its cells: the rows and their numbers do not line up (an extractor that
 * printed the table column by column), and any number read could be another row's. Null when
 * every number was placed or every row is full.
 */
function unplacedValues(units: PrintedUnit[], candidates: FoundRow[]): { left: number; short: number } | null {
  const used = new Set<number>();
  for (const u of units) for (const t of u.slots) used.add(t.index);
  const left = new Set<number>();
  for (const c of candidates) for (const t of [...c.before, ...c.inSpan, ...c.after]) if (t.kind !== 'blank' && !used.has(t.index)) left.add(t.index);
  const short = units.filter((u) => u.found && countValues(u.slots) < u.addresses.length).length;
  return left.size > 0 && short > 0 ? { left: left.size, short } : null;
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
