// A year of 依申请公开 cases for a demo agency, generated from a seed (the same seed gives the
// same cases): applicants of every 表三 column with valid identity numbers, every channel of
// art. 31, every outcome, 补正, third-party consultation with extension, fees paid and unpaid,
// withdrawals, 一事一申请 splits, cases carried over from the year before and into the next,
// 行政复议/行政诉讼 with and without a result. Each case is a script of API-shaped steps and a
// plan of what it should count as, so a test can count the tables another way.

import type { Applicant, Channel } from '../cases/actions.ts';
import { addDays, compareDates } from '../cases/calendar/iso-date.ts';
import { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { feeByPages } from '../cases/fees.ts';
import { applicantTypes } from '../cases/identity.ts';
import { outcomeIds } from '../cases/outcomes.ts';
import { seeded, type Source } from './random.ts';

export type ReviewKind = 'review' | 'litigation_direct' | 'litigation_after_review';
export type ReviewResult = 'upheld' | 'corrected' | 'other';

/** One step after registration: an action (API body of POST /cases/:id/actions) or a review record. */
export type Step =
  | { kind: 'action'; action: Record<string, unknown> & { type: string; on: string } }
  | { kind: 'review'; review: { kind: ReviewKind; body: string; on: string }; decision?: { result: ReviewResult; on: string } };

export interface Plan {
  column: string;
  receivedOn: string;
  /** Undefined for a split original (counted as its parts). */
  outcome?: string;
  endOn?: string;
  reviews: { filedOn: string; kind: ReviewKind; result?: ReviewResult; decidedOn?: string }[];
}

export interface CaseScript {
  registration: { channel: Channel; on: string; confirmed_on?: string; applicant: Applicant; request: { description: string } };
  steps: Step[];
  plan: Plan;
  split?: { on: string; parts: { description: string; steps: Step[]; plan: Plan }[] };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A 公民身份号码 with a valid check character (region 990101 is fictitious: 99 is not a province, so 11 is used). */
export function demoResidentId(r: Source): string {
  const birth = `${r.int(1950, 2000)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  const body = `110105${birth}${String(r.int(0, 999)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}

/** A 统一社会信用代码 with a valid check character. */
export function demoCreditCode(r: Source): string {
  let body = `91110105`;
  for (let i = 0; i < 9; i++) body += USCC[r.int(0, 30)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC.indexOf(body[i]) * USCC_WEIGHTS[i];
  return body + USCC[(31 - (sum % 31)) % 31];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '涛'];
const ORGS: Record<string, string[]> = {
  commercial: ['云岫市青禾建材有限公司', '云岫市恒远物流有限公司', '青川省白鹭科技有限公司'],
  research: ['青川省农业科学研究院', '云岫大学公共政策研究中心'],
  social_welfare: ['云岫市绿水环保志愿者协会', '青川省助学基金会'],
  legal_service: ['青川明律律师事务所', '云岫市法律援助中心'],
  other: ['云岫市东湖区业主委员会', '云岫市个体劳动者协会'],
};
const TOPICS = ['2024年度部门预算执行情况', '城区道路改造项目的招标文件', '政府采购合同（编号略）', '某地块征收补偿方案', '本机关2024年行政许可事项清单', '专项资金分配明细', '某企业环境影响评价批复', '公共租赁住房分配名单的确定依据'];

function applicant(r: Source, column: string, organisation: boolean): Applicant {
  if (!organisation) {
    return { type: column, name: r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.5) ? r.pick(GIVEN) : ''), idKind: 'resident_id', idNumber: demoResidentId(r), phone: `139${String(r.int(0, 99_999_999)).padStart(8, '0')}`, address: '青川省云岫市东湖区示例路1号' };
  }
  return { type: column, name: r.pick(ORGS[column] ?? ORGS.other), idKind: 'credit_code', idNumber: demoCreditCode(r), contactPerson: r.pick(SURNAMES) + r.pick(GIVEN), phone: `0999-${String(r.int(1_000_000, 9_999_999))}` };
}

const act = (type: string, on: string, fields: Record<string, unknown> = {}): Step => ({ kind: 'action', action: { type, on, ...fields } });

/** The steps that end a case received on `on` with `outcome`, and the day it ends. */
function ending(cal: WorkCalendar, r: Source, outcome: string, on: string): { steps: Step[]; endOn: string } {
  const wd = (n: number) => cal.addWorkingDays(on, n).date;
  switch (outcome) {
    case 'unable_unclear':
      return { steps: [act('correction_requested', wd(1), { items: ['请具体说明所需政府信息的名称或文号'], dueBy: addDays(wd(1), 15) }), act('correction_received', wd(4)), act('reply_sent', wd(9), { outcome })], endOn: wd(9) };
    case 'other_no_correction': {
      const dueBy = addDays(wd(2), 15);
      const stop = cal.addWorkingDays(dueBy, 1).date;
      return { steps: [act('correction_requested', wd(2), { items: ['请提供申请人身份证明'], dueBy }), act('stopped', stop, { reason: 'no_correction' })], endOn: stop };
    }
    case 'other_fee_unpaid': {
      const pages = r.int(31, 150);
      return { steps: [act('fee_notice_sent', wd(3), { method: 'per_volume', quantity: pages, amount: feeByPages(pages).amount })], endOn: addDays(cal.addWorkingDays(wd(3), 20).date, 1) };
    }
    case 'withdrawn':
      return { steps: [act('withdrawn', wd(2))], endOn: wd(2) };
    case 'granted':
      if (r.chance(0.25)) {
        // Third party consulted (answers in 4 working days), extension of 10 approved and notified, then granted.
        return {
          steps: [
            act('consultation_sent', wd(3), { consultationId: 'Z1', party: 'third_party', partyName: '云岫市青禾建材有限公司' }),
            act('consultation_answered', wd(7), { consultationId: 'Z1', answer: 'agree' }),
            act('extension_approved', wd(18), { workingDays: 10, reason: '需征求第三方意见，正常期限内难以答复' }),
            act('extension_notified', wd(18)),
            act('reply_sent', wd(27), { outcome }),
            act('delivered', wd(28), { method: '邮寄' }),
          ],
          endOn: wd(27),
        };
      }
      if (r.chance(0.2)) {
        // 按量 fee paid within the period, then granted.
        const pages = r.int(31, 120);
        return {
          steps: [act('fee_notice_sent', wd(4), { method: 'per_volume', quantity: pages, amount: feeByPages(pages).amount }), act('fee_paid', wd(8), { amount: feeByPages(pages).amount }), act('reply_sent', wd(14), { outcome })],
          endOn: wd(14),
        };
      }
      return { steps: [act('reply_sent', wd(r.int(3, 18)), { outcome })], endOn: wd(0) };
    default: {
      const n = r.int(3, 19);
      return { steps: [act('reply_sent', wd(n), { outcome }), act('delivered', wd(n + 1), { method: '电子邮件' })], endOn: wd(n) };
    }
  }
}

function fixEnd(e: { steps: Step[]; endOn: string }): { steps: Step[]; endOn: string } {
  // A plain reply ends on the day of its reply_sent.
  const reply = e.steps.find((s) => s.kind === 'action' && s.action.type === 'reply_sent');
  return reply && reply.kind === 'action' ? { ...e, endOn: reply.action.on } : e;
}

function workingDayBetween(cal: WorkCalendar, r: Source, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  let d = addDays(from, r.int(0, span));
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

const CHANNEL_LIST: Channel[] = ['in_person', 'registered_post', 'ordinary_post', 'online', 'fax', 'oral'];

/**
 * `count` cases received from mid-November of the year before `year` to mid-December of `year`
 * (the last days of the year stay open into the next), every date on or before `latest`.
 */
export function generateCaseYear(seed: number, year: number, count: number, calendar: WorkCalendar = WorkCalendar.shipped()): CaseScript[] {
  const r = seeded(seed);
  const columns = applicantTypes();
  const outcomes = outcomeIds();
  const out: CaseScript[] = [];
  for (let i = 0; i < count; i++) {
    const col = r.pick(columns);
    const receivedOn = workingDayBetween(calendar, r, `${year - 1}-11-15`, `${year}-12-24`);
    const channel = r.pick(CHANNEL_LIST);
    const registration: CaseScript['registration'] = {
      channel,
      on: receivedOn,
      ...(channel === 'ordinary_post' || channel === 'online' || channel === 'fax' ? { confirmed_on: receivedOn } : {}),
      applicant: applicant(r, col.id, !!col.group),
      request: { description: `申请公开${r.pick(TOPICS)}` },
    };
    if (r.chance(0.04)) {
      const parts = [0, 1].map((k) => {
        const outcome = r.pick(outcomes);
        const e = fixEnd(ending(calendar, r, outcome, receivedOn));
        return { description: `${registration.request.description}（第${k + 1}项）`, steps: e.steps, plan: { column: col.id, receivedOn, outcome, endOn: e.endOn, reviews: [] } };
      });
      // The split comes before any part's first step.
      out.push({ registration, steps: [], plan: { column: col.id, receivedOn, reviews: [] }, split: { on: receivedOn, parts } });
      continue;
    }
    const outcome = r.pick(outcomes);
    const e = fixEnd(ending(calendar, r, outcome, receivedOn));
    const plan: Plan = { column: col.id, receivedOn, outcome, endOn: e.endOn, reviews: [] };
    const steps = [...e.steps];
    if (outcome !== 'granted' && outcome !== 'already_published' && r.chance(0.15)) {
      const filedOn = addDays(e.endOn, r.int(5, 50));
      const kind = r.pick(['review', 'litigation_direct', 'litigation_after_review'] as const);
      const review: Plan['reviews'][number] = { filedOn, kind };
      const step: Step = { kind: 'review', review: { kind, body: kind === 'review' ? '云岫市人民政府' : '云岫市东湖区人民法院', on: filedOn } };
      if (r.chance(0.6)) {
        review.result = r.pick(['upheld', 'corrected', 'other'] as const);
        review.decidedOn = addDays(filedOn, r.int(20, 90));
        step.decision = { result: review.result, on: review.decidedOn };
      }
      steps.push(step);
      plan.reviews.push(review);
    }
    out.push({ registration, steps, plan });
  }
  return out;
}

/** The last date any script uses (the day the ledger can be loaded as of). */
export function lastDate(scripts: CaseScript[]): string {
  let last = '0000-01-01';
  const see = (d: string | undefined) => {
    if (d && compareDates(d, last) > 0) last = d;
  };
  const steps = (ss: Step[]) => {
    for (const s of ss) {
      if (s.kind === 'action') see(s.action.on);
      else {
        see(s.review.on);
        see(s.decision?.on);
      }
    }
  };
  for (const s of scripts) {
    steps(s.steps);
    for (const p of s.split?.parts ?? []) {
      steps(p.steps);
      see(p.plan.endOn);
    }
    see(s.plan.endOn);
  }
  return last;
}
