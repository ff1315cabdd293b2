// Who may do what in the case ledger, and what personal data they see. An agency's staff see
// only their agency's cases (an administrator sees all, for support, masked). Case roles:
// 登记员 registers and records receipt-side events, 承办人 handles the case, 审核人 reviews,
// 负责人 approves extensions and refusals. The applicant's identity and contact are shown only
// to staff handling the case (its 承办人, the one who registered it, the agency's 审核人 and
// 负责人); everyone else, every list and every export gets them masked.

import type { ActionType, Applicant, CaseAction } from '../cases/actions.ts';
import { outcome } from '../cases/outcomes.ts';
import { CASE_ROLE_IDS, type CaseRole } from './schema.ts';
import type { Viewer } from './scope.ts';

export const CASE_ROLES: Record<CaseRole, string> = { registrar: '登记员', handler: '承办人', reviewer: '审核人', head: '负责人' };

export type StaffViewer = Extract<Viewer, { userId: string }> & { caseRoles: CaseRole[]; displayName: string };

/** The cases of an agency are for its own staff with a case role (and the administrator). */
export function canSeeCases(v: StaffViewer, agencyId: string): boolean {
  if (v.role === 'admin') return true;
  return v.role === 'agency' && v.agencyId === agencyId && v.caseRoles.length > 0;
}

/** Unmasked identity and contact: staff handling this case. */
export function handlesCase(v: StaffViewer, c: { agency_id: string; handler_id: string | null; created_by: string | null }): boolean {
  if (v.role !== 'agency' || v.agencyId !== c.agency_id) return false;
  return c.handler_id === v.userId || c.created_by === v.userId || v.caseRoles.includes('head') || v.caseRoles.includes('reviewer');
}

const RECEIPT_SIDE = new Set<ActionType>(['received', 'split', 'correction_received', 'withdrawn', 'fee_paid', 'delivered', 'archived']);
const ALL: CaseRole[] = [...CASE_ROLE_IDS];
const HANDLING: CaseRole[] = ['handler', 'reviewer', 'head'];

/** Replies that refuse (wholly or in part) need the 负责人: 不予公开, 部分公开 and 不予处理. */
export function isRefusal(outcomeId: string): boolean {
  return outcomeId === 'partial' || outcomeId.startsWith('withheld_') || outcomeId.startsWith('not_processed_') || outcome(outcomeId).via !== 'reply';
}

/** The roles that may record an action (null: anyone with a case role). */
export function rolesFor(a: Pick<CaseAction, 'type'> & { outcome?: unknown }): CaseRole[] {
  if (a.type === 'extension_approved') return ['head'];
  if (a.type === 'reply_sent' && typeof a.outcome === 'string' && safeRefusal(a.outcome)) return ['head'];
  return RECEIPT_SIDE.has(a.type) ? ALL : HANDLING;
}

function safeRefusal(id: string): boolean {
  try {
    return isRefusal(id);
  } catch {
    return false; // an unknown outcome is refused by the schema with its own message
  }
}

/** Null when the viewer may record the action, otherwise why not (Chinese). */
export function appendRefusal(v: StaffViewer, a: Pick<CaseAction, 'type'> & { outcome?: unknown }): string | null {
  const need = rolesFor(a);
  if (v.caseRoles.some((r) => need.includes(r))) return null;
  const what = a.type === 'extension_approved' ? '批准延期' : a.type === 'reply_sent' ? '作出不予公开、部分公开或不予处理的答复' : '登记此类记录';
  return `${what}需要以下角色之一：${need.map((r) => CASE_ROLES[r]).join('、')}`;
}

// Masking: enough to recognise, not enough to use.
function keep(s: string, head: number, tail: number): string {
  const chars = [...s];
  if (chars.length <= head + tail) return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

export function maskName(name: string): string {
  const chars = [...name];
  // Organisations keep their name's start (the register is public); people their surname.
  return chars.length > 6 ? keep(name, 4, 2) : chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** The applicant with identity and contact masked (lists, exports, staff not handling the case). */
export function maskApplicant(a: Applicant): Applicant {
  return {
    type: a.type,
    name: maskName(a.name),
    ...(a.idKind ? { idKind: a.idKind } : {}),
    ...(a.idNumber ? { idNumber: keep(a.idNumber, 3, 2) } : {}),
    ...(a.contactPerson ? { contactPerson: maskName(a.contactPerson) } : {}),
    ...(a.phone ? { phone: keep(a.phone, 3, 2) } : {}),
    ...(a.email ? { email: a.email.replace(/^([^@]).*@/, '$1***@') } : {}),
    ...(a.address ? { address: keep(a.address, 6, 0) } : {}),
    ...(a.postcode ? { postcode: keep(a.postcode, 2, 0) } : {}),
  };
}

/** The actions with the applicant of `received` masked. */
export function maskActions(actions: CaseAction[]): CaseAction[] {
  return actions.map((a) => (a.type === 'received' ? { ...a, applicant: maskApplicant(a.applicant) } : a));
}
