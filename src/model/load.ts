// Loads the format versions declared in ./formats/*.yaml and compiles them into indexed models.
// Adding a format version is adding a YAML file here; no code path changes.

import { readdirSync } from 'node:fs';
import { parseYamlFile } from './data-file.ts';
import { leadingNumbering, normalizeLabel, numberingVariants, parseChineseNumeral, stripNumbering, withoutParenthetical } from './labels.ts';
import type {
  CellDef, CellValue, ColumnDef, ColumnType, Equation, Format, GroupDef, LabelKey, Labelled, RelationDef, RowDef, SectionDef,
  SectionId, SectionKey, TableDef, TableId, TableLayout, TableWords,
} from './types.ts';

// Resolves to <package>/src/model/formats both from src/model and from dist/model.
const FORMATS_DIR = new URL('../../src/model/formats/', import.meta.url);

interface RawLabelled { label: string; variants?: string[]; short?: string }
interface RawColumn extends RawLabelled { id: string; type?: ColumnType; unit?: string; group?: string }
interface RawRow extends RawLabelled { id: string; group?: string }
interface RawRowGroup { group: string; rows: (RawRow | RawRowGroup)[] }
interface RawTable {
  id: TableId; name: string; section: SectionId; layout: TableLayout;
  groups?: { label: string; columns: RawColumn[]; rows: RawRow[] }[];
  columns?: RawColumn[]; rows?: (RawRow | RawRowGroup)[];
  note?: string; column_header?: string; row_header?: string;
}
interface RawRelation { id: string; table: TableId; each: 'row' | 'column'; left: string[]; right: string[]; describe: string }
interface RawFormat {
  id: string; name: string; basis: string; years: { from: number; to?: number };
  sections: (RawLabelled & { id: SectionId; numeral: string })[];
  tables: RawTable[];
  relations: RawRelation[];
}

/** A table or row before its cells are known (they are filled in once the format's cells are numbered). */
type Uncelled<T> = Omit<T, 'cells' | 'cellIndices' | 'types' | 'ownEquations' | 'equations' | 'columnEquations' | 'emptyValues'>;

class ModelError extends Error {}

function fail(file: string, what: string): never {
  throw new ModelError(`格式模型文件 ${file} 有误：${what}`);
}

function labelled(raw: RawLabelled): Labelled {
  const variants = raw.variants ?? [];
  const keys: LabelKey[] = [];
  const numberedKeys: string[] = [];
  for (const text of [raw.label, ...variants]) {
    const norm = normalizeLabel(text);
    const bare = stripNumbering(norm);
    const numbering = leadingNumbering(norm);
    const official = text === raw.label;
    for (const k of [bare, withoutParenthetical(bare)]) {
      if (k && !keys.some((x) => x.text === k)) keys.push({ text: k, official: official && k === bare });
    }
    for (const n of numberingVariants(numbering)) {
      const k = n + bare;
      if (!numberedKeys.includes(k)) numberedKeys.push(k);
    }
  }
  return {
    label: raw.label,
    variants,
    short: raw.short ?? stripNumbering(normalizeLabel(raw.label)),
    keys,
    numberedKeys,
  };
}

function column(raw: RawColumn): ColumnDef {
  return { ...labelled(raw), id: raw.id, type: raw.type ?? 'integer', unit: raw.unit, group: raw.group };
}

function compileTable(file: string, raw: RawTable): Uncelled<TableDef> & { rows: RowDef[] } {
  const rows: RowDef[] = [];
  const groups: GroupDef[] = [];
  const structural: string[] = [];
  const columnsById = new Map<string, ColumnDef>();
  const addColumns = (cols: RawColumn[]) =>
    cols.map((c) => {
      const col = columnsById.get(c.id) ?? column(c);
      columnsById.set(c.id, col);
      return col;
    });
  const makeRow = (r: RawRow, parents: string[], columns: ColumnDef[], group?: string): RowDef => {
    if (!r.id || !r.label) fail(file, `表 ${raw.id} 有一行缺少 id 或 label`);
    const numbering = leadingNumbering(normalizeLabel(r.label));
    const uncelled: Uncelled<RowDef> = {
      ...labelled(r),
      id: r.id,
      table: raw.id,
      index: rows.length,
      parents,
      group: group ?? r.group,
      columns,
      numbering,
      arabicNumbering: /^(\d{1,2})[.、]$/.exec(numbering)?.[1] ?? '',
      addresses: columns.map((c) => `${raw.id}.${r.id}.${c.id}`),
    };
    // The cell views are set by compileFormat, once the format's cells are numbered.
    const row = uncelled as RowDef;
    if (rows.some((x) => x.id === row.id)) fail(file, `表 ${raw.id} 的行 id 重复：${row.id}`);
    rows.push(row);
    return row;
  };

  if (raw.layout === 'groups') {
    if (!raw.groups?.length) fail(file, `表 ${raw.id} 缺少 groups`);
    for (const g of raw.groups) {
      const cols = addColumns(g.columns);
      const groupRows = g.rows.map((r) => makeRow(r, [], cols, g.label));
      // A group label is searched for like a row label, under its own full wording.
      groups.push({ ...labelled({ label: g.label, short: g.label }), columns: cols, rows: groupRows });
      structural.push(g.label, ...g.columns.flatMap((c) => [c.label, ...(c.variants ?? [])]));
    }
  } else {
    if (!raw.columns?.length || !raw.rows?.length) fail(file, `表 ${raw.id} 缺少 columns 或 rows`);
    const cols = addColumns(raw.columns);
    const walk = (items: (RawRow | RawRowGroup)[], parents: string[]) => {
      for (const item of items) {
        if ('group' in item && 'rows' in item) {
          structural.push(item.group);
          walk(item.rows, [...parents, item.group]);
        } else {
          makeRow(item, parents, cols);
        }
      }
    };
    walk(raw.rows, []);
    for (const c of raw.columns) {
      structural.push(c.label);
      if (c.group && !structural.includes(c.group)) structural.push(c.group);
    }
    for (const r of rows) if (r.group && !structural.includes(r.group)) structural.push(r.group);
  }
  if (raw.note) structural.push(raw.note);
  if (raw.column_header) structural.push(raw.column_header);
  if (raw.row_header) structural.push(raw.row_header);

  const addresses = rows.flatMap((r) => r.addresses);
  const columns = [...columnsById.values()];
  return {
    id: raw.id,
    name: raw.name,
    section: raw.section,
    layout: raw.layout,
    rows,
    columns,
    groups,
    note: raw.note,
    columnHeader: raw.column_header,
    rowHeader: raw.row_header,
    structuralLabels: structural,
    addresses,
    words: tableWords(rows, columns, structural),
  };
}

