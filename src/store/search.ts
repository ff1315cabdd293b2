// The corpus list: reports filtered by year, region, level, kind, format, rule, review state,
// errors and full text of the narrative, within what the viewer may read, with the total count.
// Full text: the query segmented like the index (words.ts) into a 'simple' tsquery, so PGlite and
// the server find the same reports.

import { sql, type SqlBool, type Expression } from 'kysely';
import type { Executor } from './bulk.ts';
import type { AgencyKind, AgencyLevel, ReportStatus, ReviewState } from './schema.ts';
import { canReadExpr, type Viewer } from './scope.ts';
import { queryWords } from './words.ts';

export interface CorpusFilter {
  year?: number | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  /** GB/T 2260 code or prefix ('34', '3401', '340104'). */
  region?: string | undefined;
  level?: AgencyLevel | undefined;
  kind?: AgencyKind | undefined;
  format?: string | undefined;
  agencyId?: string | undefined;
  status?: ReportStatus | undefined;
  /** Reports with a finding of this rule (in its current version). */
  rule?: string | undefined;
  /** Reports with a finding in this review state (with `rule`: a finding of that rule). */
  state?: ReviewState | undefined;
  hasErrors?: boolean | undefined;
  published?: boolean | undefined;
  /** Full-text query over the narrative. */
  q?: string | undefined;
}

export type CorpusSort = 'year' | 'agency' | 'errors' | 'updated';

export interface CorpusPage {
  limit?: number | undefined;
  offset?: number | undefined;
  sort?: CorpusSort | undefined;
}

export interface CorpusItem {
  id: string;
  agency_id: string | null;
  agency: string | null;
  agency_printed: string | null;
  region_code: string | null;
  level: AgencyLevel | null;
  kind: AgencyKind | null;
  year: number | null;
  format: string;
  status: ReportStatus;
  published: boolean;
  demo: boolean;
  /** '示例数据' for the demo corpus (`npm start`), null for real reports: every list says so. */
  data_label: string | null;
  current_version: number;
  error_count: number;
  warning_count: number;
  open_count: number;
  updated_at: Date;
}

/** How lists mark the demo corpus's reports. */
export const DEMO_LABEL = '示例数据';

/** The reports a viewer may read that pass the filter, as a query on `reports r LEFT JOIN agencies a`. */
export function corpusQuery(db: Executor, viewer: Viewer, f: CorpusFilter) {
  let q = db.selectFrom('reports as r').leftJoin('agencies as a', 'a.id', 'r.agency_id').where((eb) => canReadExpr(eb, viewer));
  if (f.year !== undefined) q = q.where('r.year', '=', f.year);
  if (f.yearFrom !== undefined) q = q.where('r.year', '>=', f.yearFrom);
  if (f.yearTo !== undefined) q = q.where('r.year', '<=', f.yearTo);
  if (f.region) q = q.where('a.region_code', 'like', `${f.region.replace(/\D/g, '')}%`);
  if (f.level) q = q.where('a.level', '=', f.level);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.format) q = q.where('r.format', '=', f.format);
  if (f.agencyId) q = q.where('r.agency_id', '=', f.agencyId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.published !== undefined) q = q.where('r.published', '=', f.published);
  if (f.hasErrors !== undefined) q = q.where('r.error_count', f.hasErrors ? '>' : '=', 0);
  if (f.rule || f.state) {
    const rule = f.rule;
    const state = f.state;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('diagnostics as d')
          .select(sql`1`.as('one'))
          .whereRef('d.report_id', '=', 'r.id')
          .whereRef('d.version', '=', 'r.current_version')
          .$if(!!rule, (s) => s.where('d.rule', '=', rule!))
          .$if(!!state, (s) => s.where('d.state', '=', state!)),
      ),
    );
  }
  if (f.q?.trim()) {
    const words = queryWords(f.q);
    const text = words.join(' ');
    q = q.where((eb) =>
      words.length
        ? eb.exists(
            eb
              .selectFrom('sections as s')
              .select(sql`1`.as('one'))
              .whereRef('s.report_id', '=', 'r.id')
              .whereRef('s.version', '=', 'r.current_version')
              .where(sql<SqlBool>`s.words @@ plainto_tsquery('simple', ${text})`),
          )
        : (sql<SqlBool>`false` as Expression<SqlBool>),
    );
  }
  return q;
}

/** How many reports a viewer may read pass the filter (exact). */
export async function countReports(db: Executor, viewer: Viewer, f: CorpusFilter): Promise<number> {
  const row = await corpusQuery(db, viewer, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A page of the corpus list, with the exact total unless `page.total` is false (then null: the
 * web app shows the rows first and asks for the total after). The page's rows are chosen first
 * and only they are joined with their printed agency name, so a deep page does not look up the
 * names of every row it skips.
 */
export async function listReports(db: Executor, viewer: Viewer, f: CorpusFilter, page: CorpusPage & { total?: false }): Promise<{ total: number | null; items: CorpusItem[] }>;
export async function listReports(db: Executor, viewer: Viewer, f: CorpusFilter, page?: CorpusPage): Promise<{ total: number; items: CorpusItem[] }>;
export async function listReports(db: Executor, viewer: Viewer, f: CorpusFilter, page: CorpusPage & { total?: boolean } = {}): Promise<{ total: number | null; items: CorpusItem[] }> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
  const offset = Math.max(page.offset ?? 0, 0);
  let chosen = corpusQuery(db, viewer, f)
    .select([
      'r.id', 'r.agency_id', 'a.name as agency', 'a.region_code', 'a.level', 'a.kind', 'r.year', 'r.format', 'r.status', 'r.published', 'r.demo',
      'r.current_version', 'r.error_count', 'r.warning_count', 'r.open_count', 'r.updated_at',
    ])
    .limit(limit)
    .offset(offset);
  // Within a year the most recently created report first (ids are time-ordered): both keys
  // descending, so that the (year, id) index gives the first page without sorting a whole year.
  const order: [string, string, 'asc' | 'desc'][] =
    page.sort === 'agency' ? [['a.name', 'agency', 'asc'], ['r.year', 'year', 'desc'], ['r.id', 'id', 'asc']]
    : page.sort === 'errors' ? [['r.error_count', 'error_count', 'desc'], ['r.id', 'id', 'asc']]
    : page.sort === 'updated' ? [['r.updated_at', 'updated_at', 'desc'], ['r.id', 'id', 'asc']]
    : [['r.year', 'year', 'desc'], ['r.id', 'id', 'desc']];
  for (const [column, , direction] of order) chosen = chosen.orderBy(sql.ref(column), direction);
  let items = db
    .selectFrom(chosen.as('p'))
    .leftJoin('report_versions as v', (j) => j.onRef('v.report_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
    .selectAll('p')
    .select('v.agency_printed')
    .select(sql<string | null>`CASE WHEN p.demo THEN ${DEMO_LABEL} END`.as('data_label'));
  // The page's order again (a join does not keep it; nulls go where they went inside).
  for (const [, column, direction] of order) items = items.orderBy(sql.ref(`p.${column}`), direction);
  const [rows, total] = await Promise.all([items.execute(), page.total === false ? null : countReports(db, viewer, f)]);
  return { total, items: rows };
}
