// A case's state, derived by replaying its actions in order against the working-day calendar.
// Nothing here is stored: the same actions and a changed calendar give changed deadlines. Each
// step checks that the action may happen now (Chinese messages, by action id): an `error` makes
// appendAction refuse the action, a `warning` is recorded beside it (a late reply stays on
// record as late).

import { ACTION_LABELS, CHANNELS, type ActionOf, type CaseAction } from './actions.ts';
import { addDays, chineseDate, compareDates, isIsoDate, todayInChina, type IsoDate } from './calendar/iso-date.ts';
import type { WorkCalendar } from './calendar/work-calendar.ts';
import { feeByPages, feeForApplication } from './fees.ts';
import { applicantTypes, checkCreditCode, checkResidentId } from './identity.ts';
import { outcome, type OutcomeVia } from './outcomes.ts';
import { DEFAULT_POLICY, type CasePolicy } from './policy.ts';
import { replyDeadline, type Deadline } from './deadlines.ts';
import { actionShapeProblems } from './schema.ts';
export interface Problem {
  /** The action concerned (null: the list as a whole). */
  actionId: string | null;
  severity: 'error' | 'warning';
  message: string;
}

export type Stage = 'processing' | 'awaiting_correction' | 'consulting' | 'awaiting_payment' | 'concluded' | 'superseded';

export const STAGE_LABELS: Record<Stage, string> = {
  processing: '办理中',
  awaiting_correction: '等待补正',
  consulting: '征求意见中',
  awaiting_payment: '等待缴费',
  concluded: '已办结',
  superseded: '已拆分',
};

export interface ConsultationState {
  id: string;
  party: 'third_party' | 'co_producer';
  partyName: string;
  sentOn: IsoDate;
  /** Last day of the party's period (15 working days after sending). */
  periodEnds: IsoDate;
  answeredOn?: IsoDate;
  answer?: 'agree' | 'object' | 'other';
}

export interface FeeState {
  method: 'per_application' | 'per_volume';
  quantity: number;
  amount: number;
  sentOn: IsoDate;
  receivedOn: IsoDate;
  /** Last day to pay. */
  payBy: IsoDate;
  paidOn?: IsoDate;
}

export interface ReviewState {
  recordId: string;
  kind: ActionOf<'review_filed'>['kind'];
  body: string;
  filedOn: IsoDate;
  result?: ActionOf<'review_decided'>['result'];
  decidedOn?: IsoDate;
}

/** What the replay knows about a case after some of its actions. */
export interface CaseState {
  received?: ActionOf<'received'>;
  /** The day that counts as receipt (art. 31). */
  receivedOn?: IsoDate;
  correction?: { requestedOn: IsoDate; dueBy: IsoDate; receivedOn?: IsoDate };
  consultations: ConsultationState[];
  extension?: { approvedOn: IsoDate; approver: string; workingDays: number; notifiedOn?: IsoDate };
  fee?: FeeState;
  outcome?: string;
  concludedOn?: IsoDate;
  concludedVia?: OutcomeVia;
  repliedOn?: IsoDate;
  stoppedOn?: IsoDate;
  deliveredOn?: IsoDate;
  archivedOn?: IsoDate;
  splitInto?: string[];
  reviews: ReviewState[];
}

export interface CaseView extends CaseState {
  /** Actions in effect (voided ones and the voiding records left out), in order. */
  actions: CaseAction[];
  voided: { action: CaseAction; by: ActionOf<'voided'> }[];
  problems: Problem[];
  open: boolean;
  stage: Stage;
  stageLabel: string;
  /** The reply deadline (absent before receipt, while awaiting 补正 and once superseded). */
  deadline?: Deadline;
  /** The day the view is taken. */
  asOf: IsoDate;
}

export interface DeriveOptions {
  /** Take the view at the end of this day: later actions are left out. Default: all actions, today. */
  asOf?: IsoDate;
  /** Today, for the default view (China time when absent). */
  today?: IsoDate;
  policy?: CasePolicy;
}

/** Actions allowed once a case is concluded. */
const AFTER_CONCLUSION = new Set<CaseAction['type']>(['delivered', 'archived', 'review_filed', 'review_decided', 'voided']);
/** Actions whose dates follow their own order, not the case's (a review may be recorded late). */
const OWN_ORDER = new Set<CaseAction['type']>(['review_filed', 'review_decided', 'voided']);

