// From table readings to cell values with provenance: rows printed exactly are read as printed;
// ambiguous rows are settled by the relations (solve.ts) when the answer is unique, and reported.

import type { FlatCells } from '../interchange/flat-cells.ts';
import type { CellProvenance, Diagnostic, TableValues } from '../interchange/types.ts';
import type { Format } from '../model/types.ts';
import { columnName, rowName } from '../model/names.ts';
import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { cellReconstructed, structureRowMissing } from '../diagnostics/parse-rules.ts';
import { interpretUnit, type Interp, type UnitInterpretation } from './interpret.ts';
import type { TableReading } from './read-tables.ts';
import { cellArray, filterLocally, solve, type Option } from './solve.ts';
import type { Token } from './tokens.ts';

/**
 * Readings that assume both runs of digits and lost cells are considered for a row only while
 * there are at most this many; beyond that the relations could not single one out anyway.
 */
const WIDEN_LIMIT = 500;

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
  return t && t.kind === 'num' ? t.value : null;
}

/** Where a cell's value came from, for the token printed for it; `status` overrides a number's 'read'. */
function fromToken(t: Token | null, line: number, status?: 'reconstructed'): CellProvenance {
  if (!t) return provenance(null, 'blank', '', line);
  switch (t.kind) {
    case 'num':
      return provenance(t, status ?? 'read', t.raw, line);
    case 'na':
      return provenance(t, 'not_applicable', t.raw, line);
    case 'blank':
      return provenance(t, 'blank', '', line);
    default:
      // Words where a number should be: kept as printed, value null (cell.not_a_number).
      return provenance(t, status ?? 'read', t.raw, line);
  }
}

/** A number printed with several digits, which may hold several numbers in text without separators. */
function isRun(t: Token | null | undefined): t is Token {
  return !!t && t.kind === 'num' && t.digits.length >= 2;
}

function printed(ui: UnitInterpretation): string {
  return ui.unit.slots.filter((t) => t.kind !== 'blank').map((t) => t.raw).join(' ');
}

function unitName(ui: UnitInterpretation): string {
  const u = ui.unit;
  return u.rows.length === 1 ? `“${rowName(u.rows[0])}”行` : '数据行';
}

