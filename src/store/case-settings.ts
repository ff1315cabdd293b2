// An agency's case settings: what its letters print (the remedies paragraph — which body hears a
// 行政复议, which court a 行政诉讼 — and the contact for applicants), and the two choices the rules
// leave open (CasePolicy): the law's periods themselves are not settings.

import type { AgencyProfile } from '../cases/letters/fill.ts';
import { DEFAULT_POLICY, type CasePolicy } from '../cases/policy.ts';
import type { Executor } from './bulk.ts';

export interface CaseSettings {
  review_body: string | null;
  court: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  /** Null: the national default (DEFAULT_POLICY). */
  pause_while_awaiting_fee: boolean | null;
  due_soon_working_days: number | null;
}

const COLUMNS = ['review_body', 'court', 'contact_person', 'contact_phone', 'pause_while_awaiting_fee', 'due_soon_working_days'] as const;
export const NO_SETTINGS: CaseSettings = { review_body: null, court: null, contact_person: null, contact_phone: null, pause_while_awaiting_fee: null, due_soon_working_days: null };

/** The agency's policy: the national defaults with its choices. */
export function policyOf(s: Pick<CaseSettings, 'pause_while_awaiting_fee' | 'due_soon_working_days'>): CasePolicy {
  return {
    ...DEFAULT_POLICY,
    ...(s.pause_while_awaiting_fee !== null ? { pauseWhileAwaitingFee: s.pause_while_awaiting_fee } : {}),
    ...(s.due_soon_working_days !== null ? { dueSoonWorkingDays: s.due_soon_working_days } : {}),
  };
}

export async function caseSettings(db: Executor, agencyId: string): Promise<CaseSettings> {
  const r = await db.selectFrom('agency_case_settings').select(COLUMNS).where('agency_id', '=', agencyId).executeTakeFirst();
  return r ?? NO_SETTINGS;
}

export async function saveCaseSettings(db: Executor, agencyId: string, s: CaseSettings, userId: string | null): Promise<void> {
  const row = { ...s, updated_by: userId, updated_at: new Date() };
  await db
    .insertInto('agency_case_settings')
    .values({ agency_id: agencyId, ...row })
    .onConflict((oc) => oc.column('agency_id').doUpdateSet(row))
    .execute();
}

/** The agency as its letters print it. */
export async function agencyProfile(db: Executor, agencyId: string): Promise<AgencyProfile> {
  const a = await db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow();
  const s = await caseSettings(db, agencyId);
  return {
    name: a.name,
    ...(s.review_body ? { reviewBody: s.review_body } : {}),
    ...(s.court ? { court: s.court } : {}),
    ...(s.contact_person ? { contactPerson: s.contact_person } : {}),
    ...(s.contact_phone ? { contactPhone: s.contact_phone } : {}),
  };
}
