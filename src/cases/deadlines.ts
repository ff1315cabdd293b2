// The reply deadline of a case and its basis in Chinese: received on …, +20 working days, +N
// paused for consultation or fee, extended by …, restarted by 补正 — computed from the case's
// state and the calendar each time it is asked for. Also the due-soon / overdue classification
// and the reply time of a concluded case.

import { CHANNELS } from './actions.ts';
import { chineseDate, compareDates, daysBetween, weekdayName, type IsoDate } from './calendar/iso-date.ts';
import type { WorkCalendar } from './calendar/work-calendar.ts';
import type { CaseState, CaseView } from './derive.ts';
import { DEFAULT_POLICY, type CasePolicy } from './policy.ts';

export interface Deadline {
  /** The day the reply period counts from (receipt, or receipt of the 补正). */
  start: IsoDate;
  due: IsoDate;
  /** Some day counted lies in a year whose holiday notice is not out yet. */
  provisional: boolean;
  provisionalYears: number[];
  replyWorkingDays: number;
  extensionWorkingDays: number;
  pausedWorkingDays: number;
  /** A pause is running: `due` assumes it lasts its full period. */
  pausing: boolean;
  /** How the date was reached, line by line, in Chinese. */
  basis: string[];
}

interface Pause {
  from: IsoDate;
  to: IsoDate;
  running: boolean;
  describe: (days: number) => string;
}

const PARTY = { third_party: '第三方（条例第三十二条）', co_producer: '共同制作机关（条例第三十四条）' } as const;

function pauses(s: CaseState, start: IsoDate, asOf: IsoDate, policy: CasePolicy): Pause[] {
  const out: Pause[] = [];
  for (const c of s.consultations) {
    if (compareDates(c.sentOn, start) < 0) continue;
    const answered = c.answeredOn && compareDates(c.answeredOn, asOf) <= 0 ? c.answeredOn : undefined;
    const to = answered && compareDates(answered, c.periodEnds) < 0 ? answered : c.periodEnds;
    const running = !answered && compareDates(asOf, c.periodEnds) < 0;
    out.push({
      from: c.sentOn,
      to,
      running,
      describe: (n) =>
        running
          ? `${chineseDate(c.sentOn)}征求${c.partyName}意见（${PARTY[c.party]}），尚未答复，按 ${policy.consultationWorkingDays} 个工作日的征求期计，暂停 ${n} 个工作日（不计入答复期限，条例第三十三条第三款）`
          : `${chineseDate(c.sentOn)}征求${c.partyName}意见（${PARTY[c.party]}），${answered ? `${chineseDate(answered)}收到意见` : `至${chineseDate(c.periodEnds)}期满未答复`}，暂停 ${n} 个工作日（不计入答复期限，条例第三十三条第三款）`,
    });
  }
  const f = s.fee;
  if (policy.pauseWhileAwaitingFee && f && compareDates(f.sentOn, start) >= 0) {
    const paid = f.paidOn && compareDates(f.paidOn, asOf) <= 0 ? f.paidOn : undefined;
    const running = !paid && compareDates(asOf, f.payBy) <= 0;
    out.push({
      from: f.sentOn,
      to: paid ?? f.payBy,
      running,
      describe: (n) =>
        paid
          ? `${chineseDate(f.sentOn)}发出收费通知，${chineseDate(paid)}缴费，暂停 ${n} 个工作日`
          : `${chineseDate(f.sentOn)}发出收费通知，等待缴费（最迟 ${chineseDate(f.payBy)}），暂停 ${n} 个工作日`,
    });
  }
  return out;
}

/** The reply deadline as things stand at the end of `asOf`; undefined before receipt or while awaiting 补正. */
export function replyDeadline(s: CaseState, calendar: WorkCalendar, asOf: IsoDate, policy: CasePolicy = DEFAULT_POLICY): Deadline | undefined {
  if (!s.received || !s.receivedOn) return undefined;
  const c = s.correction;
  if (c && (!c.receivedOn || compareDates(c.receivedOn, asOf) > 0)) return undefined;
  const start = c?.receivedOn ?? s.receivedOn;
  const basis: string[] = [];
  const r = s.received;
  const how = CHANNELS[r.channel];
  basis.push(
    r.channel === 'online' || r.channel === 'fax' || (r.channel === 'ordinary_post' && r.confirmedOn === r.on)
      ? `${chineseDate(s.receivedOn)}收到申请（${how}，双方确认之日为收到之日，条例第三十一条）`
      : `${chineseDate(s.receivedOn)}收到申请（${how}，条例第三十一条）`,
  );
  if (c?.receivedOn) basis.push(`${chineseDate(c.requestedOn)}发出补正告知，${chineseDate(c.receivedOn)}收到补正，答复期限自收到补正之日重新计算（条例第三十条）`);
  const base = calendar.addWorkingDays(start, policy.replyWorkingDays);
  basis.push(`自${chineseDate(start)}次日起 ${policy.replyWorkingDays} 个工作日（条例第三十三条第二款）：${chineseDate(base.date)}`);

  const ps = pauses(s, start, asOf, policy);
  const pausedDays = new Set<IsoDate>();
  for (const p of ps) {
    const days = calendar.workingDaysIn(p.from, p.to);
    for (const d of days) pausedDays.add(d);
    basis.push(p.describe(days.length));
  }
  const ext = s.extension && compareDates(s.extension.approvedOn, asOf) <= 0 ? s.extension : undefined;
  if (ext) basis.push(`${chineseDate(ext.approvedOn)}经${ext.approver}批准延长 ${ext.workingDays} 个工作日（条例第三十三条第二款）`);
  const total = policy.replyWorkingDays + (ext?.workingDays ?? 0) + pausedDays.size;
  const due = calendar.addWorkingDays(start, total);
  const provisionalNote = due.provisional
    ? `（暂定：${due.provisionalYears.join('、')}年的节假日安排尚未公布，按法定节假日推算，公布后自动更新）`
    : '';
  basis.push(`答复期限：${chineseDate(due.date)}（${weekdayName(due.date)}）${provisionalNote}`);
  return {
    start,
    due: due.date,
    provisional: due.provisional,
    provisionalYears: due.provisionalYears,
    replyWorkingDays: policy.replyWorkingDays,
    extensionWorkingDays: ext?.workingDays ?? 0,
    pausedWorkingDays: pausedDays.size,
    pausing: ps.some((p) => p.running),
    basis,
  };
}