class Replay {
  readonly state: CaseState = { consultations: [], reviews: [] };
  readonly problems: Problem[] = [];
  private lastOn: IsoDate | undefined;

  constructor(
    private readonly calendar: WorkCalendar,
    private readonly policy: CasePolicy,
  ) {}

  private error(a: CaseAction | null, message: string): void {
    this.problems.push({ actionId: a?.id ?? null, severity: 'error', message: a ? `${ACTION_LABELS[a.type]}（${a.on}）：${message}` : message });
  }

  private warn(a: CaseAction, message: string): void {
    this.problems.push({ actionId: a.id, severity: 'warning', message: `${ACTION_LABELS[a.type]}（${a.on}）：${message}` });
  }

  get open(): boolean {
    return !!this.state.receivedOn && !this.state.concludedOn && !this.state.splitInto;
  }

  get awaitingCorrection(): boolean {
    return !!this.state.correction && !this.state.correction.receivedOn;
  }

  get awaitingPayment(): boolean {
    return !!this.state.fee && !this.state.fee.paidOn;
  }

  /** The deadline as things stand on `day`. */
  deadlineOn(day: IsoDate): Deadline | undefined {
    return replyDeadline(this.state, this.calendar, day, this.policy);
  }

  /** A fee notice left unpaid past its period ends the case (deemed withdrawn) the day after. */
  lapseBefore(day: IsoDate): void {
    const fee = this.state.fee;
    if (this.open && fee && !fee.paidOn && compareDates(day, fee.payBy) > 0) {
      this.state.outcome = 'other_fee_unpaid';
      this.state.concludedOn = addDays(fee.payBy, 1);
      this.state.concludedVia = 'lapse';
    }
  }

  apply(a: CaseAction): void {
    if (!isIsoDate(a.on)) return this.error(a, `日期“${a.on}”不是有效日期`);
    if (a.type !== 'received' && !this.state.receivedOn) return this.error(a, '案件的第一条记录必须是“收到申请”');
    if (this.state.received && a.type === 'received') return this.error(a, '一个案件只能有一条“收到申请”记录；同一人的另一申请应另立案件');
    if (this.state.received && compareDates(a.on, this.state.received.on) < 0) return this.error(a, `日期早于收到申请的日期 ${this.state.received.on}`);
    if (!OWN_ORDER.has(a.type)) {
      if (this.lastOn && compareDates(a.on, this.lastOn) < 0) return this.error(a, `日期早于前一条记录的日期 ${this.lastOn}；记录须按发生顺序登记，漏记的事项请作废后续记录再补登`);
    }
    this.lapseBefore(a.on);
    if (this.state.splitInto && a.type !== 'voided') return this.error(a, `案件已拆分为 ${this.state.splitInto.join('、')}，请在拆分出的案件中登记`);
    if (this.state.concludedOn && !AFTER_CONCLUSION.has(a.type)) {
      return this.error(a, `案件已于 ${this.state.concludedOn} 办结（${outcome(this.state.outcome!).label}），只能再登记送达、归档和复议诉讼`);
    }
    const handler = this.handlers[a.type] as (x: CaseAction) => void;
    handler(a);
    if (!OWN_ORDER.has(a.type)) this.lastOn = a.on;
  }