export function buildTables(format: Format, readings: TableReading[]): BuiltTables {
  const space = format;
  const allCells = format.cells;
  const size = allCells.length;
  // Values and provenance by cell index (the report's `cells` object is made from them at the
  // end; cells never set are missing).
  const flat: FlatCells = { values: new Array<number | null | undefined>(size).fill(null), provenance: new Array<CellProvenance | undefined>(size).fill(undefined) };
  const out: BuiltTables = { tables: {}, cells: {}, diagnostics: [], flat };
  const provs = flat.provenance;
  const statusOf = (i: number) => provs[i]?.status ?? 'missing';
  // Cells of rows read as printed (their values are fixed for the solver) and of rows absent or
  // unread (tables have cells of their own, so one pair serves them all).
  const known = cellArray(size);
  const absent = cellArray(size);
  for (const reading of readings) {
    const table = reading.table;
    const values: TableValues = {};
    for (const row of table.rows) values[row.id] = row.emptyValues();
    out.tables[table.id] = values;
    out.diagnostics.push(...reading.diagnostics);
    if (!reading.found) continue;

    if (reading.unreadable) {
      const open = reading.units.filter((u) => u.found).flatMap((u) => u.addresses);
      for (const u of reading.units) {
        if (!u.found) continue;
        for (const i of u.cells) provs[i] = { raw: null, line: u.line || null, status: 'missing' };
      }
      const line = reading.units.find((u) => u.found)?.line || null;
      out.diagnostics.push(createDiagnostic(structureRowMissing, 'orientationUndecided', reading.unreadable, { cells: open, line }));
      continue;
    }

    /** Set cell `i` (its index in the format). */
    const set = (i: number, value: number | null, prov: CellProvenance) => {
      const c = allCells[i];
      values[c.row.id][c.column.id] = value;
      flat.values[i] = value;
      provs[i] = prov;
    };

    const ambiguous: { ui: UnitInterpretation; options: Option[] }[] = [];
    const unresolved: UnitInterpretation[] = [];
    const equations = table.equations;

    const interps = reading.units.map((u) => interpretUnit(u));
    for (const ui of interps) {
      const u = ui.unit;
      if (u.cutOff) {
        // Nothing of this row is trusted: its last number may have lost digits.
        for (const i of u.cells) {
          set(i, null, provenance(null, 'missing', null, u.line));
          absent[i] = 1;
        }
        out.diagnostics.push(
          createDiagnostic(structureRowMissing, 'cutOff', `${table.name}${unitName(ui)}之后文本中断（文件不完整），该行印出的数（${printed(ui)}）可能被截断，未读取，请对照原文核实（第${u.line}行）`, {
            cells: u.addresses,
            line: u.line || null,
          }),
        );
        continue;
      }
      if (!u.found) {
        for (const i of u.cells) absent[i] = 1;
      } else if (ui.exact) {
        // Text that lost its separators and the next row's label: the next row's numbers may have
        // run into this row's ("行政处罚8" + "6" → "行政处罚86") or stand on a line of their own
        // ("行政处罚5-83" + "537": 5, -8, 3 and 5, 3, 7), so every number of several digits is in doubt.
        const next = ui.exact.tokens.some((t) => isRun(t) && t.glued) ? reading.units[reading.units.indexOf(u) + 1] : undefined;
        const mayHoldNext = !!next && !next.found;
        const doubtful: string[] = [];
        const tokens = ui.exact.tokens;
        for (let c = 0; c < u.cells.length; c++) {
          const i = u.cells[c];
          known[i] = 1;
          const t = tokens[c];
          if (mayHoldNext && isRun(t)) {
            set(i, t.value, fromToken(t, u.line, 'reconstructed'));
            doubtful.push(u.addresses[c]);
          } else {
            // placed by order (see read-tables.ts), reported there
            set(i, tokenValue(t), fromToken(t, u.line, u.byOrder ? 'reconstructed' : undefined));
          }
        }
        if (doubtful.length && next) {
          const runs = ui.exact.tokens.filter(isRun).map((t) => t.raw);
          out.diagnostics.push(
            createDiagnostic(
              cellReconstructed,
              'mayHoldNextRow',
              `${table.name}${unitName(ui)}读到的“${runs.join(' ')}”可能不全是本行的数：文字丢了分隔符，而下一行“${rowName(next.rows[0])}”的标签没有找到，这些数字可能含有下一行的数${runs.length > 1 ? '，拆分也可能不同' : ''}，请对照原文核实（第${u.line}行）`,
              { cells: doubtful, line: u.line || null },
            ),
          );
        }
      }
    }
    for (let ui of interps) {
      if (!ui.unit.found || ui.exact || ui.unit.cutOff) continue;
      let options = ui.tooAmbiguous ? [] : filterLocally(ui, space);
      if (options.length === 0 && ui.completeOnly) {
        // No reading that fills every cell fits the row's own sums: consider lost cells too
        // (numbers run together and cells lost at once: too many readings is left unread).
        ui = interpretUnit(ui.unit, true);
        options = ui.tooAmbiguous || ui.candidates.length > WIDEN_LIMIT ? [] : filterLocally(ui, space);
      }
      if (options.length === 0) unresolved.push(ui);
      else ambiguous.push({ ui, options });
    }
    for (const ui of unresolved) for (const i of ui.unit.cells) absent[i] = 1;

    let outcome = ambiguous.length ? solve(ambiguous, flat.values, known, absent, equations, space) : null;
    if (outcome && outcome.solutions === 0 && !outcome.exhausted && ambiguous.some((x) => x.ui.completeOnly)) {
      // The complete readings (runs split, nothing lost) fit no combination: widen to readings
      // that assume unprinted cells, for the rows that had them.
      for (let i = 0; i < ambiguous.length; i++) {
        if (!ambiguous[i].ui.completeOnly) continue;
        const ui = interpretUnit(ambiguous[i].ui.unit, true);
        if (ui.tooAmbiguous || ui.candidates.length > WIDEN_LIMIT) continue;
        const options = filterLocally(ui, space);
        if (options.length) ambiguous[i] = { ui, options };
      }
      outcome = solve(ambiguous, flat.values, known, absent, equations, space);
    }
    const reconstructed = new Map<Interp['how'], { units: UnitInterpretation[]; cells: number[] }>();
    const placed: { ui: UnitInterpretation; cells: string[] }[] = [];
    for (const { ui } of ambiguous) {
      const u = ui.unit;
      if (!outcome || outcome.solutions === 0 || outcome.exhausted) {
        unresolved.push(ui);
        continue;
      }
      const used = outcome.used.get(ui) ?? [];
      const how = used[0]?.readings[0]?.how ?? 'short';
      const group = reconstructed.get(how) ?? { units: [], cells: [] };
      const undetermined = u.cells.filter((i) => outcome.cells[i]?.value === undefined).length;
      const placedHere: string[] = [];
      u.cells.forEach((i, c) => {
        const s = outcome.cells[i];
        if (!s || s.value === undefined) {
          set(i, null, provenance(null, 'missing', null, u.line));
          return;
        }
        if (s.token && !s.derived && s.piece === undefined) {
          if (undetermined > 0 && s.token.kind === 'num') {
            // The row could not be settled: where this number goes was inferred (from the
            // columns' types and the relations), not confirmed. Keep it, marked and reported.
            set(i, s.token.value, fromToken(s.token, u.line, 'reconstructed'));
            placedHere.push(u.addresses[c]);
          } else set(i, tokenValue(s.token), fromToken(s.token, u.line));
          return;
        }
        set(i, s.value, provenance(s.token, 'reconstructed', s.piece ?? null, u.line));
        group.cells.push(i);
      });
      if (undetermined > 0) unresolved.push(ui);
      if (placedHere.length > 0) placed.push({ ui, cells: placedHere });
      if (group.cells.length > 0 || how === 'extra') {
        group.units.push(ui);
        reconstructed.set(how, group);
      }
    }

    const relationsUsed: string[] = [];
    if (reconstructed.size) {
      const isAmbiguous = cellArray(size);
      for (const x of ambiguous) for (const i of x.ui.unit.cells) isAmbiguous[i] = 1;
      for (const eq of equations) {
        const used = eq.terms.some((i) => isAmbiguous[i]);
        if (used && !relationsUsed.includes(eq.relation.describe)) relationsUsed.push(eq.relation.describe);
      }
    }
    const basis = relationsUsed.length ? `依据勾稽关系（${relationsUsed.join('；')}）` : '依据勾稽关系';
    for (const [how, group] of reconstructed) {
      const first = group.units[0].unit;
      const names = group.units.map(unitName);
      const list = names.length > 4 ? `${names.slice(0, 4).join('、')}等${names.length}行` : names.join('、');
      let message: string;
      if (how === 'extra') {
        const dropped = group.units.flatMap((ui) => (outcome!.used.get(ui)?.[0]?.readings[0]?.dropped ?? []).map((t) => `“${t.raw}”（第${t.line}行）`));
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
      const named = cellArray(size);
      const cells: string[] = [];
      const name = (i: number) => {
        if (named[i]) return;
        named[i] = 1;
        cells.push(allCells[i].address);
      };
      group.cells.forEach(name);
      for (const ui of group.units) ui.unit.cells.forEach(name);
      const messageId = how === 'extra' ? 'extraDropped' : how === 'split' ? 'runsSplit' : 'missingFilled';
      out.diagnostics.push(createDiagnostic(cellReconstructed, messageId, message, { cells, line: first.line || null }));
    }
    for (const { ui, cells } of placed) {
      const names = cells.map((a) => `“${columnName(table.columns.find((c) => c.id === a.split('.')[2])!)}”`).join('、');
      out.diagnostics.push(
        createDiagnostic(
          cellReconstructed,
          'placedByType',
          `${table.name}${unitName(ui)}印出的数（${printed(ui)}）少于应有的${ui.unit.addresses.length}个，无法全部确定；其中${names}列的数按各列的类型与勾稽关系只能这样放，已读出并标为推算值，请对照原文核实（第${ui.unit.line}行）`,
          { cells, line: ui.unit.line || null },
        ),
      );
    }

    for (const ui of unresolved) {
      const u = ui.unit;
      const k = u.slots.filter((t) => t.kind !== 'blank').length;
      if (k === 0) {
        // The label is printed but no value: the cells exist and are empty.
        for (const i of u.cells) if (statusOf(i) === 'missing') set(i, null, provenance(null, 'blank', '', u.line));
        continue;
      }
      for (const i of u.cells) if (statusOf(i) === 'missing') set(i, null, provenance(null, 'missing', null, u.line));
      const open = u.addresses.filter((_, c) => statusOf(u.cells[c]) === 'missing');
      const messageId = ui.tooAmbiguous ? 'tooAmbiguous' : k < u.addresses.length ? 'missingUndetermined' : 'extraUndetermined';
      const why = { tooAmbiguous: '可能的读法太多', missingUndetermined: '按勾稽关系无法唯一确定缺的是哪几格', extraUndetermined: '按勾稽关系无法确定哪个数是多出的' }[messageId];
      out.diagnostics.push(
        createDiagnostic(
          structureRowMissing,
          messageId,
          `${table.name}${unitName(ui)}印出${k}个数（${printed(ui)}），应有${u.addresses.length}个；${why}，未能确定的单元格置为空值，请对照原文核实（第${u.line}行）`,
          { cells: open.length ? open : u.addresses, line: u.line || null },
        ),
      );
    }
  }
  // Cells never set are missing.
  for (let i = 0; i < size; i++) provs[i] ??= { raw: null, line: null, status: 'missing' };
  out.cells = format.cellRecord(provs as CellProvenance[]);
  return out;
}
