// Counting 表三 and 表四 from a generator's plans, another way than compileYear: no derivation,
// no model relation — the row of each outcome written by hand from workflow.md §1.3.

import { addDays, compareDates } from '../../src/cases/calendar/iso-date.ts';

/** workflow.md §1.3: the 表三 row of each outcome (2021 format); in 2019 the （六） rows are one row, `other`. */
export const ROW_2021: Record<string, string> = {
  granted: 'granted',
  already_published: 'granted',
  partial: 'partial',
  withheld_state_secret: 'withheld_state_secret',
  withheld_law_prohibited: 'withheld_law_prohibited',
  withheld_security_stability: 'withheld_security_stability',
  withheld_third_party: 'withheld_third_party',
  withheld_internal_affairs: 'withheld_internal_affairs',
  withheld_process_info: 'withheld_process_info',
  withheld_enforcement_file: 'withheld_enforcement_file',
  withheld_admin_query: 'withheld_admin_query',
  unable_not_held: 'unable_not_held',
  not_this_agency: 'unable_not_held',
  unable_needs_creation: 'unable_needs_creation',
  unable_unclear: 'unable_unclear',
  not_processed_petition: 'not_processed_petition',
  not_processed_duplicate: 'not_processed_duplicate',
  not_processed_publication: 'not_processed_publication',
  not_processed_mass_repeat: 'not_processed_mass_repeat',
  not_processed_confirm_reissue: 'not_processed_confirm_reissue',
  other_no_correction: 'other_no_correction',
  other_fee_unpaid: 'other_fee_unpaid',
  other_other: 'other_other',
  withdrawn: 'other_other',
};
export interface CountedPlan {
  column: string;
  receivedOn: string;
  /** undefined: split (not counted itself). */
  outcome?: string;
  endOn?: string;
  reviews: { filedOn: string; kind: string; result?: string; decidedOn?: string }[];
}

/** The tables counted straight from the plans: no derivation, no model relation. */
export function countFromPlans(plans: CountedPlan[], year: number): { t3: Record<string, Record<string, number>>; t4: Record<string, Record<string, number>> } {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const t3: Record<string, Record<string, number>> = {};
  const t4: Record<string, Record<string, number>> = {};
  const bump = (t: Record<string, Record<string, number>>, row: string, col: string) => {
    t[row] ??= {};
    t[row][col] = (t[row][col] ?? 0) + 1;
    t[row].total = (t[row].total ?? 0) + 1;
  };
  for (const p of plans) {
    if (!p.outcome || compareDates(p.receivedOn, end) > 0) continue;
    // 表四: reviews filed in the year, whenever the case itself ended.
    for (const rv of p.reviews) {
      if (compareDates(rv.filedOn, start) < 0 || compareDates(rv.filedOn, end) > 0) continue;
      bump(t4, rv.kind, rv.decidedOn && compareDates(rv.decidedOn, end) <= 0 ? rv.result! : 'pending');
    }
    const endedBy = (d: string) => p.endOn !== undefined && compareDates(p.endOn, d) <= 0;
    if (compareDates(p.receivedOn, start) >= 0) bump(t3, 'new_received', p.column);
    else if (!endedBy(addDays(start, -1))) bump(t3, 'carried_over', p.column);
    else continue;
    if (endedBy(end)) {
      bump(t3, ROW_2021[p.outcome], p.column);
      bump(t3, 'results_total', p.column);
    } else bump(t3, 'carried_forward', p.column);
  }
  return { t3, t4 };
}