  private readonly handlers: { [T in CaseAction['type']]: (a: ActionOf<T>) => void } = {
    received: (a) => this.received(a),
    correction_requested: (a) => {
      const s = this.state;
      if (s.correction) return this.error(a, `补正只能告知一次（已于 ${s.correction.requestedOn} 告知），须一次性列明全部补正事项（条例第三十条）`);
      const limit = this.calendar.addWorkingDays(s.receivedOn!, this.policy.correctionNoticeWorkingDays);
      if (compareDates(a.on, limit.date) > 0) {
        return this.error(a, `补正告知须在收到申请之日起 ${this.policy.correctionNoticeWorkingDays} 个工作日内发出（${s.receivedOn} 收到，最迟 ${limit.date}）（条例第三十条）`);
      }
      if (!isIsoDate(a.dueBy) || compareDates(a.dueBy, a.on) <= 0) return this.error(a, `补正期限“${a.dueBy}”应是告知之后的有效日期`);
      s.correction = { requestedOn: a.on, dueBy: a.dueBy };
    },
    correction_received: (a) => {
      const c = this.state.correction;
      if (!c) return this.error(a, '没有发出过补正告知，不能登记收到补正');
      if (c.receivedOn) return this.error(a, `已于 ${c.receivedOn} 收到补正`);
      if (compareDates(a.on, c.dueBy) > 0) this.warn(a, `补正晚于补正期限 ${c.dueBy}；如接受，答复期限自收到补正之日重新计算`);
      c.receivedOn = a.on;
    },
    consultation_sent: (a) => {
      if (this.state.consultations.some((c) => c.id === a.consultationId)) return this.error(a, `征求意见编号 ${a.consultationId} 已用过`);
      if (this.awaitingCorrection) return this.error(a, '申请正在等待补正，收到补正后再征求意见');
      const due = this.deadlineOn(a.on);
      if (due && compareDates(a.on, due.due) > 0) this.warn(a, `征求意见晚于答复期限 ${due.due}`);
      this.state.consultations.push({
        id: a.consultationId,
        party: a.party,
        partyName: a.partyName,
        sentOn: a.on,
        periodEnds: this.calendar.addWorkingDays(a.on, this.policy.consultationWorkingDays).date,
      });
    },
    consultation_answered: (a) => {
      const c = this.state.consultations.find((x) => x.id === a.consultationId);
      if (!c) return this.error(a, `没有编号为 ${a.consultationId} 的征求意见`);
      if (c.answeredOn) return this.error(a, `${c.partyName}的意见已于 ${c.answeredOn} 登记`);
      if (compareDates(a.on, c.periodEnds) > 0) this.warn(a, `意见在 ${this.policy.consultationWorkingDays} 个工作日的期限（${c.periodEnds}）之后收到；超出期限的时间计入答复期限`);
      c.answeredOn = a.on;
      c.answer = a.answer;
    },
    extension_approved: (a) => {
      const s = this.state;
      if (s.extension) return this.error(a, `已于 ${s.extension.approvedOn} 批准延期；延长期限合计不得超过 ${this.policy.maxExtensionWorkingDays} 个工作日（条例第三十三条）`);
      if (a.workingDays > this.policy.maxExtensionWorkingDays) return this.error(a, `延长期限不得超过 ${this.policy.maxExtensionWorkingDays} 个工作日（条例第三十三条）`);
      if (!a.approver.trim()) return this.error(a, '延期须经政府信息公开工作机构负责人同意，请填写批准人');
      if (this.awaitingCorrection) return this.error(a, '申请正在等待补正，答复期限尚未起算，无需延期');
      const due = this.deadlineOn(a.on);
      if (due && compareDates(a.on, due.due) > 0) return this.error(a, `延期须在答复期限（${due.due}）届满前批准（条例第三十三条）`);
      s.extension = { approvedOn: a.on, approver: a.approver, workingDays: a.workingDays };
    },
    extension_notified: (a) => {
      const e = this.state.extension;
      if (!e) return this.error(a, '尚未批准延期，不能告知延期');
      if (e.notifiedOn) return this.error(a, `已于 ${e.notifiedOn} 告知延期`);
      const { extension: _extension, ...withoutExtension } = this.state;
      const before = replyDeadline(withoutExtension, this.calendar, a.on, this.policy);
      if (before && compareDates(a.on, before.due) > 0) this.warn(a, `延期告知晚于原答复期限 ${before.due}（条例第三十三条要求告知申请人）`);
      e.notifiedOn = a.on;
    },
    fee_notice_sent: (a) => {
      const s = this.state;
      if (s.fee) return this.error(a, `已于 ${s.fee.sentOn} 发出收费通知；一件申请只能选择一种计收方式、发出一次收费通知（国办函〔2020〕109号）`);
      if (this.awaitingCorrection) return this.error(a, '申请正在等待补正，收到补正后再决定是否收费');
      const expected = a.method === 'per_application' ? feeForApplication(a.quantity) : feeByPages(a.quantity).amount;
      if (a.amount !== expected) {
        return this.error(a, `收费金额应为 ${expected} 元（${a.method === 'per_application' ? `按件计收，本月第 ${a.quantity} 件` : `按量计收，${a.quantity} 页`}），填写的是 ${a.amount} 元`);
      }
      if (expected === 0) return this.error(a, `${a.method === 'per_application' ? `本月第 ${a.quantity} 件` : `${a.quantity} 页`}在免费范围内，不应收费`);
      const due = this.deadlineOn(a.on);
      if (due && compareDates(a.on, due.due) > 0) return this.error(a, `收费通知须在答复期限（${due.due}）内发出`);
      const receivedOn = a.receivedOn ?? a.on;
      if (!isIsoDate(receivedOn) || compareDates(receivedOn, a.on) < 0) return this.error(a, '申请人收到通知的日期不能早于发出日期');
      s.fee = {
        method: a.method,
        quantity: a.quantity,
        amount: a.amount,
        sentOn: a.on,
        receivedOn,
        payBy: this.calendar.addWorkingDays(receivedOn, this.policy.paymentWorkingDays).date,
      };
    },
    fee_paid: (a) => {
      const f = this.state.fee;
      if (!f) return this.error(a, '没有发出收费通知，不能登记缴费');
      if (f.paidOn) return this.error(a, `已于 ${f.paidOn} 缴费`);
      if (a.amount !== f.amount) return this.error(a, `缴费金额 ${a.amount} 元与通知的 ${f.amount} 元不符`);
      f.paidOn = a.on;
    },
    reply_sent: (a) => {
      const o = outcome(a.outcome);
      if (o.via !== 'reply') return this.error(a, `“${o.label}”不是答复的结果，应登记为${o.via === 'withdrawal' ? '“申请人撤回申请”' : '“不再处理”'}`);
      if (this.awaitingPayment) return this.error(a, `申请人尚未缴纳信息处理费（缴费期限 ${this.state.fee!.payBy}），缴费后再答复`);
      if (a.outcome === 'unable_unclear' && !this.state.correction?.receivedOn) return this.error(a, '“补正后申请内容仍不明确”须先发出补正告知并收到补正');
      const due = this.deadlineOn(a.on);
      if (due && compareDates(a.on, due.due) > 0) this.warn(a, `答复晚于答复期限 ${due.due}`);
      this.conclude(a.on, a.outcome, 'reply');
      this.state.repliedOn = a.on;
    },
    delivered: (a) => {
      if (!this.state.repliedOn && !this.state.stoppedOn) return this.error(a, '尚未作出答复或不再处理的告知，没有可送达的文书');
      if (this.state.deliveredOn) return this.error(a, `已于 ${this.state.deliveredOn} 送达`);
      this.state.deliveredOn = a.on;
    },
    archived: (a) => {
      if (!this.state.concludedOn) return this.error(a, '案件尚未办结，不能归档');
      if (this.state.archivedOn) return this.error(a, `已于 ${this.state.archivedOn} 归档`);
      this.state.archivedOn = a.on;
    },
    withdrawn: (a) => {
      this.conclude(a.on, 'withdrawn', 'withdrawal');
    },
    stopped: (a) => {
      const s = this.state;
      if (a.reason === 'no_correction') {
        if (!s.correction) return this.error(a, '没有发出过补正告知，不能按逾期不补正处理');
        if (s.correction.receivedOn) return this.error(a, `已于 ${s.correction.receivedOn} 收到补正`);
        if (compareDates(a.on, s.correction.dueBy) <= 0) return this.error(a, `补正期限 ${s.correction.dueBy} 尚未届满`);
        this.conclude(a.on, 'other_no_correction', 'stop');
        s.stoppedOn = a.on;
        return;
      }
      // fee_unpaid: the case lapsed by itself when the period ended; this records the notice of it.
      if (!s.fee) return this.error(a, '没有发出过收费通知，不能按逾期未缴费处理');
      if (s.fee.paidOn) return this.error(a, `申请人已于 ${s.fee.paidOn} 缴费`);
      if (s.concludedVia !== 'lapse') return this.error(a, `缴费期限 ${s.fee.payBy} 尚未届满`);
      if (s.stoppedOn) return this.error(a, `已于 ${s.stoppedOn} 登记不再处理`);
      s.stoppedOn = a.on;
    },
    split: (a) => {
      if (this.state.received?.splitFrom && a.into.includes(this.state.received.splitFrom)) return this.error(a, '不能拆分回原案件');
      this.state.splitInto = a.into;
    },
    review_filed: (a) => {
      if (this.state.reviews.some((r) => r.recordId === a.recordId)) return this.error(a, `复议诉讼编号 ${a.recordId} 已用过`);
      this.state.reviews.push({ recordId: a.recordId, kind: a.kind, body: a.body, filedOn: a.on });
    },
    review_decided: (a) => {
      const r = this.state.reviews.find((x) => x.recordId === a.recordId);
      if (!r) return this.error(a, `没有编号为 ${a.recordId} 的复议诉讼记录`);
      if (r.result) return this.error(a, `该复议诉讼已于 ${r.decidedOn} 登记结果`);
      if (compareDates(a.on, r.filedOn) < 0) return this.error(a, `结果日期早于立案日期 ${r.filedOn}`);
      r.result = a.result;
      r.decidedOn = a.on;
    },
    voided: () => undefined,
  };