/** The table's label keys and the characters they are made of (for telling table text from other text). */
function tableWords(rows: RowDef[], columns: ColumnDef[], structuralLabels: string[]): TableWords {
  const keys = new Set<string>();
  const add = (l: Labelled) => l.keys.forEach((k) => keys.add(k.text));
  rows.forEach(add);
  columns.forEach(add);
  const chars = new Uint8Array(65536);
  const free = new Uint8Array(65536);
  for (const s of structuralLabels) {
    const norm = normalizeLabel(s);
    keys.add(norm.replace(/^[(（]?[一二三四五六七八九十]+[)）、.]?/, ''));
    for (let i = 0; i < norm.length; i++) free[norm.charCodeAt(i)] = 1;
  }
  const list = [...keys].filter((k) => k.length > 0);
  for (const k of list) for (let i = 0; i < k.length; i++) chars[k.charCodeAt(i)] = 1;
  for (let i = 0; i < 65536; i++) if (free[i]) chars[i] = 1;
  return { keys: list, chars, free };
}

/**
 * A function making `{ key0: values[0], key1: values[1], … }` for keys of the model (cell
 * addresses, column ids) in one object literal: several times faster than adding the keys one by
 * one, as a report's 200-odd cells would be, and the object serialises faster.
 */
function recordMaker<T>(keys: string[]): (values: T[]) => Record<string, T> {
  // Generated from the model's own ids (JSON-quoted), never from input text.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('v', `return { ${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')} };`) as (values: T[]) => Record<string, T>;
}

/** A function making an object of the given ids, each null (a literal: copying a template goes V8's slow way, every row having its own shape). */
function nullRecordMaker(ids: string[]): () => Record<string, number | null> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(`return { ${ids.map((id) => `${JSON.stringify(id)}: null`).join(', ')} };`) as () => Record<string, number | null>;
}

/**
 * sum(left) − sum(right) of an equation, with `valueAt(i)` the value of the cell of index i:
 * null (blank, not applicable) counts as 0; undefined (unknown) makes the residual undefined.
 * The one place that says how a relation adds up; 0 means it holds.
 */
export function residual(eq: Equation, valueAt: (index: number) => CellValue): number | undefined {
  const { terms, signs } = eq;
  let sum = 0;
  for (let k = 0; k < terms.length; k++) {
    const v = valueAt(terms[k]);
    if (v === undefined) return undefined;
    if (v !== null) sum += signs[k] * v;
  }
  return sum;
}

/** The cell views of a row or table: its cells by index, types, and the equations among them. */
function cellViews(cellDefs: CellDef[], equations: Equation[]) {
  const own = new Set(cellDefs.map((c) => c.index));
  return {
    cells: cellDefs,
    cellIndices: cellDefs.map((c) => c.index),
    types: cellDefs.map((c) => c.column.type),
    ownEquations: equations.filter((eq) => eq.terms.every((i) => own.has(i))),
  };
}

