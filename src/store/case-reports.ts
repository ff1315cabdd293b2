// Year-end and dashboard figures from the ledger: 表三/表四 of a year compiled from an agency's
// cases (with the cases behind each cell), the fees of a year (section 六), and reply times per
// agency (average and worst), all derived from the actions.

import { compileYear, type CompiledYear } from '../cases/compile.ts';
import type { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { replyTime } from '../cases/deadlines.ts';
import { deriveCase } from '../cases/derive.ts';
import { checkReport } from '../check/index.ts';
import type { StoredCase } from './cases.ts';

export interface LedgerYear extends CompiledYear {
  /** Case id → receipt number, for the cases listed behind the cells. */
  receipts: Record<string, string>;
  /** The checker's findings on 表三 and 表四 (none when the ledger is sound). */
  findings: { rule: string; severity: string; message: string }[];
}

const ledgerFinding = (d: { rule: string; cells?: string[] | undefined }) =>
  d.rule.startsWith('applications.') || d.rule.startsWith('review_litigation.') || !!d.cells?.some((a) => a.startsWith('applications.') || a.startsWith('review_litigation.'));

export function compileLedgerYear(cases: StoredCase[], opts: { year: number; calendar: WorkCalendar; agency: string; format?: string | undefined }): LedgerYear {
  const compiled = compileYear(
    cases.map((c) => ({ id: c.row.id, actions: c.actions })),
    // One agency's cases share its policy.
    { year: opts.year, calendar: opts.calendar, agency: opts.agency, ...(opts.format ? { format: opts.format } : {}), ...(cases[0] ? { policy: cases[0].policy } : {}) },
  );
  const findings = checkReport(compiled.report)
    .filter(ledgerFinding)
    .map((d) => ({ rule: d.rule, severity: d.severity, message: d.message }));
  return { ...compiled, receipts: Object.fromEntries(cases.map((c) => [c.row.id, c.row.receipt_number])), findings };
}

export interface FeeTotals {
  year: number;
  notices: number;
  noticed_amount: number;
  paid: number;
  paid_amount: number;
  by_method: Record<string, { paid: number; amount: number }>;
}

/** Fees of a year: notices sent in it, payments received in it (信息处理费, section 六). */
export function feeTotals(cases: StoredCase[], calendar: WorkCalendar, year: number, today: string): FeeTotals {
  const t: FeeTotals = { year, notices: 0, noticed_amount: 0, paid: 0, paid_amount: 0, by_method: {} };
  const inYear = (d: string | undefined) => !!d && d.startsWith(`${year}-`);
  for (const c of cases) {
    const f = deriveCase(c.actions, calendar, { today, policy: c.policy }).fee;
    if (!f) continue;
    if (inYear(f.sentOn)) {
      t.notices++;
      t.noticed_amount += f.amount;
    }
    if (inYear(f.paidOn)) {
      t.paid++;
      t.paid_amount += f.amount;
      const m = (t.by_method[f.method] ??= { paid: 0, amount: 0 });
      m.paid++;
      m.amount += f.amount;
    }
  }
  return t;
}

export interface ReplyTimes {
  agency_id: string;
  concluded: number;
  average_working_days: number | null;
  worst_working_days: number | null;
  worst_case: string | null;
  late: number;
}

/** Reply times of the cases concluded in a year (or all), per agency. */
export function replyTimes(cases: StoredCase[], calendar: WorkCalendar, today: string, year?: number): ReplyTimes[] {
  const by = new Map<string, ReplyTimes & { sum: number }>();
  for (const c of cases) {
    const view = deriveCase(c.actions, calendar, { today, policy: c.policy });
    if (year !== undefined && !view.concludedOn?.startsWith(`${year}-`)) continue;
    const t = replyTime(view, calendar);
    let r = by.get(c.row.agency_id);
    if (!r) by.set(c.row.agency_id, (r = { agency_id: c.row.agency_id, concluded: 0, average_working_days: null, worst_working_days: null, worst_case: null, late: 0, sum: 0 }));
    if (!t) continue;
    r.concluded++;
    r.sum += t.workingDays;
    if (!t.withinDeadline) r.late++;
    if (r.worst_working_days === null || t.workingDays > r.worst_working_days) {
      r.worst_working_days = t.workingDays;
      r.worst_case = c.row.receipt_number;
    }
  }
  return [...by.values()].map(({ sum, ...r }) => ({ ...r, average_working_days: r.concluded ? Math.round((sum / r.concluded) * 10) / 10 : null }));
}
