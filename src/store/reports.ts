// Reports and their versions: writing a parsed report as a new version (cells, sections,
// diagnostics in bulk), and reading a version back as an interchange report.

import { REPORT_SCHEMA, type Report, type Section, type SourceKind } from '../interchange/types.ts';
import { insertMany, type Executor } from './bulk.ts';
import { figureValues, figuresFromValues, figuresKey, figuresOf } from './figures.ts';
import { cellSet, tablesFromRows, type CellLayout, type CellSet } from './cell-arrays.ts';
import { insertCellSets, readCellSets } from './cells.ts';
import { decisionsOf, diagnosticRows, insertDiagnostics, ownDiagnostics, type DiagnosticRowIn, type StoredDiagnostic } from './diagnostics.ts';
import type { ReportVersionsTable, ReviewState, VersionMeta } from './schema.ts';
import { sectionWords } from './words.ts';

export interface SectionRow {
  report_id: string;
  version: number;
  position: number;
  section_id: string | null;
  title: string;
  body: string;
  line: number | null;
  words: string;
}

type VersionRow = Omit<ReportVersionsTable, 'created_at' | 'meta'> & { meta: VersionMeta };

/** Everything one report version writes. */
export interface VersionRows {
  version: VersionRow;
  cells: { set: CellSet; layout: CellLayout };
  sections: SectionRow[];
  diagnostics: DiagnosticRowIn[];
}

export interface VersionInput {
  reportId: string;
  version: number;
  report: Report;
  kind: 'import' | 'correction' | 'assembly';
  documentSha256: string | null;
  createdBy: string | null;
  note?: string | null | undefined;
  /** Extra findings (cross-report) to store with the report's own. */
  extra?: StoredDiagnostic[] | undefined;
  /** The sections' indexed words, when segmented already (sectionWords of each section). */
  words?: readonly string[] | undefined;
  /** The version's cells, when made already (cellSetOf). */
  cells?: { set: CellSet; layout: CellLayout } | undefined;
  /** Decisions of the previous version, by finding key, to carry over. */
  previous?: ReadonlyMap<string, { state: ReviewState; reason: string | null; decided_by: string | null; decided_at: Date | null }> | undefined;
}

/** `words`: the sections' indexed words when already segmented (sectionWords of each). */
export function sectionRows(reportId: string, version: number, sections: readonly Section[], words?: readonly string[]): SectionRow[] {
  return sections.map((s, i) => ({
    report_id: reportId,
    version,
    position: i,
    section_id: s.id,
    title: s.title,
    body: s.text,
    line: s.line ?? null,
    words: words?.[i] ?? sectionWords(s),
  }));
}

export function versionRows(input: VersionInput): VersionRows {
  const { reportId, version, report } = input;
  const meta: VersionMeta = { source: report.source };
  if (report.origin) meta.origin = report.origin;
  return {
    version: {
      report_id: reportId,
      version,
      kind: input.kind,
      document_sha256: input.documentSha256,
      agency_printed: report.agency,
      year: report.year,
      format: report.format,
      published_on: report.published,
      meta,
      note: input.note ?? null,
      created_by: input.createdBy,
    },
    cells: input.cells ?? cellSet(reportId, version, report),
    sections: sectionRows(reportId, version, report.sections, input.words),
    diagnostics: diagnosticRows(reportId, version, [...ownDiagnostics(report), ...(input.extra ?? [])], 0, input.previous),
  };
}

/** Write many versions at once (one statement per table). */
export async function insertVersions(db: Executor, list: readonly VersionRows[]): Promise<void> {
  if (!list.length) return;
  await insertMany<VersionRow>(
    db,
    'report_versions',
    {
      report_id: 'uuid', version: 'int4', kind: 'text', document_sha256: 'text', agency_printed: 'text', year: 'int4', format: 'text',
      published_on: 'date', meta: 'jsonb', note: 'text', created_by: 'uuid',
    },
    list.map((v) => v.version),
  );
  await insertCellSets(db, list.map((v) => v.cells));
  await insertMany<SectionRow>(
    db,
    'sections',
    { report_id: 'uuid', version: 'int4', position: 'int4', section_id: 'text', title: 'text', body: 'text', line: 'int4', words: 'text' },
    list.flatMap((v) => v.sections),
    { expressions: { words: "to_tsvector('simple', $)" } },
  );
  await insertDiagnostics(db, list.flatMap((v) => v.diagnostics));
}