function compileFormat(file: string, raw: RawFormat): Format {
  if (!raw?.id || !raw.sections || !raw.tables || !raw.relations) fail(file, '缺少 id、sections、tables 或 relations');
  const sections: SectionDef[] = raw.sections.map((s) => ({
    ...labelled(s),
    id: s.id,
    numeral: s.numeral,
    number: parseChineseNumeral(s.numeral),
  }));
  const tables = raw.tables.map((t) => compileTable(file, t));
  const byTable = new Map(tables.map((t) => [t.id, t]));
  const cells = new Map<string, CellDef>();
  for (const t of tables) for (const r of t.rows) for (const c of r.columns) {
    // The table gets its cell views in place below (withCells), before the format is returned.
    cells.set(`${t.id}.${r.id}.${c.id}`, { address: `${t.id}.${r.id}.${c.id}`, index: cells.size, table: t as TableDef, row: r, column: c });
  }

  const equation = (relation: RelationDef, key: string, left: string[], right: string[]): Equation => {
    const leftCells = left.map((a) => cells.get(a)!);
    const rightCells = right.map((a) => cells.get(a)!);
    const eq: Equation = {
      relation,
      key,
      left,
      right,
      leftCells,
      rightCells,
      terms: [...leftCells, ...rightCells].map((c) => c.index),
      signs: [...leftCells.map(() => 1), ...rightCells.map(() => -1)],
    };
    relation.equations.push(eq);
    return eq;
  };
  const equations: Equation[] = [];
  const relations: RelationDef[] = [];
  for (const declared of raw.relations) {
    const rel: RelationDef = { ...declared, equations: [] };
    relations.push(rel);
    const t = byTable.get(rel.table) ?? fail(file, `关系 ${rel.id} 指向不存在的表 ${rel.table}`);
    const check = (addr: string) => {
      if (!cells.has(addr)) fail(file, `关系 ${rel.id} 引用了不存在的单元格 ${addr}`);
      return addr;
    };
    if (rel.each === 'row') {
      for (const r of t.rows) {
        const has = (c: string) => r.columns.some((col) => col.id === c);
        if (![...rel.left, ...rel.right].every(has)) continue;
        equations.push(equation(rel, r.id, rel.left.map((c) => check(`${t.id}.${r.id}.${c}`)), rel.right.map((c) => check(`${t.id}.${r.id}.${c}`))));
      }
    } else if (rel.each === 'column') {
      for (const c of t.columns) {
        equations.push(equation(rel, c.id, rel.left.map((r) => check(`${t.id}.${r}.${c.id}`)), rel.right.map((r) => check(`${t.id}.${r}.${c.id}`))));
      }
    } else {
      fail(file, `关系 ${rel.id} 的 each 只能是 row 或 column`);
    }
  }

  const cellList = [...cells.values()];
  const compiled = tables.map((t) => withCells(t, cellList, equations));
  const byId = new Map(compiled.map((t) => [t.id, t]));
  const sectionKeys: SectionKey[] = sections.flatMap((section) => section.keys.map((k) => ({ text: k.text, section })));
  const sectionByKey = new Map<string, SectionDef>();
  for (const k of sectionKeys) if (!sectionByKey.has(k.text)) sectionByKey.set(k.text, k.section);
  const cellRecord = recordMaker<unknown>(cellList.map((c) => c.address));

  return {
    id: String(raw.id),
    name: raw.name,
    basis: raw.basis,
    years: raw.years,
    sections,
    tables: compiled,
    relations,
    equations,
    addresses: compiled.flatMap((t) => t.addresses),
    cells: cellList,
    types: cellList.map((c) => c.column.type),
    sectionKeys,
    sectionByKey,
    cellRecord: cellRecord as <T>(values: T[]) => Record<string, T>,
    table: (id: TableId) => byId.get(id) ?? fail(file, `没有表 ${id}`),
    cell: (address: string) => cells.get(address),
    section: (id: SectionId) => sections.find((s) => s.id === id) ?? fail(file, `没有部分 ${id}`),
  };
}

/** The table with its cell views, and its rows' (set in place: the cells point at these very rows). */
function withCells(t: Uncelled<TableDef> & { rows: RowDef[] }, cellList: CellDef[], equations: Equation[]): TableDef {
  const tableEquations = equations.filter((eq) => eq.relation.table === t.id);
  for (const row of t.rows) {
    Object.assign(row, cellViews(cellList.filter((c) => c.row === row), tableEquations), {
      emptyValues: nullRecordMaker(row.columns.map((c) => c.id)),
    });
  }
  const table = t as TableDef;
  Object.assign(table, cellViews(cellList.filter((c) => c.table === table), tableEquations), {
    equations: tableEquations,
    columnEquations: tableEquations.filter((eq) => eq.relation.each === 'column'),
  });
  return table;
}

let cache: Format[] | undefined;

/** All format versions, newest first. */
export function formats(): Format[] {
  if (!cache) {
    const files = readdirSync(FORMATS_DIR).filter((f) => f.endsWith('.yaml')).sort();
    cache = files
      .map((f) => compileFormat(f, parseYamlFile(new URL(f, FORMATS_DIR)) as RawFormat))
      .sort((a, b) => b.years.from - a.years.from);
  }
  return cache;
}

export function getFormat(id: string): Format {
  const f = formats().find((x) => x.id === id);
  if (!f) throw new ModelError(`未知的年报格式版本：${id}（已知：${formats().map((x) => x.id).join('、')}）`);
  return f;
}

/** The format a report on `year` should follow (by the years each format applies to). */
export function formatForYear(year: number): Format {
  const all = formats();
  return all.find((f) => year >= f.years.from && (f.years.to === undefined || year <= f.years.to)) ?? all[0];
}
