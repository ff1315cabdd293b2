// From table readings to cell values with provenance: rows printed exactly are read as printed;
// ambiguous rows are settled by the relations (solve.ts) when the answer is unique, and reported.

import type { FlatCells } from '../interchange/flat-cells.ts';
import type { CellProvenance, Diagnostic, TableValues } from '../interchange/types.ts';
import type { Format, TableDef } from '../model/types.ts';
import { columnName, rowName } from '../model/names.ts';
import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { cellReconstructed, structureRowMissing } from '../diagnostics/parse-rules.ts';
import { interpretUnit, type Interp, type UnitInterpretation } from './interpret.ts';
import type { PrintedUnit, TableReading } from './read-tables.ts';
import { cellArray, filterLocally, rowHolds, solve, type AmbiguousRow, type SolveOutcome } from './solve.ts';
import { PARSER_SETTINGS, type ParserSettings } from './settings.ts';
import type { Token } from './tokens.ts';


export interface BuiltTables {
  tables: Record<string, TableValues>;
  cells: Record<string, CellProvenance>;
  diagnostics: Diagnostic[];
  /** The same values and provenance by the format's cell index (CellDef.index), for the checker. */
  flat: FlatCells;
}

function provenance(t: Token | undefined | null, status: CellProvenance['status'], raw: string | null, line: number | null): CellProvenance {
  const at = t && t.line > 0 ? t.line : line && line > 0 ? line : null;
  // Each cell's object made whole at once (adding properties one by one costs a reallocation):
  // the common combinations of page, grid table and field position as literals.
  if (!t || (t.page === 0 && t.table === 0 && t.row === 0)) return t && t.col > 0 ? { raw, line: at, status, col: t.col } : { raw, line: at, status };
  if (t.table > 0 && t.row > 0 && t.col > 0) {
    return t.page > 0 ? { raw, line: at, status, page: t.page, table: t.table, row: t.row, col: t.col } : { raw, line: at, status, table: t.table, row: t.row, col: t.col };
  }
  const p: CellProvenance = { raw, line: at, status };
  if (t.page > 0) p.page = t.page;
  if (t.table > 0) p.table = t.table;
  if (t.row > 0) p.row = t.row;
  if (t.col > 0) p.col = t.col;
  return p;
}

/** The value a cell takes from the token printed for it: the number, else null. */
function tokenValue(t: Token | null): number | null {
  // A number no count can be (NaN, see exactValue) has no value.
  return t && t.kind === 'num' && !Number.isNaN(t.value) ? t.value : null;
}

