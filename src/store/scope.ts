// Who sees and changes what. A viewer is anonymous (public), an admin, a supervisor of a region
// (a GB/T 2260 prefix: '34' = 安徽省, '3401' = 合肥市, and everything under it), or agency staff
// (their own agency). The public sees published reports only; staff and supervisors see theirs
// and the published ones; only the admin sees reports whose agency is not decided yet besides
// the user who imported them.

import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database, Role } from './schema.ts';

export type Viewer =
  | { role: 'public' }
  | { role: Role; userId: string; login: string; regionPrefix: string | null; agencyId: string | null };

export const PUBLIC: Viewer = { role: 'public' };

type ReportsWithAgency = ExpressionBuilder<Database & { a: Database['agencies']; r: Database['reports'] }, 'r' | 'a'>;

/** SQL condition on `reports r LEFT JOIN agencies a`: the viewer may read the report. */
export function canReadExpr(eb: ReportsWithAgency, viewer: Viewer): Expression<SqlBool> {
  if (viewer.role === 'admin') return sql<SqlBool>`true`;
  const published = eb('r.published', '=', true);
  if (viewer.role === 'public') return published;
  const own =
    viewer.role === 'supervisor'
      ? eb('a.region_code', 'like', `${viewer.regionPrefix ?? ''}%`)
      : eb('r.agency_id', '=', viewer.agencyId ?? '00000000-0000-0000-0000-000000000000');
  return eb.or([published, own]);
}

export interface ReportScope {
  agency_id: string | null;
  region_code: string | null;
  published: boolean;
}

/** May the viewer read this report? */
export function canRead(viewer: Viewer, r: ReportScope): boolean {
  return r.published || canWrite(viewer, r);
}

/** May the viewer change this report (review findings, correct values, publish)? */
export function canWrite(viewer: Viewer, r: ReportScope): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return !!r.region_code && r.region_code.startsWith(viewer.regionPrefix ?? '\u0000');
    case 'agency':
      return !!r.agency_id && r.agency_id === viewer.agencyId;
    default:
      return false;
  }
}

/** Review decisions (confirm / dismiss a finding) and publishing are for admins and supervisors. */
export function canReview(viewer: Viewer, r: ReportScope): boolean {
  return (viewer.role === 'admin' || viewer.role === 'supervisor') && canWrite(viewer, r);
}
