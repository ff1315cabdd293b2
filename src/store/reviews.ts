// 行政复议 / 行政诉讼 records linked to the case they concern. Filing one appends the case's
// `review_filed` action and writes the record in the same transaction; its result is the case's
// `review_decided` action, so 表四 and this list read the same facts.

import type { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { deriveCase } from '../cases/derive.ts';
import type { Executor } from './bulk.ts';
import { appendCaseAction } from './case-actions.ts';
import { newId } from './ids.ts';
import type { CaseReviewsTable } from './schema.ts';

export interface NewReview {
  caseId: string;
  agencyId: string;
  kind: CaseReviewsTable['kind'];
  body: string;
  caseNumber?: string | undefined;
  on: string;
  by: string;
  userId: string | null;
  note?: string | undefined;
}

export async function fileReview(db: Executor, r: NewReview, opts: { calendar: WorkCalendar; today: string }): Promise<string> {
  const id = newId();
  await appendCaseAction(
    db,
    r.caseId,
    { type: 'review_filed', id: newId(), on: r.on, by: r.by, at: new Date().toISOString(), recordId: id, kind: r.kind, body: r.body, ...(r.caseNumber ? { caseNumber: r.caseNumber } : {}), ...(r.note ? { note: r.note } : {}) },
    { ...opts, userId: r.userId },
  );
  await db
    .insertInto('case_reviews')
    .values({ id, case_id: r.caseId, agency_id: r.agencyId, kind: r.kind, body: r.body, case_number: r.caseNumber ?? null, filed_on: r.on, created_by: r.userId })
    .execute();
  return id;
}

/** The review records of an agency (optionally filed in a year), each with its result as the case's actions say. */
export async function listReviews(db: Executor, agencyId: string, opts: { year?: number | undefined; calendar: WorkCalendar; today: string }) {
  let q = db
    .selectFrom('case_reviews as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.case_id', 'c.receipt_number', 'r.kind', 'r.body', 'r.case_number', 'r.filed_on'])
    .where('r.agency_id', '=', agencyId);
  if (opts.year) q = q.where('r.filed_on', '>=', `${opts.year}-01-01`).where('r.filed_on', '<=', `${opts.year}-12-31`);
  const rows = await q.orderBy('r.filed_on').orderBy('r.id').execute();
  const caseIds = [...new Set(rows.map((r) => r.case_id))];
  const actions = caseIds.length ? await db.selectFrom('case_actions').select(['case_id', 'action']).where('case_id', 'in', caseIds).orderBy('case_id').orderBy('seq').execute() : [];
  const results = new Map<string, { result?: string; decidedOn?: string }>();
  for (const id of caseIds) {
    // Reviews need no personal data: derive from the actions as stored.
    const list = actions.filter((a) => a.case_id === id).map((a) => a.action);
    for (const rv of deriveCase(list, opts.calendar, { today: opts.today }).reviews) results.set(rv.recordId, { ...(rv.result ? { result: rv.result } : {}), ...(rv.decidedOn ? { decidedOn: rv.decidedOn } : {}) });
  }
  return rows.map((r) => ({ ...r, result: results.get(r.id)?.result ?? null, decided_on: results.get(r.id)?.decidedOn ?? null }));
}
