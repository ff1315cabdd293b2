// The demo agency's case ledger for `gongkai start`: a generated year of cases (src/demo/cases.ts)
// written through the same store functions as the API (every action checked by the domain),
// marked demo, with the agency's remedies paragraph set so that its letters can be printed.

import type { CaseAction } from '../cases/actions.ts';
import type { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { appendCaseAction } from '../store/case-actions.ts';
import { NO_SETTINGS, saveCaseSettings } from '../store/case-settings.ts';
import { loadCalendar } from '../store/calendar.ts';
import { newId } from '../store/ids.ts';
import { registerCase, splitCase } from '../store/intake.ts';
import type { Store } from '../store/open.ts';
import { fileReview } from '../store/reviews.ts';
import type { Executor } from '../store/bulk.ts';
import { generateCaseYear, lastDate, type Step } from './cases.ts';

export const DEMO_CASE_YEAR = 2025;
export const DEMO_CASE_COUNT = 240;
export const DEMO_CASE_SEED = 20250101;
const BY = '示例：登记员';

async function applySteps(db: Executor, caseId: string, agencyId: string, steps: Step[], opts: { calendar: WorkCalendar; today: string }): Promise<void> {
  for (const s of steps) {
    if (s.kind === 'action') {
      const action = { ...s.action, id: newId(), by: BY, ...(s.action.type === 'extension_approved' ? { approver: '示例：负责人' } : {}) } as unknown as CaseAction;
      await appendCaseAction(db, caseId, action, { ...opts, userId: null });
    } else {
      const recordId = await fileReview(db, { caseId, agencyId, kind: s.review.kind, body: s.review.body, on: s.review.on, by: BY, userId: null }, opts);
      if (s.decision) {
        await appendCaseAction(db, caseId, { type: 'review_decided', id: newId(), on: s.decision.on, by: BY, recordId, result: s.decision.result }, { ...opts, userId: null });
      }
    }
  }
}

/** Write the demo year of cases for the agency (returns how many cases were made). */
export async function loadDemoLedger(store: Store, agencyId: string): Promise<number> {
  const calendar = await loadCalendar(store.db);
  const scripts = generateCaseYear(DEMO_CASE_SEED, DEMO_CASE_YEAR, DEMO_CASE_COUNT, calendar);
  const today = lastDate(scripts);
  let n = 0;
  await store.db.transaction().execute(async (tx) => {
    await saveCaseSettings(tx, agencyId, { ...NO_SETTINGS, review_body: '云岫市人民政府', court: '云岫市东湖区人民法院', contact_person: '示例：政务公开科', contact_phone: '0999-1234567' }, null);
    for (const [i, s] of scripts.entries()) {
      const reg = await registerCase(tx, {
        agencyId,
        channel: s.registration.channel,
        on: s.registration.on,
        confirmedOn: s.registration.confirmed_on,
        applicant: s.registration.applicant,
        request: s.registration.request,
        by: BY,
        userId: null,
        source: s.registration.channel === 'online' ? 'online' : 'staff',
        today,
        calendar,
        demo: true,
        receiptNumber: `YSQ${s.registration.on.slice(0, 4)}-DEMO${String(i + 1).padStart(4, '0')}`,
        queryCode: `DEMO${String(i + 1).padStart(4, '0')}`,
      });
      n++;
      if (s.split) {
        const parts = await splitCase(tx, reg.id, s.split.parts, { by: BY, userId: null, on: s.split.on, today, calendar });
        for (const [k, p] of parts.entries()) await applySteps(tx, p.id, agencyId, s.split.parts[k].steps, { calendar, today });
        n += parts.length;
      } else {
        await applySteps(tx, reg.id, agencyId, s.steps, { calendar, today });
      }
    }
  });
  return n;
}