/** What was printed, as a message quotes it: a runaway run of digits is shortened, with its length. */
function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 16)}…${raw.slice(-8)}（共 ${raw.length} 个字符）` : raw;
}

/** Where a cell's value came from, for the token printed for it; `status` overrides a number's 'read'. */
function fromToken(t: Token | null, line: number, status?: 'reconstructed'): CellProvenance {
  if (!t) return provenance(null, 'blank', '', line);
  switch (t.kind) {
    case 'num':
      // A number no count can be (NaN, see exactValue) has no value: read as printed, never "reconstructed".
      return provenance(t, Number.isNaN(t.value) ? 'read' : (status ?? 'read'), t.raw, line);
    case 'na':
      return provenance(t, 'not_applicable', t.raw, line);
    case 'blank':
      return provenance(t, 'blank', '', line);
    default:
      // Words where a number should be: kept as printed, value null (cell.not_a_number); never
      // "reconstructed", which promises a value (found by fuzzing: a row placed by order).
      return provenance(t, 'read', t.raw, line);
  }
}

/** A number printed with several digits, which may hold several numbers in text without separators. */
function isRun(t: Token | null | undefined): t is Token {
  return !!t && t.kind === 'num' && t.digits.length >= 2;
}

function printed(ui: UnitInterpretation): string {
  return ui.unit.slots.filter((t) => t.kind !== 'blank').map((t) => shown(t.raw)).join(' ');
}

function unitName(ui: UnitInterpretation): string {
  const u = ui.unit;
  return u.rows.length === 1 ? `“${rowName(u.rows[0])}”行` : '数据行';
}

/** What the steps of building one table share: its values, the report's cells by index, the flags for the solver. */
export interface TableBuild {
  format: Format;
  table: TableDef;
  /** The table's values as the report's `tables` holds them (rows of column ids). */
  values: TableValues;
  /** Values and provenance by cell index (cells never set are missing). */
  flat: FlatCells;
  /** Cells of rows read as printed: their values are fixed for the solver. */
  known: number[];
  /** Cells of rows absent or unread: equations over them say nothing. */
  absent: number[];
  diagnostics: Diagnostic[];
  settings: Readonly<ParserSettings>;
}

/** Set cell `i` (its index in the format). */
function setCell(b: TableBuild, i: number, value: number | null, prov: CellProvenance): void {
  const c = b.format.cells[i];
  b.values[c.row.id][c.column.id] = value;
  b.flat.values[i] = value;
  b.flat.provenance[i] = prov;
}

function statusOf(b: TableBuild, i: number): CellProvenance['status'] {
  return b.flat.provenance[i]?.status ?? 'missing';
}

/** A table whose numbers could not be assigned to rows at all: its printed rows' cells are missing, with the reason. */
export function markUnreadable(b: TableBuild, reading: TableReading, why: string): void {
  const open = reading.units.filter((u) => u.found).flatMap((u) => u.addresses);
  for (const u of reading.units) {
    if (!u.found) continue;
    for (const i of u.cells) b.flat.provenance[i] = { raw: null, line: u.line || null, status: 'missing' };
  }
  const line = reading.units.find((u) => u.found)?.line || null;
  b.diagnostics.push(createDiagnostic(structureRowMissing, reading.unreadableId ?? 'orientationUndecided', why, { cells: open, line }));
}

/**
 * A sub-row the layout does not have (its group printed as one row, the numbers read into the
 * group's catch-all): null, counted as 0 by the relations, explained by the parser's
 * structure.label_variant/groupAsRow (so the checker reports no missing row).
 */
function markNotPrinted(b: TableBuild, u: PrintedUnit): void {
  for (const i of u.cells) {
    setCell(b, i, null, provenance(null, 'missing', null, u.notPrinted ?? null));
    b.known[i] = 1;
  }
}

/** A row the text stops inside: nothing of it is trusted (its last number may have lost digits). */
function markCutOff(b: TableBuild, ui: UnitInterpretation): void {
  const u = ui.unit;
  for (const i of u.cells) {
    setCell(b, i, null, provenance(null, 'missing', null, u.line));
    b.absent[i] = 1;
  }
  b.diagnostics.push(
    createDiagnostic(structureRowMissing, 'cutOff', `${b.table.name}${unitName(ui)}之后文本中断（文件不完整），该行印出的数（${printed(ui)}）可能被截断，未读取，请对照原文核实（第${u.line}行）`, {
      cells: u.addresses,
      line: u.line || null,
    }),
  );
}

/**
 * A row printed with exactly its cells, read as printed. Text that lost its separators and the
 * next row's label: the next row's numbers may have run into this row's ("行政处罚8" + "6" →
 * "行政处罚86") or stand on a line of their own ("行政处罚5-83" + "537": 5, -8, 3 and 5, 3, 7), so
 * every number of several digits is in doubt: kept, marked and reported.
 */
export function readExact(b: TableBuild, ui: UnitInterpretation, next: PrintedUnit | undefined): void {
  const u = ui.unit;
  const tokens = ui.exact!.tokens;
  const nextLost = tokens.some((t) => isRun(t) && t.glued) && !!next && !next.found;
  const doubtful: string[] = [];
  for (let c = 0; c < u.cells.length; c++) {
    const i = u.cells[c];
    b.known[i] = 1;
    const t = tokens[c];
    if (nextLost && isRun(t)) {
      setCell(b, i, tokenValue(t), fromToken(t, u.line, 'reconstructed'));
      doubtful.push(u.addresses[c]);
    } else {
      // placed by order (see row-values.ts), reported there
      setCell(b, i, tokenValue(t), fromToken(t, u.line, u.byOrder ? 'reconstructed' : undefined));
    }
  }
  if (doubtful.length && next) {
    const runs = tokens.filter(isRun).map((t) => shown(t.raw));
    b.diagnostics.push(
      createDiagnostic(
        cellReconstructed,
        'mayHoldNextRow',
        `${b.table.name}${unitName(ui)}读到的“${runs.join(' ')}”可能不全是本行的数：文字丢了分隔符，而下一行“${rowName(next.rows[0])}”的标签没有找到，这些数字可能含有下一行的数${runs.length > 1 ? '，拆分也可能不同' : ''}，请对照原文核实（第${u.line}行）`,
        { cells: doubtful, line: u.line || null },
      ),
    );
  }
}

/**
 * The readings of a row not printed exactly that its own sums allow. When none of the readings
 * that fill every cell fits, readings that assume lost cells are considered too (numbers run
 * together and cells lost at once: too many readings leave the row unread).
 */
export function rowOptions(format: Format, ui: UnitInterpretation, settings: Readonly<ParserSettings> = PARSER_SETTINGS): AmbiguousRow {
  let options = ui.tooAmbiguous ? [] : filterLocally(ui, format);
  if (options.length === 0 && ui.completeOnly) {
    ui = widened(ui.unit, settings);
    // Too many readings to weigh: the row is unread, and the message says why.
    if (ui.tooAmbiguous) ui = { ...ui, candidates: [] };
    options = ui.tooAmbiguous ? [] : filterLocally(ui, format);
  }
  return { ui, options };
}

/**
 * All the readings of a row, those that assume unprinted cells too; tooAmbiguous when there
 * are more than settings.widenLimit (the enumeration stops there: making thousands of readings
 * only to drop them cost the slowest texts most of their time).
 */
function widened(unit: PrintedUnit, settings: Readonly<ParserSettings>): UnitInterpretation {
  const capped = settings.maxCandidates > settings.widenLimit ? { ...settings, maxCandidates: settings.widenLimit } : settings;
  const ui = interpretUnit(unit, true, capped);
  return ui.candidates.length > settings.widenLimit ? { ...ui, tooAmbiguous: true } : ui;
}

/**
 * The combination of the ambiguous rows' readings the relations allow. When the complete
 * readings (runs split, nothing lost) fit no combination, the rows that had only those are
 * widened to readings that assume unprinted cells, and the search runs again.
 */
export function solveRows(b: TableBuild, ambiguous: AmbiguousRow[]): SolveOutcome | null {
  if (!ambiguous.length) return null;
  const { format, flat, known, absent } = b;
  const equations = b.table.equations;
  const budget = b.settings.nodeBudget;
  let outcome = solve(ambiguous, flat.values, known, absent, equations, format, budget, b.settings.enumerateNodes);
  if (outcome.solutions === 0 && !outcome.exhausted && ambiguous.some((x) => x.ui.completeOnly)) {
    for (let i = 0; i < ambiguous.length; i++) {
      if (!ambiguous[i].ui.completeOnly) continue;
      const ui = widened(ambiguous[i].ui.unit, b.settings);
      if (ui.tooAmbiguous) continue;
      const options = filterLocally(ui, format);
      if (options.length) ambiguous[i] = { ui, options };
    }
    outcome = solve(ambiguous, flat.values, known, absent, equations, format, budget, b.settings.enumerateNodes);
  }
  return outcome;
}

/** Rows whose values the relations reconstructed, grouped by how they were read; rows whose printed numbers were placed by type. */
export interface Placements {
  reconstructed: Map<Interp['how'], { units: UnitInterpretation[]; cells: number[] }>;
  placed: { ui: UnitInterpretation; cells: string[] }[];
}

/** A row left unread, and whether because the solver's search stopped at its budget. */
export interface Unresolved {
  ui: UnitInterpretation;
  searchExhausted?: boolean;
}

/**
 * The ambiguous rows' cells from the solver's outcome: agreed values set (derived ones marked
 * reconstructed), the rest missing; rows not settled whole are added to `unresolved`.
 */
export function placeSolved(b: TableBuild, ambiguous: AmbiguousRow[], outcome: SolveOutcome | null, unresolved: Unresolved[]): Placements {
  const result: Placements = { reconstructed: new Map(), placed: [] };
  for (const { ui } of ambiguous) {
    const u = ui.unit;
    if (!outcome || outcome.solutions === 0 || outcome.exhausted) {
      // A search stopped at its budget proves nothing: every row it was settling stays unread.
      unresolved.push({ ui, searchExhausted: !!outcome?.exhausted });
      continue;
    }
    const used = outcome.used.get(ui) ?? [];
    const how = used[0]?.readings[0]?.how ?? 'short';
    const group = result.reconstructed.get(how) ?? { units: [], cells: [] };
    const undetermined = u.cells.filter((i) => outcome.cells[i]?.value === undefined).length;
    const placedHere: string[] = [];
    u.cells.forEach((i, c) => {
      const s = outcome.cells[i];
      if (!s || s.value === undefined) {
        setCell(b, i, null, provenance(null, 'missing', null, u.line));
        return;
      }
      if (s.token && !s.derived && s.piece === undefined) {
        if (undetermined > 0 && s.token.kind === 'num') {
          // The row could not be settled: where this number goes was inferred (from the
          // columns' types and the relations), not confirmed. Keep it, marked and reported.
          setCell(b, i, tokenValue(s.token), fromToken(s.token, u.line, 'reconstructed'));
          placedHere.push(u.addresses[c]);
        } else setCell(b, i, tokenValue(s.token), fromToken(s.token, u.line));
        return;
      }
      // A number no count can be has no value to reconstruct: it stays as printed (cell.out_of_range).
      if (s.value === null) return setCell(b, i, null, fromToken(s.token ?? null, u.line));
      setCell(b, i, s.value, provenance(s.token, 'reconstructed', s.piece ?? null, u.line));
      group.cells.push(i);
    });
    if (undetermined > 0) unresolved.push({ ui });
    if (placedHere.length > 0) result.placed.push({ ui, cells: placedHere });
    if (group.cells.length > 0 || how === 'extra') {
      group.units.push(ui);
      result.reconstructed.set(how, group);
    }
  }
  return result;
}

/** The relations (their descriptions) that touch any ambiguous row: the basis of the reconstruction. */
function relationsBasis(b: TableBuild, ambiguous: AmbiguousRow[]): string {
  const isAmbiguous = cellArray(b.format.cells.length);
  for (const x of ambiguous) for (const i of x.ui.unit.cells) isAmbiguous[i] = 1;
  const used: string[] = [];
  for (const eq of b.table.equations) {
    if (eq.terms.some((i) => isAmbiguous[i]) && !used.includes(eq.relation.describe)) used.push(eq.relation.describe);
  }
  return used.length ? `依据勾稽关系（${used.join('；')}）` : '依据勾稽关系';
}

/** One diagnostic per way rows were reconstructed (numbers dropped, runs split, cells filled), naming every cell of the rows. */
export function reportReconstructed(b: TableBuild, ambiguous: AmbiguousRow[], outcome: SolveOutcome | null, placements: Placements): void {
  const { table } = b;
  if (!placements.reconstructed.size) return;
  const basis = relationsBasis(b, ambiguous);
  for (const [how, group] of placements.reconstructed) {
    const first = group.units[0].unit;
    const names = group.units.map(unitName);
    const list = names.length > 4 ? `${names.slice(0, 4).join('、')}等${names.length}行` : names.join('、');
    let message: string;
    if (how === 'extra') {
      const dropped = group.units.flatMap((ui) => (outcome!.used.get(ui)?.[0]?.readings[0]?.dropped ?? []).map((t) => `“${shown(t.raw)}”（第${t.line}行）`));
      message = `${table.name}${list}印出的数比应有的多：${dropped.join('、')}不属于表中数据（可能是页码、页脚或编号），${basis}已将其剔除`;
    } else if (how === 'split') {
      const runs = group.units.map((ui) => `${unitName(ui)}“${printed(ui)}”`).join('、');
      message = `${table.name}${runs}的数字连在一起印刷；${basis}只有一种拆分方式，已按此拆分，拆出的值标为推算值`;
    } else {
      const counts = [...new Set(group.units.map((ui) => ui.unit.slots.filter((t) => t.kind !== 'blank').length))];
      const expected = first.addresses.length;
      message =
        `${table.name}${list}只印出${counts.join('或')}个数，应有${expected}个（疑似提取时丢了列或空了格）；` +
        `${basis}，缺失的值只有一种可能，已补出并标为推算值（共${group.cells.length}个单元格）`;
    }
    // The whole of each row is named: where its printed numbers went was inferred too.
    const named = cellArray(b.format.cells.length);
    const cells: string[] = [];
    const name = (i: number) => {
      if (named[i]) return;
      named[i] = 1;
      cells.push(b.format.cells[i].address);
    };
    group.cells.forEach(name);
    for (const ui of group.units) ui.unit.cells.forEach(name);
    const messageId = how === 'extra' ? 'extraDropped' : how === 'split' ? 'runsSplit' : 'missingFilled';
    b.diagnostics.push(createDiagnostic(cellReconstructed, messageId, message, { cells, line: first.line || null }));
  }
}

/** Rows not settled whole whose printed numbers could only go where they were put. */
function reportPlaced(b: TableBuild, placements: Placements): void {
  for (const { ui, cells } of placements.placed) {
    const names = cells.map((a) => `“${columnName(b.table.columns.find((c) => c.id === a.split('.')[2])!)}”`).join('、');
    b.diagnostics.push(
      createDiagnostic(
        cellReconstructed,
        'placedByType',
        `${b.table.name}${unitName(ui)}印出的数（${printed(ui)}）少于应有的${ui.unit.addresses.length}个，无法全部确定；其中${names}列的数按各列的类型与勾稽关系只能这样放，已读出并标为推算值，请对照原文核实（第${ui.unit.line}行）`,
        { cells, line: ui.unit.line || null },
      ),
    );
  }
}

/** Rows left unread: a label printed without values is blank; otherwise the cells not settled are missing, with why. */
export function reportUnresolved(b: TableBuild, unresolved: Unresolved[]): void {
  for (const { ui, searchExhausted } of unresolved) {
    const u = ui.unit;
    const k = u.slots.filter((t) => t.kind !== 'blank').length;
    if (k === 0) {
      // The label is printed but no value: the cells exist and are empty.
      for (const i of u.cells) if (statusOf(b, i) === 'missing') setCell(b, i, null, provenance(null, 'blank', '', u.line));
      continue;
    }
    for (const i of u.cells) if (statusOf(b, i) === 'missing') setCell(b, i, null, provenance(null, 'missing', null, u.line));
    const open = u.addresses.filter((_, c) => statusOf(b, u.cells[c]) === 'missing');
    const messageId = searchExhausted ? 'searchExhausted' : ui.tooAmbiguous ? 'tooAmbiguous' : k < u.addresses.length ? 'missingUndetermined' : 'extraUndetermined';
    const why = {
      searchExhausted: `与同表其他行的读法组合太多，搜索到上限（${b.settings.nodeBudget}种）仍未完成`,
      tooAmbiguous: '可能的读法太多',
      missingUndetermined: '按勾稽关系无法唯一确定缺的是哪几格',
      extraUndetermined: '按勾稽关系无法确定哪个数是多出的',
    }[messageId];
    b.diagnostics.push(
      createDiagnostic(
        structureRowMissing,
        messageId,
        `${b.table.name}${unitName(ui)}印出${k}个数（${printed(ui)}），应有${u.addresses.length}个；${why}，未能确定的单元格置为空值，请对照原文核实（第${u.line}行）`,
        { cells: open.length ? open : u.addresses, line: u.line || null },
      ),
    );
  }
}

/**
 * One table's cells from its reading: rows cut off and absent marked, rows printed exactly read,
 * the other rows' readings narrowed by their own sums, settled together by the relations, placed,
 * and every reconstruction and every row left unread reported.
 */
export function buildTable(b: TableBuild, reading: TableReading): void {
  if (reading.unreadable) {
    markUnreadable(b, reading, reading.unreadable);
    return;
  }
  const interps = reading.units.map((u) => interpretUnit(u, false, b.settings, rowHolds(u)));
  const pending: UnitInterpretation[] = [];
  interps.forEach((ui, k) => {
    const u = ui.unit;
    if (u.cutOff) markCutOff(b, ui);
    else if (u.notPrinted !== undefined) markNotPrinted(b, u);
    else if (!u.found) for (const i of u.cells) b.absent[i] = 1;
    else if (ui.exact) readExact(b, ui, reading.units[k + 1]);
    else pending.push(ui);
  });
  const ambiguous: AmbiguousRow[] = [];
  const unresolved: Unresolved[] = [];
  for (const ui of pending) {
    const row = rowOptions(b.format, ui, b.settings);
    if (row.options.length === 0) unresolved.push({ ui: row.ui });
    else ambiguous.push(row);
  }
  for (const { ui } of unresolved) for (const i of ui.unit.cells) b.absent[i] = 1;
  const outcome = solveRows(b, ambiguous);
  const placements = placeSolved(b, ambiguous, outcome, unresolved);
  reportReconstructed(b, ambiguous, outcome, placements);
  reportPlaced(b, placements);
  reportUnresolved(b, unresolved);
}

export function buildTables(format: Format, readings: TableReading[], settings: Readonly<ParserSettings> = PARSER_SETTINGS): BuiltTables {
  const size = format.cells.length;
  // Values and provenance by cell index (the report's `cells` object is made from them at the
  // end; cells never set are missing).
  const flat: FlatCells = { values: new Array<number | null | undefined>(size).fill(null), provenance: new Array<CellProvenance | undefined>(size).fill(undefined) };
  const out: BuiltTables = { tables: {}, cells: {}, diagnostics: [], flat };
  // Tables have cells of their own, so one pair of solver flags serves them all.
  const known = cellArray(size);
  const absent = cellArray(size);
  for (const reading of readings) {
    const table = reading.table;
    const values: TableValues = {};
    for (const row of table.rows) values[row.id] = row.emptyValues();
    out.tables[table.id] = values;
    out.diagnostics.push(...reading.diagnostics);
    if (reading.found) buildTable({ format, table, values, flat, known, absent, diagnostics: out.diagnostics, settings }, reading);
  }
  // Cells never set are missing.
  for (let i = 0; i < size; i++) flat.provenance[i] ??= { raw: null, line: null, status: 'missing' };
  out.cells = format.cellRecord(flat.provenance as CellProvenance[]);
  return out;
}
