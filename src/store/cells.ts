// A report's cells in the store: one row of parallel arrays per version (cell_sets: value,
// status, provenance) following a layout (cell_layouts), written and read back in a fixed number
// of statements; read in long form through the view `cells` (migration 0012). The arrays
// themselves, and the tables made from them, are cell-arrays.ts (no database: the parse worker
// makes them).

import { sql } from 'kysely';
import { formats } from '../model/load.ts';
import { insertMany, type Executor } from './bulk.ts';
import { cellRows, formatLayout, valuesAt, type CellLayout, type CellRow, type CellSet } from './cell-arrays.ts';
import type { CellSetsTable } from './schema.ts';

async function insertLayouts(db: Executor, layouts: readonly CellLayout[]): Promise<void> {
  await insertMany<CellLayout>(db, 'cell_layouts', { id: 'text', table_ids: 'text[]', row_ids: 'text[]', col_ids: 'text[]' }, layouts, {
    onConflict: 'ON CONFLICT (id) DO NOTHING',
  });
}

/**
 * The layouts of the model's formats, written when the store is opened (committed at once): an
 * import's transactions then find them and never wait on each other to add the same one.
 */
export async function seedLayouts(db: Executor): Promise<void> {
  await insertLayouts(db, formats().map((f) => formatLayout(f.id)));
}

/** Write cell sets (and their layouts, when new), two statements for any number of versions. */
export async function insertCellSets(db: Executor, list: readonly { set: CellSet; layout: CellLayout }[]): Promise<void> {
  if (!list.length) return;
  await insertLayouts(db, [...new Map(list.map((x) => [x.layout.id, x.layout])).values()]);
  await insertMany<CellSet>(
    db,
    'cell_sets',
    {
      report_id: 'uuid', version: 'int4', layout: 'text', vals: 'numeric[]', statuses: 'text[]', raws: 'text[]', lines: 'int4[]', pages: 'int4[]',
      src_tables: 'int4[]', src_rows: 'int4[]', src_cols: 'int4[]',
    },
    list.map((x) => x.set),
  );
}

/**
 * Layouts read from the store, by id. A layout's id is the md5 of its addresses, so a layout never
 * changes: each is read once per process (a handful exist: one per format and model revision).
 */
const storedLayouts = new Map<string, CellLayout>();

/** The layouts of these ids: the model's formats' and those read before from memory, the rest in one query. */
async function layoutsById(db: Executor, ids: Iterable<string>): Promise<Map<string, CellLayout>> {
  if (!storedLayouts.size) for (const f of formats()) storedLayouts.set(formatLayout(f.id).id, formatLayout(f.id));
  const missing = [...new Set(ids)].filter((id) => !storedLayouts.has(id));
  if (missing.length) for (const l of await db.selectFrom('cell_layouts').selectAll().where('id', 'in', missing).execute()) storedLayouts.set(l.id, l);
  return storedLayouts;
}

/** Cell sets of these versions with their layouts, as long-form rows by `reportId/version`. */
export async function readCellSets(db: Executor, versions: readonly { reportId: string; version: number }[]): Promise<Map<string, Omit<CellRow, 'report_id' | 'version'>[]>> {
  const out = new Map<string, Omit<CellRow, 'report_id' | 'version'>[]>();
  if (!versions.length) return out;
  // Only the versions asked for: a report corrected many times keeps every version's cells.
  const sets = await sql<Omit<CellSetsTable, 'provenances'>>`
    SELECT s.report_id, s.version, s.layout, s.vals, s.statuses, s.raws, s.lines, s.pages, s.src_tables, s.src_rows, s.src_cols
    FROM unnest(${versions.map((v) => v.reportId)}::uuid[], ${versions.map((v) => v.version)}::int4[]) AS v(report_id, version)
    JOIN cell_sets s ON s.report_id = v.report_id AND s.version = v.version`.execute(db);
  const layouts = await layoutsById(db, sets.rows.map((s) => s.layout));
  for (const s of sets.rows) out.set(`${s.report_id}/${s.version}`, cellRows(s, layouts.get(s.layout)!));
  return out;
}

/**
 * The values of these addresses in these versions, by `reportId/version`: only the values array
 * is read, none of the provenance (for the checks that add up figures of many reports).
 */
export async function readCellValues(
  db: Executor,
  versions: readonly { reportId: string; version: number }[],
  addresses: readonly string[],
): Promise<Map<string, (number | null)[]>> {
  const out = new Map<string, (number | null)[]>();
  if (!versions.length) return out;
  const sets = await sql<Pick<CellSetsTable, 'report_id' | 'version' | 'layout' | 'vals'>>`
    SELECT s.report_id, s.version, s.layout, s.vals
    FROM unnest(${versions.map((v) => v.reportId)}::uuid[], ${versions.map((v) => v.version)}::int4[]) AS v(report_id, version)
    JOIN cell_sets s ON s.report_id = v.report_id AND s.version = v.version`.execute(db);
  const layouts = await layoutsById(db, sets.rows.map((s) => s.layout));
  for (const s of sets.rows) out.set(`${s.report_id}/${s.version}`, valuesAt(s.vals, layouts.get(s.layout)!, addresses));
  return out;
}
