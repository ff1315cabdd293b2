// What a clerk may not record, and why: every refusal of the case ledger with the rule behind it
// (条例 articles, 国办函〔2020〕109号). A refused action is not added, and the message in Chinese says
// what is wrong. Dates are counted by hand on the 2024 calendar (Monday 4 March 2024 the receipt;
// 20 working days later is Monday 1 April 2024).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendAction, deriveCase } from '../src/cases/derive.ts';
import { WorkCalendar } from '../src/cases/calendar/work-calendar.ts';
import type { CaseAction } from '../src/cases/actions.ts';
import { act, buildOn, received, reply } from './support/cases.ts';

const cal = WorkCalendar.shipped();

const build = (...actions: CaseAction[]) => buildOn(cal, ...actions);

/** The action is refused with a message matching `why`, and the list is unchanged. */
function refused(list: CaseAction[], next: CaseAction, why: RegExp): void {
  const r = appendAction(list, next, cal);
  assert.equal(r.ok, false, `${next.type} ${next.on} should be refused`);
  assert.equal(r.actions, list);
  assert.ok(r.errors.some((e) => why.test(e)), `${r.errors.join(' | ')} !~ ${why}`);
}

/** Accepted, with a warning matching `why`. */
function warned(list: CaseAction[], next: CaseAction, why: RegExp): CaseAction[] {
  const r = appendAction(list, next, cal);
  assert.deepEqual(r.errors, []);
  assert.ok(r.warnings.some((w) => why.test(w)), `${r.warnings.join(' | ')} !~ ${why}`);
  return r.actions;
}

const base = () => build(received('2024-03-04'));
const correction = (on: string, dueBy = '2024-03-20') => act('correction_requested', on, { items: ['请写明文件名称'], dueBy });
const consult = (on: string, id = 'c1') => act('consultation_sent', on, { consultationId: id, party: 'third_party', partyName: '某某公司' });
const fee = (on: string, fields: { quantity?: number; amount?: number; receivedOn?: string } = {}) =>
  act('fee_notice_sent', on, { method: 'per_volume', quantity: fields.quantity ?? 31, amount: fields.amount ?? 10, receivedOn: fields.receivedOn ?? on });

describe('the order of a case', () => {
  it('starts with the receipt, once, and keeps its records in date order', () => {
    refused([], reply('2024-03-05', 'granted'), /第一条记录必须是“收到申请”/);
    refused(base(), received('2024-03-05'), /只能有一条“收到申请”/);
    refused(base(), reply('2024-03-01', 'granted'), /早于收到申请的日期 2024-03-04/);
    const list = build(...base(), correction('2024-03-06'));
    refused(list, act('correction_received', '2024-03-05', {}), /早于前一条记录的日期 2024-03-06/);
  });

  it('refuses a date that is not a date', () => {
    refused(base(), reply('2024-02-30', 'granted'), /不是有效日期|日期/);
  });

  it('after a split, records go to the new cases; a split cannot point back to its origin', () => {
    const split = build(...base(), act('split', '2024-03-05', { into: ['B-1', 'B-2'] }));
    refused(split, reply('2024-03-06', 'granted'), /已拆分为 B-1、B-2/);
    const child = build(received('2024-03-05', { splitFrom: 'A-1' }));
    refused(child, act('split', '2024-03-06', { into: ['A-1', 'C-1'] }), /不能拆分回原案件/);
  });
});

describe('补正', () => {
  it('needs a due date after the notice, and a notice before a supplement', () => {
    refused(base(), correction('2024-03-05', '2024-03-05'), /补正期限“2024-03-05”应是告知之后/);
    refused(base(), act('correction_received', '2024-03-06', {}), /没有发出过补正告知/);
    const got = build(...base(), correction('2024-03-05'), act('correction_received', '2024-03-08', {}));
    refused(got, act('correction_received', '2024-03-09', {}), /已于 2024-03-08 收到补正/);
  });

  it('warns when the supplement comes after its due date', () => {
    warned(build(...base(), correction('2024-03-05', '2024-03-12')), act('correction_received', '2024-03-14', {}), /晚于补正期限 2024-03-12/);
  });

  it('ends a case without a supplement only after the period, once', () => {
    refused(base(), act('stopped', '2024-03-25', { reason: 'no_correction' }), /没有发出过补正告知/);
    const waiting = build(...base(), correction('2024-03-05', '2024-03-12'));
    refused(waiting, act('stopped', '2024-03-12', { reason: 'no_correction' }), /补正期限 2024-03-12 尚未届满/);
    const got = build(...waiting, act('correction_received', '2024-03-11', {}));
    refused(got, act('stopped', '2024-03-20', { reason: 'no_correction' }), /已于 2024-03-11 收到补正/);
  });

  it('no consultation, extension or fee while the applicant has to supplement', () => {
    const waiting = build(...base(), correction('2024-03-05'));
    refused(waiting, consult('2024-03-06'), /等待补正/);
    refused(waiting, act('extension_approved', '2024-03-06', { approver: '李主任', workingDays: 10, reason: '需要调取档案' }), /等待补正/);
    refused(waiting, fee('2024-03-06'), /等待补正/);
  });
});