/** A stored report version as an interchange report (with its stored findings), or null. */
export async function loadReport(db: Executor, reportId: string, version?: number): Promise<{ report: Report; version: number } | null> {
  const head = await db.selectFrom('reports').select(['current_version']).where('id', '=', reportId).executeTakeFirst();
  if (!head) return null;
  const v = version ?? head.current_version;
  const row = await db.selectFrom('report_versions').selectAll().where('report_id', '=', reportId).where('version', '=', v).executeTakeFirst();
  if (!row) return null;
  const [cells, sections, diagnostics] = await Promise.all([
    readCellSets(db, [{ reportId, version: v }]),
    db.selectFrom('sections').selectAll().where('report_id', '=', reportId).where('version', '=', v).orderBy('position').execute(),
    db.selectFrom('diagnostics').selectAll().where('report_id', '=', reportId).where('version', '=', v).orderBy('position').execute(),
  ]);
  const meta = row.meta;
  const report: Report = {
    schema: REPORT_SCHEMA,
    source: { ...meta.source, kind: meta.source.kind as SourceKind },
    agency: row.agency_printed,
    year: row.year,
    format: row.format,
    published: row.published_on,
    sections: sections.map((s) => {
      const out: Section = { id: s.section_id, title: s.title, text: s.body };
      if (s.line !== null) out.line = s.line;
      return out;
    }),
    ...tablesFromRows(cells.get(`${reportId}/${v}`) ?? []),
    diagnostics: diagnostics.map((d) => {
      const out: Report['diagnostics'][number] = { rule: d.rule, severity: d.severity, message: d.message };
      if (d.cells) out.cells = d.cells;
      if (d.line !== null) out.line = d.line;
      if (d.page !== null) out.page = d.page;
      return out;
    }),
  };
  if (meta.origin) report.origin = meta.origin;
  return { report, version: v };
}

/** A report's row with its agency's scope fields (for permission checks). */
export async function reportHead(db: Executor, reportId: string) {
  const head = await db
    .selectFrom('reports as r')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .selectAll('r')
    .select(['a.name as agency', 'a.region_code', 'a.level', 'a.kind', 'a.parent_id'])
    .where('r.id', '=', reportId)
    .executeTakeFirst();
  // The named figures, from the array the report keeps (the dashboards' measures).
  return head && { ...head, figures: figuresFromValues(head.figure_values) };
}

export interface CellChange {
  address: string;
  value: number | null;
}

/**
 * A reviewer's correction: a new version whose cells differ where corrected (the printed text
 * stays in `raw`), checked again; findings of the old version that are gone become 'fixed'.
 * Returns the new version number and the changed cells with their old values.
 */
