// What the case routes share: the staff viewer with their case roles, the case if they may see
// it (404 otherwise: another agency's case is not disclosed), the agency a list is for, and the
// domain's refusals turned into Chinese API errors.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CalendarError } from '../cases/calendar/work-calendar.ts';
import { LetterError } from '../cases/letters/templates.ts';
import type { CaseAction } from '../cases/actions.ts';
import { appendRefusal, canSeeCases, handlesCase, type StaffViewer } from '../store/case-access.ts';
import { ActionRefused } from '../store/case-actions.ts';
import { loadCase, type StoredCase } from '../store/cases.ts';
import { CalendarDataError } from '../store/calendar.ts';
import { recordAudit } from '../store/audit.ts';
import { HttpError, auditUser, badRequest, forbidden, notFound, signedIn } from './context.ts';

/** The signed-in user with their case roles and display name (read fresh: roles change). */
export async function staffViewer(app: FastifyInstance, req: FastifyRequest): Promise<StaffViewer> {
  const v = signedIn(req);
  const u = await app.store.db.selectFrom('users').select(['case_roles', 'display_name']).where('id', '=', v.userId).executeTakeFirstOrThrow();
  return { ...v, caseRoles: u.case_roles, displayName: u.display_name };
}

/** Staff of an agency with a case role, or the administrator. */
export async function caseStaff(app: FastifyInstance, req: FastifyRequest): Promise<StaffViewer> {
  const v = await staffViewer(app, req);
  if (v.role === 'admin') return v;
  if (v.role !== 'agency' || !v.caseRoles.length) throw forbidden('只有具有案件台账角色（登记员、承办人、审核人、负责人）的机关工作人员可以查看和办理依申请公开案件');
  return v;
}

/** The agency a list or a year is for: staff's own; an administrator names one. */
export function agencyOf(v: StaffViewer, requested: string | undefined): string {
  if (v.role === 'admin') {
    if (!requested) throw badRequest('请用参数 agency 指定机关');
    return requested;
  }
  if (requested && requested !== v.agencyId) throw notFound('机关的案件');
  return v.agencyId!;
}

export async function visibleCase(app: FastifyInstance, v: StaffViewer, id: string): Promise<StoredCase> {
  const c = await loadCase(app.store.db, id);
  if (!c || !canSeeCases(v, c.row.agency_id)) throw notFound('案件');
  return c;
}

/** Agency staff only (the administrator reads, but does not act in an agency's cases). */
export function mustBeAgencyStaff(v: StaffViewer): void {
  if (v.role !== 'agency') throw forbidden('只有本机关的工作人员可以办理案件');
}

/** The case an agency's staff member acts in: a case role, the case visible to them, agency staff. */
export async function actingStaff(app: FastifyInstance, req: FastifyRequest, id: string): Promise<{ v: StaffViewer; c: StoredCase }> {
  const v = await caseStaff(app, req);
  const c = await visibleCase(app, v, id);
  mustBeAgencyStaff(v);
  return { v, c };
}

/** 403 with the reason when the staff member's case roles do not allow this action. */
export function mustMayAppend(v: StaffViewer, action: Pick<CaseAction, 'type'> & { outcome?: unknown }): void {
  const refusal = appendRefusal(v, action);
  if (refusal) throw new HttpError(403, 'forbidden', refusal);
}

/** Domain refusals as 400/422 with the Chinese reasons. */
export function asHttpError(e: unknown): never {
  if (e instanceof ActionRefused) throw new HttpError(422, 'refused', e.message);
  if (e instanceof LetterError) throw new HttpError(422, 'letter_invalid', e.message);
  if (e instanceof CalendarDataError || e instanceof CalendarError) throw new HttpError(422, 'calendar_invalid', e.message);
  throw e;
}

export const caseErrors = {
  422: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
} as const;

/** Every view of an applicant's identity or contact goes to the audit log. */
export async function logPersonalView(app: FastifyInstance, req: FastifyRequest, c: StoredCase, what: string): Promise<void> {
  await recordAudit(app.store.db, { user: auditUser(req), action: 'view_personal_data', entity: 'case', entityId: c.row.id, newValue: { what, receipt_number: c.row.receipt_number }, ip: req.ip });
}

export function mustHandle(v: StaffViewer, c: StoredCase): void {
  if (!handlesCase(v, c.row)) throw new HttpError(403, 'forbidden', '申请人的身份和联系方式只向办理本案的工作人员（承办人、登记人、审核人、负责人）显示');
}