describe('consultation (条例第三十二条)', () => {
  it('each consultation once, answered once, answers matched to a consultation', () => {
    const sent = build(...base(), consult('2024-03-05'));
    refused(sent, consult('2024-03-06'), /征求意见编号 c1 已用过/);
    refused(sent, act('consultation_answered', '2024-03-07', { consultationId: 'c9', answer: 'agree' }), /没有编号为 c9 的征求意见/);
    const answered = build(...sent, act('consultation_answered', '2024-03-07', { consultationId: 'c1', answer: 'object' }));
    refused(answered, act('consultation_answered', '2024-03-08', { consultationId: 'c1', answer: 'agree' }), /已于 2024-03-07 登记/);
  });

  it('warns for an answer after the 15 working days and for a consultation after the deadline', () => {
    // Sent Tuesday 5 March 2024: 15 working days → 6–8 (3), 11–15 (8), 18–22 (13), 25–26 March (15).
    warned(build(...base(), consult('2024-03-05')), act('consultation_answered', '2024-03-27', { consultationId: 'c1', answer: 'agree' }), /期限（2024-03-26）之后收到/);
    warned(base(), consult('2024-04-02'), /晚于答复期限 2024-04-01/);
  });
});

describe('extension (条例第三十三条)', () => {
  it('is notified only after approval, once', () => {
    refused(base(), act('extension_notified', '2024-03-06', {}), /尚未批准延期/);
    const approved = build(...base(), act('extension_approved', '2024-03-20', { approver: '李主任', workingDays: 10, reason: '需要调取档案' }), act('extension_notified', '2024-03-21', {}));
    refused(approved, act('extension_notified', '2024-03-22', {}), /已于 2024-03-21 告知延期/);
  });

  it('a notice after the original deadline is kept with a warning', () => {
    const approved = build(...base(), act('extension_approved', '2024-03-29', { approver: '李主任', workingDays: 10, reason: '需要调取档案' }));
    warned(approved, act('extension_notified', '2024-04-02', {}), /晚于原答复期限 2024-04-01/);
  });
});

describe('fees (国办函〔2020〕109号)', () => {
  it('the amount is the bands’ amount, nothing within the free pages, one notice per application', () => {
    refused(base(), fee('2024-03-06', { amount: 20 }), /应为 10 元（按量计收，31 页），填写的是 20 元/);
    refused(base(), fee('2024-03-06', { quantity: 30, amount: 0 }), /30 页在免费范围内，不应收费/);
    const sent = build(...base(), fee('2024-03-06'));
    refused(sent, fee('2024-03-07'), /只能选择一种计收方式、发出一次收费通知/);
  });

  it('a notice within the reply period, received on or after it was sent', () => {
    refused(base(), fee('2024-04-02'), /须在答复期限（2024-04-01）内发出/);
    refused(base(), fee('2024-03-06', { receivedOn: '2024-03-05' }), /收到通知的日期不能早于发出日期/);
  });

  it('payment matches the notice, once; no reply before it', () => {
    refused(base(), act('fee_paid', '2024-03-07', { amount: 10 }), /没有发出收费通知/);
    const sent = build(...base(), fee('2024-03-06'));
    refused(sent, act('fee_paid', '2024-03-07', { amount: 20 }), /缴费金额 20 元与通知的 10 元不符/);
    refused(sent, reply('2024-03-07', 'granted'), /尚未缴纳信息处理费/);
    const paid = build(...sent, act('fee_paid', '2024-03-07', { amount: 10 }));
    refused(paid, act('fee_paid', '2024-03-08', { amount: 10 }), /已于 2024-03-07 缴费/);
    refused(paid, act('stopped', '2024-05-08', { reason: 'fee_unpaid' }), /申请人已于 2024-03-07 缴费/);
  });

  it('ending for non-payment needs a notice and a period that has run out', () => {
    refused(base(), act('stopped', '2024-05-08', { reason: 'fee_unpaid' }), /没有发出过收费通知/);
    refused(build(...base(), fee('2024-03-06')), act('stopped', '2024-03-08', { reason: 'fee_unpaid' }), /缴费期限 \d{4}-\d{2}-\d{2} 尚未届满/);
  });
});