  private received(a: ActionOf<'received'>): void {
    const types = applicantTypes().map((c) => c.id);
    if (!types.includes(a.applicant.type)) return this.error(a, `申请人类别“${a.applicant.type}”无效（可选：${types.join('、')}）`);
    const id = a.applicant.idNumber;
    if (id && a.applicant.idKind === 'resident_id') {
      const r = checkResidentId(id, a.on);
      if (!r.ok) return this.error(a, r.problem);
    } else if (id && a.applicant.idKind === 'credit_code') {
      const r = checkCreditCode(id);
      if (!r.ok) return this.error(a, r.problem);
    }
    // 自然人 is the column outside the 法人或其他组织 group.
    const column = applicantTypes().find((c) => c.id === a.applicant.type)!;
    const person = !column.group;
    if ((person && a.applicant.idKind === 'credit_code') || (!person && a.applicant.idKind === 'resident_id')) {
      this.warn(a, `申请人类别为“${column.label}”，证件却是${a.applicant.idKind === 'credit_code' ? '统一社会信用代码' : '公民身份号码'}，请核对`);
    }
    let receivedOn = a.on;
    if (a.channel === 'ordinary_post') {
      if (!a.confirmedOn) return this.error(a, '以平常信函提交的申请，须填写与申请人确认的日期（条例第三十一条第二项）');
      if (!isIsoDate(a.confirmedOn) || compareDates(a.confirmedOn, a.on) < 0) return this.error(a, `确认日期“${a.confirmedOn}”无效或早于收信日期`);
      if (a.confirmedOn !== a.on) this.warn(a, `平常信函应在收到当日与申请人确认（条例第三十一条第二项），确认晚于收信日 ${a.on}；期限按收信日计算`);
    } else if (a.channel === 'online' || a.channel === 'fax') {
      if (!a.confirmedOn) return this.error(a, `通过${CHANNELS[a.channel]}提交的申请，须填写双方确认的日期（条例第三十一条第三项）`);
      if (!isIsoDate(a.confirmedOn) || compareDates(a.confirmedOn, a.on) < 0) return this.error(a, `确认日期“${a.confirmedOn}”无效或早于提交日期`);
      receivedOn = a.confirmedOn;
    } else if (a.confirmedOn) {
      this.warn(a, `${CHANNELS[a.channel]}的申请以${a.channel === 'registered_post' ? '签收' : '提交'}之日为收到之日，确认日期不计`);
    }
    this.state.received = a;
    this.state.receivedOn = receivedOn;
  }