export type Urgency = 'overdue' | 'due_soon' | 'on_track' | 'waiting_applicant' | 'closed';

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: '已超期',
  due_soon: '即将到期',
  on_track: '期限内',
  waiting_applicant: '等待申请人',
  closed: '已办结',
};

export interface Classification {
  urgency: Urgency;
  label: string;
  /** Working days left until the due date (negative when overdue). */
  workingDaysLeft?: number;
  /** What staff should know or do, in Chinese. */
  alerts: string[];
}

/** Where an open case stands on its view's day: overdue, due soon, on track or waiting on the applicant. */
export function classifyCase(view: CaseView, calendar: WorkCalendar, policy: CasePolicy = DEFAULT_POLICY): Classification {
  const asOf = view.asOf;
  const make = (urgency: Urgency, alerts: string[], workingDaysLeft?: number): Classification => ({
    urgency,
    label: URGENCY_LABELS[urgency],
    ...(workingDaysLeft !== undefined ? { workingDaysLeft } : {}),
    alerts,
  });
  if (!view.open) return make('closed', []);
  if (view.stage === 'awaiting_correction') {
    const c = view.correction!;
    return make('waiting_applicant', compareDates(asOf, c.dueBy) > 0 ? [`补正期限 ${c.dueBy} 已过，申请人未补正：可按逾期不补正处理（条例第三十条）`] : [`等待申请人补正（期限 ${c.dueBy}）`]);
  }
  const d = view.deadline;
  if (!d) return make('on_track', []);
  const alerts: string[] = [];
  if (view.stage === 'awaiting_payment') alerts.push(`等待申请人缴费（最迟 ${view.fee!.payBy}），逾期视为撤回申请`);
  if (d.pausing) alerts.push('征求意见或缴费期间暂停计算，期限按最长暂停推算');
  if (d.provisional) alerts.push(`答复期限为暂定：${d.provisionalYears.join('、')}年的节假日安排尚未公布`);
  if (view.extension && !view.extension.notifiedOn) alerts.push('已批准延期，尚未告知申请人');
  if (compareDates(asOf, d.due) > 0) {
    const late = calendar.workingDaysBetween(d.due, asOf);
    return make('overdue', [`已超过答复期限 ${d.due}（${late} 个工作日）`, ...alerts], -late);
  }
  const left = calendar.workingDaysBetween(asOf, d.due);
  if (view.stage === 'awaiting_payment') return make('waiting_applicant', alerts, left);
  return make(left <= policy.dueSoonWorkingDays ? 'due_soon' : 'on_track', alerts, left);
}

export interface ReplyTime {
  /** Working days from the start of the period to the reply, pauses left out. */
  workingDays: number;
  /** Calendar days from receipt (first receipt, before any 补正) to conclusion. */
  calendarDays: number;
  /** The working days allowed (20, plus the extension). */
  allowedWorkingDays: number;
  withinDeadline: boolean;
}

/** How long a concluded case took; undefined while open or when it ended without a period (补正 never made). */
export function replyTime(view: CaseView, calendar: WorkCalendar): ReplyTime | undefined {
  if (!view.concludedOn || !view.receivedOn || !view.deadline) return undefined;
  const d = view.deadline;
  const end = view.concludedOn;
  return {
    workingDays: calendar.workingDaysBetween(d.start, end) - Math.min(d.pausedWorkingDays, calendar.workingDaysBetween(d.start, end)),
    calendarDays: daysBetween(view.receivedOn, end),
    allowedWorkingDays: d.replyWorkingDays + d.extensionWorkingDays,
    withinDeadline: compareDates(end, d.due) <= 0,
  };
}
