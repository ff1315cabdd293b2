// Appending an action to a case: under a lock on the case row (the check reads the whole list),
// validated by the domain (appendAction: the schema, then the case replayed with it), written
// as the next row of case_actions with its warnings. Nothing is ever updated or deleted.

import { sql } from 'kysely';
import type { CaseAction } from '../cases/actions.ts';
import type { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { appendAction, type CaseView } from '../cases/derive.ts';
import type { Executor } from './bulk.ts';
import { loadCase, storedAction, type StoredCase } from './cases.ts';

export class ActionRefused extends Error {
  readonly errors: string[];
  constructor(errors: string[]) {
    super(errors.join('；'));
    this.errors = errors;
  }
}

export interface Appended {
  case: StoredCase;
  action: CaseAction;
  warnings: string[];
  view: CaseView;
}

/** Lock the case row for the rest of the transaction. */
export async function lockCase(db: Executor, caseId: string): Promise<void> {
  await sql`SELECT id FROM cases WHERE id = ${caseId} FOR UPDATE`.execute(db);
}

/**
 * Append `next` to the case (inside the caller's transaction). Throws ActionRefused with the
 * domain's Chinese errors; returns the case as it is now.
 */
export async function appendCaseAction(db: Executor, caseId: string, next: CaseAction, opts: { calendar: WorkCalendar; today: string; userId: string | null }): Promise<Appended> {
  await lockCase(db, caseId);
  const c = await loadCase(db, caseId);
  if (!c) throw new ActionRefused(['案件不存在']);
  if (c.actions.some((a) => a.id === next.id)) throw new ActionRefused([`记录编号 ${next.id} 已被使用`]);
  const result = appendAction(c.actions, next, opts.calendar, { today: opts.today, policy: c.policy });
  if (!result.ok) throw new ActionRefused(result.errors);
  const seq = c.actions.length + 1;
  await db
    .insertInto('case_actions')
    .values({ case_id: caseId, seq, action: JSON.stringify(storedAction(next)), warnings: JSON.stringify(result.warnings), recorded_by: opts.userId })
    .execute();
  const warnings = { ...c.warnings, ...(result.warnings.length ? { [next.id]: result.warnings } : {}) };
  return { case: { ...c, actions: result.actions, warnings }, action: next, warnings: result.warnings, view: result.view! };
}