  private conclude(on: IsoDate, outcomeId: string, via: OutcomeVia): void {
    this.state.outcome = outcomeId;
    this.state.concludedOn = on;
    this.state.concludedVia = via;
  }
}

/** Voided actions and the voiding records taken out; problems with voids reported. */
function effectiveActions(actions: CaseAction[], problems: Problem[]): { effective: CaseAction[]; voided: CaseView['voided'] } {
  const byId = new Map<string, number>();
  const voidedBy = new Map<string, ActionOf<'voided'>>();
  actions.forEach((a, i): void => {
    if (byId.has(a.id)) problems.push({ actionId: a.id, severity: 'error', message: `记录编号 ${a.id} 重复` });
    else byId.set(a.id, i);
    if (a.type !== 'voided') return;
    const at = byId.get(a.target);
    const target = at === undefined ? undefined : actions[at];
    const fail = (m: string): void => void problems.push({ actionId: a.id, severity: 'error', message: `${ACTION_LABELS.voided}（${a.on}）：${m}` });
    if (!target || at! >= i) return fail(`没有在此之前登记的编号为 ${a.target} 的记录`);
    if (target.type === 'received') return fail('“收到申请”不能作废；登记有误的申请请另立案件，并以“申请人撤回申请”或答复了结本案');
    if (target.type === 'voided') return fail('作废记录本身不能再作废');
    if (voidedBy.has(a.target)) return fail(`记录 ${a.target} 已经作废`);
    voidedBy.set(a.target, a);
  });
  const effective = actions.filter((a) => a.type !== 'voided' && !voidedBy.has(a.id));
  const voided = [...voidedBy.entries()].map(([id, by]) => ({ action: actions[byId.get(id)!], by }));
  return { effective, voided };
}

