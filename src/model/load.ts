// Loads the format versions declared in ./formats/*.yaml and compiles them into indexed models.
// Adding a format version is adding a YAML file here; no code path changes.

import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { leadingNumbering, normalizeLabel, numberingVariants, parseChineseNumeral, stripNumbering, withoutParenthetical } from './labels.ts';
import type {
  CellDef, ColumnDef, ColumnType, Equation, Format, GroupDef, LabelKey, Labelled, RelationDef, RowDef, SectionDef, SectionId,
  TableDef, TableId, TableLayout,
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
interface RawFormat {
  id: string; name: string; basis: string; years: { from: number; to?: number };
  sections: (RawLabelled & { id: SectionId; numeral: string })[];
  tables: RawTable[];
  relations: RelationDef[];
}

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

function compileTable(file: string, raw: RawTable): TableDef {
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
    const row: RowDef = {
      ...labelled(r),
      id: r.id,
      table: raw.id,
      index: rows.length,
      parents,
      group: group ?? r.group,
      columns,
      numbering: leadingNumbering(normalizeLabel(r.label)),
    };
    if (rows.some((x) => x.id === row.id)) fail(file, `表 ${raw.id} 的行 id 重复：${row.id}`);
    rows.push(row);
    return row;
  };

  if (raw.layout === 'groups') {
    if (!raw.groups?.length) fail(file, `表 ${raw.id} 缺少 groups`);
    for (const g of raw.groups) {
      const cols = addColumns(g.columns);
      const groupRows = g.rows.map((r) => makeRow(r, [], cols, g.label));
      groups.push({ label: g.label, keys: labelled({ label: g.label }).keys, columns: cols, rows: groupRows });
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

  const addresses = rows.flatMap((r) => r.columns.map((c) => `${raw.id}.${r.id}.${c.id}`));
  return {
    id: raw.id,
    name: raw.name,
    section: raw.section,
    layout: raw.layout,
    rows,
    columns: [...columnsById.values()],
    groups,
    note: raw.note,
    columnHeader: raw.column_header,
    rowHeader: raw.row_header,
    structuralLabels: structural,
    addresses,
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
    cells.set(`${t.id}.${r.id}.${c.id}`, { address: `${t.id}.${r.id}.${c.id}`, index: cells.size, table: t, row: r, column: c });
  }

  const equation = (relation: RelationDef, key: string, left: string[], right: string[]): Equation => ({
    relation,
    key,
    left,
    right,
    leftCells: left.map((a) => cells.get(a)!),
    rightCells: right.map((a) => cells.get(a)!),
  });
  const equations: Equation[] = [];
  for (const rel of raw.relations) {
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

  return {
    id: String(raw.id),
    name: raw.name,
    basis: raw.basis,
    years: raw.years,
    sections,
    tables,
    relations: raw.relations,
    equations,
    addresses: tables.flatMap((t) => t.addresses),
    cells: [...cells.values()],
    table: (id: TableId) => byTable.get(id) ?? fail(file, `没有表 ${id}`),
    cell: (address: string) => cells.get(address),
    section: (id: SectionId) => sections.find((s) => s.id === id) ?? fail(file, `没有部分 ${id}`),
  };
}

let cache: Format[] | undefined;

/** All format versions, newest first. */
export function formats(): Format[] {
  if (!cache) {
    const files = readdirSync(FORMATS_DIR).filter((f) => f.endsWith('.yaml')).sort();
    cache = files
      .map((f) => compileFormat(f, parseYaml(readFileSync(new URL(f, FORMATS_DIR), 'utf8')) as RawFormat))
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