export async function correctReport(
  db: Executor,
  reportId: string,
  changes: readonly CellChange[],
  options: { userId: string; note: string; recheck: (report: Report) => Report; cross: (db: Executor, ids: string[]) => Promise<void> },
): Promise<{ version: number; changed: { address: string; old: number | null; new: number | null }[] }> {
  const current = await loadReport(db, reportId);
  if (!current) throw new Error('报告不存在');
  const report = structuredClone(current.report);
  const changed: { address: string; old: number | null; new: number | null }[] = [];
  for (const c of changes) {
    const [t, r, col] = c.address.split('.');
    const row = report.tables[t]?.[r];
    if (!row || !(col in row)) throw new Error(`没有这个单元格：${c.address}`);
    changed.push({ address: c.address, old: row[col], new: c.value });
    row[col] = c.value;
    const p = report.cells[c.address];
    report.cells[c.address] = { ...p, raw: p?.raw ?? null, line: p?.line ?? null, status: c.value === null ? (p?.status === 'not_applicable' ? 'not_applicable' : 'blank') : 'read' };
  }
  const checked = options.recheck(report);
  const version = current.version + 1;
  const previous = await decisionsOf(db, reportId, current.version);
  const rows = versionRows({ reportId, version, report: checked, kind: 'correction', documentSha256: null, createdBy: options.userId, note: options.note, previous });
  // Keep the document of the version corrected: the source stays the same bytes.
  const src = await db.selectFrom('report_versions').select('document_sha256').where('report_id', '=', reportId).where('version', '=', current.version).executeTakeFirst();
  rows.version.document_sha256 = src?.document_sha256 ?? null;
  const measured = figuresOf(checked);
  await db
    .updateTable('reports')
    .set({ current_version: version, figure_values: figureValues(measured), figures_key: figuresKey(), updated_at: new Date() })
    .where('id', '=', reportId)
    .execute();
  await insertVersions(db, [rows]);
  const kept = new Set(rows.diagnostics.map((d) => d.finding_key));
  const old = await db.selectFrom('diagnostics').select(['position', 'finding_key', 'state']).where('report_id', '=', reportId).where('version', '=', current.version).execute();
  const gone = old.filter((d) => !kept.has(d.finding_key) && d.state !== 'fixed').map((d) => d.position);
  if (gone.length) {
    await db
      .updateTable('diagnostics')
      .set({ state: 'fixed', decided_by: options.userId, decided_at: new Date(), reason: `第${version}版更正后不再出现` })
      .where('report_id', '=', reportId)
      .where('version', '=', current.version)
      .where('position', 'in', gone)
      .execute();
  }
  await options.cross(db, [reportId]);
  return { version, changed };
}

/**
 * An undecided report assigned to an agency and year that already has a report: its current
 * version (same document, its cells and sections, checked again) becomes the next version of
 * that report, and the undecided report, now empty, goes — its import items point to the version
 * it became. Returns the new version number, and the other reports whose current findings named
 * the one that goes (a peer's mirror of a copied narrative): their cross checks are to be run
 * again, with the report it became.
 */
export async function mergeAsVersion(
  db: Executor,
  fromId: string,
  intoId: string,
  options: { userId: string; recheck: (report: Report) => Report },
): Promise<{ version: number; referring: string[] }> {
  const from = await loadReport(db, fromId);
  const into = await db.selectFrom('reports').select(['current_version']).where('id', '=', intoId).executeTakeFirst();
  if (!from || !into) throw new Error('报告不存在');
  const src = await db.selectFrom('report_versions').select('document_sha256').where('report_id', '=', fromId).where('version', '=', from.version).executeTakeFirst();
  const checked = options.recheck(from.report);
  const version = into.current_version + 1;
  const previous = await decisionsOf(db, intoId, into.current_version);
  const rows = versionRows({ reportId: intoId, version, report: checked, kind: 'import', documentSha256: src?.document_sha256 ?? null, createdBy: options.userId, previous });
  const measured = figuresOf(checked);
  await db
    .updateTable('reports')
    .set({ current_version: version, format: checked.format, figure_values: figureValues(measured), figures_key: figuresKey(), updated_at: new Date() })
    .where('id', '=', intoId)
    .execute();
  await insertVersions(db, [rows]);
  await db.updateTable('import_items').set({ report_id: intoId, version }).where('report_id', '=', fromId).execute();
  const referring = await db
    .selectFrom('diagnostics as d')
    .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'd.report_id').onRef('r.current_version', '=', 'd.version'))
    .select('d.report_id')
    .distinct()
    .where('d.related_report_id', '=', fromId)
    .where('d.report_id', 'not in', [fromId, intoId])
    .execute();
  for (const table of ['narrative_bands', 'diagnostics', 'cell_sets', 'sections', 'report_versions'] as const) {
    await db.deleteFrom(table).where('report_id', '=', fromId).execute();
  }
  await db.deleteFrom('reports').where('id', '=', fromId).execute();
  return { version, referring: referring.map((r) => r.report_id) };
}
