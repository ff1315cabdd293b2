// From table readings to cell values with provenance: rows printed exactly are read as printed;
// ambiguous rows are settled by the relations (solve.ts) when the answer is unique, and reported.

import type { CellProvenance, Diagnostic, FlatCells, TableValues } from '../interchange/types.ts';
import type { ColumnType, Equation, Format, TableDef } from '../model/types.ts';
import { columnName, rowName } from '../model/names.ts';
import { interpretUnit, type Interp, type UnitInterpretation } from './interpret.ts';
import type { TableReading } from './read-tables.ts';
import { filterLocally, solve, type Option } from './solve.ts';
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
  const p: CellProvenance = { raw, line: t && t.line > 0 ? t.line : line && line > 0 ? line : null, status };
  if (t) {
    if (t.page > 0) p.page = t.page;
    if (t.table > 0) p.table = t.table;
    if (t.row > 0) p.row = t.row;
    if (t.col > 0) p.col = t.col;
  }
  return p;
}

function fromToken(t: Token | null, line: number): { value: number | null; prov: CellProvenance } {
  if (!t) return { value: null, prov: provenance(null, 'blank', '', line) };
  switch (t.kind) {
    case 'num':
      return { value: t.value, prov: provenance(t, 'read', t.raw, line) };
    case 'na':
      return { value: null, prov: provenance(t, 'not_applicable', t.raw, line) };
    case 'blank':
      return { value: null, prov: provenance(t, 'blank', '', line) };
    default:
      // Words where a number should be: kept as printed, value null (cell.not_a_number).
      return { value: null, prov: provenance(t, 'read', t.raw, line) };
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

interface CellInfo {
  address: string;
  rowId: string;
  colId: string;
  /** Position in TableInfo.cells. */
  index: number;
  /** Position in Format.cells (CellDef.index). */
  global: number;
}

interface TableInfo {
  /** Per row, an object with the row's column ids set to null, cloned for each report. */
  rowTemplates: [string, Record<string, number | null>][];
  cells: CellInfo[];
  byAddress: Map<string, CellInfo>;
  /** Each row's cells, in column order. */
  rowCells: Map<string, CellInfo[]>;
  types: Map<string, ColumnType>;
  equations: Equation[];
}

const tableInfos = new WeakMap<TableDef, TableInfo>();

/** A table's cells, their types and its relations, computed once per table of the model. */
function tableInfo(format: Format, table: TableDef): TableInfo {
  let info = tableInfos.get(table);
  if (!info) {
    const cells: CellInfo[] = [];
    const types = new Map<string, ColumnType>();
    for (const row of table.rows) {
      for (const c of row.columns) {
        const address = `${table.id}.${row.id}.${c.id}`;
        cells.push({ address, rowId: row.id, colId: c.id, index: cells.length, global: format.cell(address)!.index });
        types.set(address, c.type);
      }
    }
    const rowCells = new Map<string, CellInfo[]>();
    for (const c of cells) rowCells.set(c.rowId, [...(rowCells.get(c.rowId) ?? []), c]);
    info = {
      rowTemplates: table.rows.map((r) => [r.id, Object.fromEntries(r.columns.map((c) => [c.id, null]))] as [string, Record<string, number | null>]),
      cells,
      byAddress: new Map(cells.map((c) => [c.address, c])),
      rowCells,
      types,
      equations: format.equations.filter((eq) => eq.relation.table === table.id),
    };
    tableInfos.set(table, info);
  }
  return info;
}

export function buildTables(format: Format, readings: TableReading[]): BuiltTables {
  const flat: FlatCells = { values: new Array(format.cells.length).fill(null), provenance: new Array(format.cells.length).fill(undefined) };
  const out: BuiltTables = { tables: {}, cells: {}, diagnostics: [], flat };
  for (const reading of readings) {
    const table = reading.table;
    const info = tableInfo(format, table);
    const values: TableValues = {};
    for (const [rowId, template] of info.rowTemplates) values[rowId] = { ...template };
    out.tables[table.id] = values;
    // Provenance by cell position; written out in table order at the end, absent cells as missing.
    const provs: (CellProvenance | undefined)[] = new Array(info.cells.length);
    const statusOf = (address: string) => provs[info.byAddress.get(address)!.index]?.status ?? 'missing';
    const finish = () => {
      for (const c of info.cells) {
        const p = provs[c.index] ?? { raw: null, line: null, status: 'missing' };
        out.cells[c.address] = p;
        flat.provenance[c.global] = p;
      }
    };
    out.diagnostics.push(...reading.diagnostics);
    if (!reading.found) {
      finish();
      continue;
    }

    if (reading.unreadable) {
      const open = reading.units.filter((u) => u.found).flatMap((u) => u.addresses);
      for (const u of reading.units) {
        if (!u.found) continue;
        for (const a of u.addresses) provs[info.byAddress.get(a)!.index] = { raw: null, line: u.line || null, status: 'missing' };
      }
      finish();
      const line = reading.units.find((u) => u.found)?.line || null;
      out.diagnostics.push({ rule: 'structure.row_missing', severity: 'error', message: reading.unreadable, cells: open, line });
      continue;
    }

    const setCell = (c: CellInfo, value: number | null, prov: CellProvenance) => {
      values[c.rowId][c.colId] = value;
      flat.values[c.global] = value;
      provs[c.index] = prov;
    };
    const set = (address: string, value: number | null, prov: CellProvenance) => setCell(info.byAddress.get(address)!, value, prov);

    const types = info.types;
    // Values read as printed; the solver needs them only when some row is ambiguous.
    const fixed = new Map<string, number | null>();
    const exactUnits: UnitInterpretation[] = [];
    const absent = new Set<string>();
    const ambiguous: { ui: UnitInterpretation; options: Option[] }[] = [];
    const unresolved: UnitInterpretation[] = [];
    const equations = info.equations;

    const interps = reading.units.map((u) => interpretUnit(u));
    for (const ui of interps) {
      const u = ui.unit;
      if (u.cutOff) {
        // Nothing of this row is trusted: its last number may have lost digits.
        for (const a of u.addresses) set(a, null, provenance(null, 'missing', null, u.line));
        u.addresses.forEach((a) => absent.add(a));
        out.diagnostics.push({
          rule: 'structure.row_missing',
          severity: 'error',
          message: `${table.name}${unitName(ui)}之后文本中断（文件不完整），该行印出的数（${printed(ui)}）可能被截断，未读取，请对照原文核实（第${u.line}行）`,
          cells: u.addresses,
          line: u.line || null,
        });
        continue;
      }
      if (!u.found) {
        u.addresses.forEach((a) => absent.add(a));
      } else if (ui.exact) {
        // Text that lost its separators and the next row's label: the next row's numbers may have
        // run into this row's ("行政处罚8" + "6" → "行政处罚86") or stand on a line of their own
        // ("行政处罚5-83" + "537": 5, -8, 3 and 5, 3, 7), so every number of several digits is in doubt.
        const next = ui.exact.tokens.some((t) => isRun(t) && t.glued) ? reading.units[reading.units.indexOf(u) + 1] : undefined;
        const mayHoldNext = !!next && !next.found;
        const unitCells = u.rows.length === 1 ? info.rowCells.get(u.rows[0].id)! : u.rows.flatMap((r) => info.rowCells.get(r.id)!);
        const doubtful: string[] = [];
        unitCells.forEach((ci, i) => {
          const { value, prov } = fromToken(ui.exact!.tokens[i], u.line);
          if (mayHoldNext && isRun(ui.exact!.tokens[i])) {
            setCell(ci, value, { ...prov, status: 'reconstructed' });
            doubtful.push(ci.address);
          } else if (u.byOrder && prov.status === 'read') {
            // placed by order (see read-tables.ts), reported there
            setCell(ci, value, { ...prov, status: 'reconstructed' });
          } else setCell(ci, value, prov);
        });
        if (doubtful.length && next) {
          const runs = ui.exact.tokens.filter(isRun).map((t) => t.raw);
          out.diagnostics.push({
            rule: 'cell.reconstructed',
            severity: 'warning',
            message: `${table.name}${unitName(ui)}读到的“${runs.join(' ')}”可能不全是本行的数：文字丢了分隔符，而下一行“${rowName(next.rows[0])}”的标签没有找到，这些数字可能含有下一行的数${runs.length > 1 ? '，拆分也可能不同' : ''}，请对照原文核实（第${u.line}行）`,
            cells: doubtful,
            line: u.line || null,
          });
        }
        exactUnits.push(ui);
      }
    }
    for (let ui of interps) {
      if (!ui.unit.found || ui.exact || ui.unit.cutOff) continue;
      let options = ui.tooAmbiguous ? [] : filterLocally(ui, equations, types);
      if (options.length === 0 && ui.completeOnly) {
        // No reading that fills every cell fits the row's own sums: consider lost cells too
        // (numbers run together and cells lost at once: too many readings is left unread).
        ui = interpretUnit(ui.unit, true);
        options = ui.tooAmbiguous || ui.candidates.length > WIDEN_LIMIT ? [] : filterLocally(ui, equations, types);
      }
      if (options.length === 0) unresolved.push(ui);
      else ambiguous.push({ ui, options });
    }
    for (const ui of unresolved) ui.unit.addresses.forEach((a) => absent.add(a));

    if (ambiguous.length) {
      for (const ui of exactUnits) {
        for (const a of ui.unit.addresses) {
          const c = info.byAddress.get(a)!;
          fixed.set(a, values[c.rowId][c.colId]);
        }
      }
    }
    let outcome = ambiguous.length ? solve(ambiguous, fixed, absent, equations, types) : null;
    if (outcome && outcome.solutions === 0 && !outcome.exhausted && ambiguous.some((x) => x.ui.completeOnly)) {
      // The complete readings (runs split, nothing lost) fit no combination: widen to readings
      // that assume unprinted cells, for the rows that had them.
      for (let i = 0; i < ambiguous.length; i++) {
        if (!ambiguous[i].ui.completeOnly) continue;
        const ui = interpretUnit(ambiguous[i].ui.unit, true);
        if (ui.tooAmbiguous || ui.candidates.length > WIDEN_LIMIT) continue;
        const options = filterLocally(ui, equations, types);
        if (options.length) ambiguous[i] = { ui, options };
      }
      outcome = solve(ambiguous, fixed, absent, equations, types);
    }
    const reconstructed = new Map<Interp['how'], { units: UnitInterpretation[]; cells: string[] }>();
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
      const undetermined = u.addresses.filter((a) => outcome.cells.get(a)?.value === undefined).length;
      const placedHere: string[] = [];
      u.addresses.forEach((a) => {
        const s = outcome.cells.get(a);
        if (!s || s.value === undefined) {
          set(a, null, provenance(null, 'missing', null, u.line));
          return;
        }
        if (s.token && !s.derived && s.piece === undefined) {
          const { value, prov } = fromToken(s.token, u.line);
          if (undetermined > 0 && s.token.kind === 'num') {
            // The row could not be settled: where this number goes was inferred (from the
            // columns' types and the relations), not confirmed. Keep it, marked and reported.
            set(a, value, { ...prov, status: 'reconstructed' });
            placedHere.push(a);
          } else set(a, value, prov);
          return;
        }
        set(a, s.value, provenance(s.token, 'reconstructed', s.piece ?? null, u.line));
        group.cells.push(a);
      });
      if (undetermined > 0) unresolved.push(ui);
      if (placedHere.length > 0) placed.push({ ui, cells: placedHere });
      if (group.cells.length > 0 || how === 'extra') {
        group.units.push(ui);
        reconstructed.set(how, group);
      }
    }

    const ambiguousCells = new Set(reconstructed.size ? ambiguous.flatMap((x) => x.ui.unit.addresses) : []);
    const relationsUsed = reconstructed.size
      ? [...new Set(equations.filter((eq) => eq.left.some((a) => ambiguousCells.has(a)) || eq.right.some((a) => ambiguousCells.has(a))).map((eq) => eq.relation.describe))]
      : [];
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
      const cells = [...new Set([...group.cells, ...group.units.flatMap((ui) => ui.unit.addresses)])];
      out.diagnostics.push({ rule: 'cell.reconstructed', severity: 'warning', message, cells, line: first.line || null });
    }
    for (const { ui, cells } of placed) {
      const names = cells.map((a) => `“${columnName(table.columns.find((c) => c.id === a.split('.')[2])!)}”`).join('、');
      out.diagnostics.push({
        rule: 'cell.reconstructed',
        severity: 'warning',
        message: `${table.name}${unitName(ui)}印出的数（${printed(ui)}）少于应有的${ui.unit.addresses.length}个，无法全部确定；其中${names}列的数按各列的类型与勾稽关系只能这样放，已读出并标为推算值，请对照原文核实（第${ui.unit.line}行）`,
        cells,
        line: ui.unit.line || null,
      });
    }

    for (const ui of unresolved) {
      const u = ui.unit;
      const k = u.slots.filter((t) => t.kind !== 'blank').length;
      if (k === 0) {
        // The label is printed but no value: the cells exist and are empty.
        for (const a of u.addresses) if (statusOf(a) === 'missing') set(a, null, provenance(null, 'blank', '', u.line));
        continue;
      }
      for (const a of u.addresses) if (statusOf(a) === 'missing') set(a, null, provenance(null, 'missing', null, u.line));
      const open = u.addresses.filter((a) => statusOf(a) === 'missing');
      const why = ui.tooAmbiguous
        ? '可能的读法太多'
        : k < u.addresses.length
          ? '按勾稽关系无法唯一确定缺的是哪几格'
          : '按勾稽关系无法确定哪个数是多出的';
      out.diagnostics.push({
        rule: 'structure.row_missing',
        severity: 'error',
        message: `${table.name}${unitName(ui)}印出${k}个数（${printed(ui)}），应有${u.addresses.length}个；${why}，未能确定的单元格置为空值，请对照原文核实（第${u.line}行）`,
        cells: open.length ? open : u.addresses,
        line: u.line || null,
      });
    }
    finish();
  }
  return out;
}
