// Diagnostics of a report version with their review state: open, confirmed, dismissed (with a
// reason) or fixed (gone in a later version). A finding keeps its decision across versions when
// it comes back (same rule, cells and related report: its finding key).

import { sql } from 'kysely';
import { parseDiagnostics } from '../check/index.ts';
import type { Diagnostic, Report } from '../interchange/types.ts';
import { insertMany, type Executor } from './bulk.ts';
import type { DiagnosticOrigin, DiagnosticsTable, ReviewState } from './schema.ts';

export type DiagnosticRowIn = Omit<DiagnosticsTable, 'state' | 'decided_at'> & { state: ReviewState; decided_at: Date | null };

/** Diagnostics as stored, with origin and key; `cross` ones carry the related report. */
export interface StoredDiagnostic extends Omit<Diagnostic, 'origin'> {
  /** The stage that made it; 'cross' for the store's checks across reports. */
  origin: DiagnosticOrigin;
  related_report_id?: string | null;
}

export function findingKey(d: { rule: string; cells?: string[] | null; message: string; related_report_id?: string | null }): string {
  const where = d.cells?.length ? [...d.cells].sort().join(',') : d.message;
  return `${d.rule}|${where}|${d.related_report_id ?? ''}`;
}

/** The report's own diagnostics marked with their stage. */
export function ownDiagnostics(report: Report): StoredDiagnostic[] {
  const parse = new Set(parseDiagnostics(report));
  return report.diagnostics.map((d) => {
    const declared = (d as { origin?: string }).origin;
    const origin: DiagnosticOrigin = declared === 'parse' || declared === 'check' ? declared : parse.has(d) ? 'parse' : 'check';
    return { ...d, origin };
  });
}

export function diagnosticRows(
  reportId: string,
  version: number,
  list: readonly StoredDiagnostic[],
  firstPosition = 0,
  previous?: ReadonlyMap<string, { state: ReviewState; reason: string | null; decided_by: string | null; decided_at: Date | null }>,
): DiagnosticRowIn[] {
  return list.map((d, i) => {
    const key = findingKey(d);
    const before = previous?.get(key);
    // A decision carries over; 'fixed' does not (the finding is back).
    const kept = before && (before.state === 'confirmed' || before.state === 'dismissed') ? before : undefined;
    return {
      report_id: reportId,
      version,
      position: firstPosition + i,
      rule: d.rule,
      severity: d.severity,
      origin: d.origin,
      message: d.message,
      cells: d.cells?.length ? d.cells : null,
      line: d.line ?? null,
      page: d.page ?? null,
      related_report_id: d.related_report_id ?? null,
      finding_key: key,
      state: kept?.state ?? 'open',
      reason: kept?.reason ?? null,
      decided_by: kept?.decided_by ?? null,
      decided_at: kept?.decided_at ?? null,
    };
  });
}

export async function insertDiagnostics(db: Executor, rows: readonly DiagnosticRowIn[]): Promise<void> {
  await insertMany<DiagnosticRowIn>(
    db,
    'diagnostics',
    {
      report_id: 'uuid', version: 'int4', position: 'int4', rule: 'text', severity: 'text', origin: 'text', message: 'text',
      cells: 'text[]', line: 'int4', page: 'int4', related_report_id: 'uuid', finding_key: 'text', state: 'text', reason: 'text',
      decided_by: 'uuid', decided_at: 'timestamptz',
    },
    rows,
  );
}

/** Decisions on a version's findings, by finding key (to carry over to the next version). */
export async function decisionsOf(db: Executor, reportId: string, version: number) {
  const rows = await db
    .selectFrom('diagnostics')
    .select(['finding_key', 'state', 'reason', 'decided_by', 'decided_at'])
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .execute();
  return new Map(rows.map((r) => [r.finding_key, r]));
}