/** The case as of a day: state, stage, deadline and every problem of its actions. */
export function deriveCase(actions: CaseAction[], calendar: WorkCalendar, opts: DeriveOptions = {}): CaseView {
  const policy = opts.policy ?? DEFAULT_POLICY;
  const asOf = opts.asOf ?? opts.today ?? todayInChina();
  const problems: Problem[] = [];
  // Voids correct mistakes: they apply to every view, also of days before they were recorded.
  const all = effectiveActions(actions, problems);
  const effective = opts.asOf ? all.effective.filter((a) => compareDates(a.on, opts.asOf!) <= 0) : all.effective;
  const voided = all.voided;
  const replay = new Replay(calendar, policy);
  for (const a of effective) replay.apply(a);
  replay.lapseBefore(asOf);
  problems.push(...replay.problems);
  if (!effective.length) problems.push({ actionId: null, severity: 'error', message: '案件没有任何记录' });
  const s = replay.state;
  const stage: Stage = s.splitInto
    ? 'superseded'
    : s.concludedOn
      ? 'concluded'
      : replay.awaitingCorrection
        ? 'awaiting_correction'
        : replay.awaitingPayment
          ? 'awaiting_payment'
          : s.consultations.some((c) => !c.answeredOn && compareDates(asOf, c.periodEnds) <= 0)
            ? 'consulting'
            : 'processing';
  const deadline = stage === 'superseded' ? undefined : replay.deadlineOn(s.concludedOn && compareDates(s.concludedOn, asOf) < 0 ? s.concludedOn : asOf);
  return {
    ...s,
    actions: effective,
    voided,
    problems,
    open: replay.open,
    stage,
    stageLabel: STAGE_LABELS[stage],
    ...(deadline ? { deadline } : {}),
    asOf,
  };
}

export interface AppendResult {
  ok: boolean;
  /** The list with the action appended (when ok). */
  actions: CaseAction[];
  /** Errors that refuse the action (when not ok). */
  errors: string[];
  /** Warnings the action brings (recorded with it). */
  warnings: string[];
  view?: CaseView;
}

/**
 * Append an action to a case if it may happen: its shape checked by the schema, then the case
 * replayed with it. Problems the case already had do not refuse a new action.
 */
export function appendAction(actions: CaseAction[], next: CaseAction, calendar: WorkCalendar, opts: Omit<DeriveOptions, 'asOf'> = {}): AppendResult {
  const shape = actionShapeProblems(next);
  if (shape.length) return { ok: false, actions, errors: shape, warnings: [] };
  if (opts.today && compareDates(next.on, opts.today) > 0 && next.type !== 'voided') {
    return { ok: false, actions, errors: [`${ACTION_LABELS[next.type]}：日期 ${next.on} 晚于今天（${chineseDate(opts.today)}）`], warnings: [] };
  }
  const key = (p: Problem) => `${p.actionId}|${p.message}`;
  const before = new Set(deriveCase(actions, calendar, opts).problems.map(key));
  const list = [...actions, next];
  const view = deriveCase(list, calendar, opts);
  const fresh = view.problems.filter((p) => !before.has(key(p)));
  const errors = fresh.filter((p) => p.severity === 'error').map((p) => p.message);
  const warnings = fresh.filter((p) => p.severity === 'warning').map((p) => p.message);
  return errors.length ? { ok: false, actions, errors, warnings } : { ok: true, actions: list, errors, warnings, view };
}