describe('reply, delivery, archive', () => {
  it('a withdrawal or a stop is not a reply outcome', () => {
    // Refused by the action's schema, listing the reply outcomes ...
    refused(base(), reply('2024-03-06', 'withdrawn'), /“办理结果”的取值不在允许范围内.*granted/);
    // ... and by the replay, for a list stored before (an import of old records).
    const stored = deriveCase([...base(), reply('2024-03-06', 'withdrawn'), reply('2024-03-07', 'other_no_correction')], cal, { asOf: '2024-03-08' });
    const messages = stored.problems.map((p) => p.message).join(' | ');
    assert.match(messages, /应登记为“申请人撤回申请”/);
    assert.match(messages, /应登记为“不再处理”/);
  });

  it('delivery after a reply, once; archiving after the conclusion, once', () => {
    refused(base(), act('delivered', '2024-03-06', { method: '邮寄' }), /没有可送达的文书/);
    refused(base(), act('archived', '2024-03-06', {}), /尚未办结，不能归档/);
    const done = build(...base(), reply('2024-03-06', 'granted'), act('delivered', '2024-03-07', { method: '邮寄' }), act('archived', '2024-03-08', {}));
    refused(done, act('delivered', '2024-03-09', { method: '邮寄' }), /已于 2024-03-07 送达/);
    refused(done, act('archived', '2024-03-09', {}), /已于 2024-03-08 归档/);
  });
});

describe('行政复议 and 行政诉讼 records', () => {
  it('numbered once, decided once, not before they were filed', () => {
    const filed = build(...base(), reply('2024-03-06', 'withheld_process_info'), act('review_filed', '2024-04-10', { recordId: 'R1', kind: 'review', body: '某某市人民政府' }));
    refused(filed, act('review_filed', '2024-04-11', { recordId: 'R1', kind: 'review', body: '某某市人民政府' }), /复议诉讼编号 R1 已用过/);
    refused(filed, act('review_decided', '2024-06-10', { recordId: 'R9', result: 'upheld' }), /没有编号为 R9 的复议诉讼记录/);
    refused(filed, act('review_decided', '2024-04-09', { recordId: 'R1', result: 'upheld' }), /早于立案日期 2024-04-10/);
    const decided = build(...filed, act('review_decided', '2024-06-10', { recordId: 'R1', result: 'corrected' }));
    refused(decided, act('review_decided', '2024-06-11', { recordId: 'R1', result: 'upheld' }), /已于 2024-06-10 登记结果/);
  });
});

describe('receipt (条例第三十一条)', () => {
  it('online and fax need the confirmation date, not before submission; ordinary post confirmed later is a warning', () => {
    refused([], received('2024-03-04', { channel: 'online' }), /须填写双方确认的日期/);
    refused([], received('2024-03-04', { channel: 'fax', confirmedOn: '2024-03-01' }), /早于提交日期/);
    refused([], received('2024-03-04', { channel: 'ordinary_post', confirmedOn: '2024-03-01' }), /早于收信日期/);
    warned([], received('2024-03-04', { channel: 'ordinary_post', confirmedOn: '2024-03-05' }), /应在收到当日与申请人确认/);
    warned([], received('2024-03-04', { channel: 'registered_post', confirmedOn: '2024-03-05' }), /以签收之日为收到之日，确认日期不计/);
  });

  it('the applicant type is one of 表三’s columns; a company with a 身份证 is questioned', () => {
    const bad = received('2024-03-04');
    refused([], { ...bad, applicant: { ...bad.applicant, type: 'alien' } }, /“申请人类别”的取值不在允许范围内（可选：natural_person、commercial/);
    assert.match(deriveCase([{ ...bad, applicant: { ...bad.applicant, type: 'alien' } }], cal, { asOf: '2024-03-05' }).problems[0].message, /申请人类别“alien”无效/);
    warned([], { ...bad, applicant: { ...bad.applicant, type: 'commercial' } }, /证件却是公民身份号码/);
  });
});
