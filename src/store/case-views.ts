// What staff and applicants are shown of a case, derived each time from its actions and the
// calendar as the database has it: stage, due date with its basis, urgency and alerts. Lists
// carry the applicant masked; the full applicant is given only by case-access rules (and the
// route logs that view).

import { ACTION_LABELS, type CaseAction } from '../cases/actions.ts';
import { chineseDate, compareDates } from '../cases/calendar/iso-date.ts';
import type { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { classifyCase, replyTime, type Classification, type ReplyTime } from '../cases/deadlines.ts';
import { deriveCase, type CaseView } from '../cases/derive.ts';
import { applicantTypeLabel, applicantTypes } from '../cases/identity.ts';
import { outcome } from '../cases/outcomes.ts';
import { maskApplicant, maskActions } from './case-access.ts';
import type { StoredCase } from './cases.ts';

export interface CaseSummary {
  id: string;
  receipt_number: string;
  agency_id: string;
  handler_id: string | null;
  source: string;
  split_from: string | null;
  demo: boolean;
  received_on: string;
  applicant_type: string;
  applicant_type_label: string;
  /** Masked name. */
  applicant: string;
  description: string;
  stage: string;
  stage_label: string;
  open: boolean;
  due: string | null;
  due_label: string | null;
  provisional: boolean;
  basis: string[];
  urgency: Classification['urgency'];
  urgency_label: string;
  working_days_left: number | null;
  alerts: string[];
  outcome: string | null;
  outcome_label: string | null;
  concluded_on: string | null;
  error_count: number;
}

const typeLabels = () => new Map(applicantTypes().map((c) => [c.id, applicantTypeLabel(c)]));

export function viewOf(c: StoredCase, calendar: WorkCalendar, today: string): CaseView {
  return deriveCase(c.actions, calendar, { today, policy: c.policy });
}

export function summarize(c: StoredCase, calendar: WorkCalendar, today: string, view = viewOf(c, calendar, today)): CaseSummary {
  const k = classifyCase(view, calendar, c.policy);
  const d = view.deadline;
  const received = view.received;
  return {
    id: c.row.id,
    receipt_number: c.row.receipt_number,
    agency_id: c.row.agency_id,
    handler_id: c.row.handler_id,
    source: c.row.source,
    split_from: c.row.split_from,
    demo: c.row.demo,
    received_on: view.receivedOn ?? c.row.received_on,
    applicant_type: c.applicant.type,
    applicant_type_label: typeLabels().get(c.applicant.type) ?? c.applicant.type,
    applicant: maskApplicant(c.applicant).name,
    description: received?.request.description ?? '',
    stage: view.stage,
    stage_label: view.stageLabel,
    open: view.open,
    due: d && view.open ? d.due : null,
    due_label: d && view.open ? `${chineseDate(d.due)}${d.provisional ? '（暂定）' : ''}` : null,
    provisional: !!d?.provisional,
    basis: d?.basis ?? [],
    urgency: k.urgency,
    urgency_label: k.label,
    working_days_left: k.workingDaysLeft ?? null,
    alerts: k.alerts,
    outcome: view.outcome ?? null,
    outcome_label: view.outcome ? outcome(view.outcome).label : null,
    concluded_on: view.concludedOn ?? null,
    error_count: view.problems.filter((p) => p.severity === 'error').length,
  };
}

/** The whole case for staff: summary, actions (applicant masked unless `unmasked`), state, problems. */
export function caseDetail(c: StoredCase, calendar: WorkCalendar, today: string, unmasked: boolean) {
  const view = viewOf(c, calendar, today);
  const time: ReplyTime | undefined = replyTime(view, calendar);
  return {
    case: summarize(c, calendar, today, view),
    applicant: unmasked ? c.applicant : maskApplicant(c.applicant),
    applicant_masked: !unmasked,
    actions: (unmasked ? c.actions : maskActions(c.actions)).map((a: CaseAction) => ({ ...a, label: ACTION_LABELS[a.type], warnings: c.warnings[a.id] ?? [] })),
    voided: view.voided.map((v) => ({ target: v.action.id, by: v.by.id, reason: v.by.reason })),
    problems: view.problems,
    deadline: view.deadline ?? null,
    correction: view.correction ?? null,
    consultations: view.consultations,
    extension: view.extension ?? null,
    fee: view.fee ?? null,
    reviews: view.reviews,
    split_into: view.splitInto ?? [],
    reply_time: time ?? null,
  };
}

/** What the applicant sees when following the case with the receipt number and query code. */
export function publicStatus(c: StoredCase, calendar: WorkCalendar, today: string, agencyName: string, parts: { receipt_number: string }[]) {
  const view = viewOf(c, calendar, today);
  const steps = view.actions
    .filter((a) => !['review_filed', 'review_decided', 'voided', 'archived'].includes(a.type))
    .map((a) => ({ on: a.on, label: ACTION_LABELS[a.type] }));
  return {
    receipt_number: c.row.receipt_number,
    agency: agencyName,
    received_on: view.receivedOn ?? c.row.received_on,
    stage_label: view.stageLabel,
    open: view.open,
    due: view.open && view.deadline ? view.deadline.due : null,
    due_provisional: !!view.deadline?.provisional,
    correction_due_by: view.correction && !view.correction.receivedOn ? view.correction.dueBy : null,
    fee: view.fee && !view.fee.paidOn ? { amount: view.fee.amount, pay_by: view.fee.payBy } : null,
    outcome_label: view.outcome ? outcome(view.outcome).label : null,
    concluded_on: view.concludedOn ?? null,
    split_into: parts.map((p) => p.receipt_number),
    steps,
  };
}

/** Sort for work lists: overdue first, then by due date. */
export function byUrgency(a: CaseSummary, b: CaseSummary): number {
  const rank = { overdue: 0, due_soon: 1, on_track: 2, waiting_applicant: 3, closed: 4 } as const;
  return rank[a.urgency] - rank[b.urgency] || compareDates(a.due ?? '9999-12-31', b.due ?? '9999-12-31') || a.receipt_number.localeCompare(b.receipt_number);
}

/** The columns of the case export (CSV): the applicant masked, as in lists. */
export const CASE_EXPORT_COLUMNS: { key: keyof CaseSummary; label: string }[] = [
  { key: 'receipt_number', label: '受理编号' },
  { key: 'received_on', label: '收到申请日期' },
  { key: 'applicant_type_label', label: '申请人类别' },
  { key: 'applicant', label: '申请人（已遮蔽）' },
  { key: 'description', label: '申请内容' },
  { key: 'stage_label', label: '办理阶段' },
  { key: 'due', label: '答复期限' },
  { key: 'urgency_label', label: '期限状态' },
  { key: 'outcome_label', label: '办理结果' },
  { key: 'concluded_on', label: '办结日期' },
];
