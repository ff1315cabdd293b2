// Exports of a filtered corpus: one row per report (its agency, year, format, state, and every
// cell of every format version as a column), read page by page so that any size streams; and the
// interchange reports themselves for JSON Lines.

import { formats } from '../model/load.ts';
import { cellName } from '../model/names.ts';
import type { Report } from '../interchange/types.ts';
import type { Executor } from './bulk.ts';
import { loadReport } from './reports.ts';
import { corpusQuery, type CorpusFilter, type CorpusItem, listReports } from './search.ts';
import type { Viewer } from './scope.ts';

const PAGE = 500;

export const REPORT_COLUMNS: { key: keyof CorpusItem | 'agency_printed'; label: string }[] = [
  { key: 'id', label: '报告编号' },
  { key: 'agency', label: '机关' },
  { key: 'agency_printed', label: '报告所写机关' },
  { key: 'region_code', label: '行政区划代码' },
  { key: 'level', label: '层级' },
  { key: 'kind', label: '类型' },
  { key: 'year', label: '年度' },
  { key: 'format', label: '格式版本' },
  { key: 'status', label: '状态' },
  { key: 'current_version', label: '版本' },
  { key: 'error_count', label: '错误数' },
  { key: 'warning_count', label: '警告数' },
  { key: 'open_count', label: '待审核问题数' },
  { key: 'data_label', label: '数据性质' },
];

/** Every cell address of every format version, in model order, with a Chinese header. */
export function cellColumns(): { address: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const f of formats()) for (const c of f.cells) if (!seen.has(c.address)) seen.set(c.address, `${cellName(f, c.address)}[${c.address}]`);
  return [...seen].map(([address, label]) => ({ address, label }));
}

export interface ExportRow {
  report: CorpusItem;
  values: Map<string, number | null>;
}

export async function* exportRows(db: Executor, viewer: Viewer, filter: CorpusFilter): AsyncGenerator<ExportRow> {
  for (let offset = 0; ; offset += PAGE) {
    const { items } = await listReports(db, viewer, filter, { limit: PAGE, offset, sort: 'year' });
    if (!items.length) return;
    const cells = await db
      .selectFrom('cells as c')
      .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'c.report_id').onRef('r.current_version', '=', 'c.version'))
      .select(['c.report_id', 'c.table_id', 'c.row_id', 'c.col_id', 'c.value'])
      .where('c.report_id', 'in', items.map((i) => i.id))
      .execute();
    const byReport = new Map<string, Map<string, number | null>>();
    for (const c of cells) {
      if (!byReport.has(c.report_id)) byReport.set(c.report_id, new Map());
      byReport.get(c.report_id)!.set(`${c.table_id}.${c.row_id}.${c.col_id}`, c.value);
    }
    for (const report of items) yield { report, values: byReport.get(report.id) ?? new Map<string, number | null>() };
    if (items.length < PAGE) return;
  }
}

export async function* exportReports(db: Executor, viewer: Viewer, filter: CorpusFilter): AsyncGenerator<Report> {
  for (let offset = 0; ; offset += PAGE) {
    const ids = await corpusQuery(db, viewer, filter).select('r.id').orderBy('r.year', 'desc').orderBy('r.id', 'desc').limit(PAGE).offset(offset).execute();
    for (const { id } of ids) {
      const loaded = await loadReport(db, id);
      if (loaded) yield loaded.report;
    }
    if (ids.length < PAGE) return;
  }
}

/** One CSV field (RFC 4180), with formula characters neutralised for spreadsheet programs. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v instanceof Date ? v.toISOString() : JSON.stringify(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