/** Decisions of several versions at once, by `reportId/version` then finding key. */
export async function decisionsOfMany(db: Executor, versions: readonly { reportId: string; version: number }[]) {
  const out = new Map<string, Map<string, { state: ReviewState; reason: string | null; decided_by: string | null; decided_at: Date | null }>>();
  if (!versions.length) return out;
  const rows = await sql<{ report_id: string; version: number; finding_key: string; state: ReviewState; reason: string | null; decided_by: string | null; decided_at: Date | null }>`
    SELECT d.report_id, d.version, d.finding_key, d.state, d.reason, d.decided_by, d.decided_at FROM diagnostics d
    JOIN unnest(${versions.map((v) => v.reportId)}::uuid[], ${versions.map((v) => v.version)}::int4[]) AS k(r, v) ON d.report_id = k.r AND d.version = k.v
    WHERE d.state IN ('confirmed', 'dismissed')`.execute(db);
  for (const r of rows.rows) {
    const k = `${r.report_id}/${r.version}`;
    if (!out.has(k)) out.set(k, new Map());
    out.get(k)!.set(r.finding_key, r);
  }
  return out;
}

/**
 * The rules a report fails (open or confirmed findings of its current version, `x`), each once
 * as `rule|severity` with its most severe finding ('error' < 'info' < 'warning' as text, the
 * order the rule shares have always used): the dashboard's rule shares count these per report.
 */
export const RULES_OF_REPORT = sql`ARRAY(SELECT g.rule || '|' || min(g.severity) FROM diagnostics g
  WHERE g.report_id = x.id AND g.version = x.current_version AND g.state IN ('open', 'confirmed') GROUP BY g.rule ORDER BY g.rule)`;

/** Recount a report's error/warning/open figures and failed rules from its current version's findings. */
export async function refreshCounts(db: Executor, reportIds: readonly string[]): Promise<void> {
  if (!reportIds.length) return;
  await sql`
    UPDATE reports r SET
      error_count = coalesce(d.errors, 0), warning_count = coalesce(d.warnings, 0), open_count = coalesce(d.open, 0),
      status = CASE WHEN r.status = 'needs_decision' THEN r.status
                    WHEN coalesce(d.open, 0) = 0 AND coalesce(d.total, 0) > 0 THEN 'reviewed' ELSE 'checked' END,
      rules = d.rules, updated_at = now()
    FROM (SELECT x.id, c.errors, c.warnings, c.open, c.total, ${RULES_OF_REPORT} AS rules
          -- One pass over the version's findings for the four counts.
          FROM unnest(${[...reportIds]}::uuid[]) AS u(id) JOIN reports x ON x.id = u.id CROSS JOIN LATERAL (SELECT
            count(*) FILTER (WHERE g.severity = 'error' AND g.state NOT IN ('dismissed', 'fixed')) AS errors,
            count(*) FILTER (WHERE g.severity = 'warning' AND g.state NOT IN ('dismissed', 'fixed')) AS warnings,
            count(*) FILTER (WHERE g.state = 'open' AND g.severity <> 'info') AS open,
            count(*) FILTER (WHERE g.severity <> 'info') AS total
            FROM diagnostics g WHERE g.report_id = x.id AND g.version = x.current_version) c) d
    WHERE r.id = d.id`.execute(db);
}

export interface ReviewInput {
  decision: 'confirmed' | 'dismissed' | 'open';
  reason?: string | undefined;
  userId: string;
}

/** Set a finding's review state; returns the row before and after (for the audit log), or null. */
export async function reviewDiagnostic(db: Executor, reportId: string, version: number, position: number, input: ReviewInput) {
  const before = await db
    .selectFrom('diagnostics')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .where('position', '=', position)
    .executeTakeFirst();
  if (!before) return null;
  const after = await db
    .updateTable('diagnostics')
    .set({
      state: input.decision,
      reason: input.decision === 'open' ? null : (input.reason ?? null),
      decided_by: input.decision === 'open' ? null : input.userId,
      decided_at: input.decision === 'open' ? null : new Date(),
    })
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .where('position', '=', position)
    .returningAll()
    .executeTakeFirstOrThrow();
  await refreshCounts(db, [reportId]);
  return { before, after };
}
