// Reply deadlines derived from a case's actions, with every expected date counted by hand on the
// calendar in the comments: 补正 restarting the period, consultation pausing it, an extension,
// fees, a calendar change moving an open case's deadline, and a provisional deadline.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendAction, deriveCase } from '../src/cases/derive.ts';
import { classifyCase, replyTime } from '../src/cases/deadlines.ts';
import { WorkCalendar } from '../src/cases/calendar/work-calendar.ts';
import type { CaseAction } from '../src/cases/actions.ts';
import { act, buildOn, received, reply } from './support/cases.ts';

const cal = WorkCalendar.shipped();

const build = (...actions: CaseAction[]) => buildOn(cal, ...actions);

describe('reply deadline', () => {
  it('is 20 working days after receipt, across 春节 2024', () => {
    const v = deriveCase(build(received('2024-01-30')), cal, { asOf: '2024-02-01' });
    assert.equal(v.deadline?.due, '2024-03-01');
    assert.equal(v.deadline?.provisional, false);
    assert.equal(v.stage, 'processing');
    assert.match(v.deadline.basis[0], /2024年1月30日收到申请（当面提交/);
    assert.match(v.deadline.basis.at(-1)!, /答复期限：2024年3月1日（星期五）/);
  });

  it('counts from the day both sides confirmed an online application (art. 31)', () => {
    // Submitted Friday 1 March 2024, confirmed Monday 4 March: 20 working days from 5 March →
    // 5–8 Mar (4), 11–15 (9), 18–22 (14), 25–29 (19), Monday 1 April (20).
    const v = deriveCase(build(received('2024-03-01', { channel: 'online', confirmedOn: '2024-03-04' })), cal, { asOf: '2024-03-05' });
    assert.equal(v.receivedOn, '2024-03-04');
    assert.equal(v.deadline?.due, '2024-04-01');
  });

  it('restarts from the day the 补正 arrives', () => {
    // Received Monday 4 March 2024; 补正 notice 6 March; supplement received Friday 15 March.
    // From 18 March: 18–22 (5), 25–29 (10), 1–3 April (13), 清明 4–6 April off, Sunday 7 April
    // works (14), 8–12 April (19), Monday 15 April (20).
    const list = build(
      received('2024-03-04'),
      act('correction_requested', '2024-03-06', { items: ['请写明所需信息的文件名称或文号'], dueBy: '2024-03-20' }),
    );
    const waiting = deriveCase(list, cal, { asOf: '2024-03-10' });
    assert.equal(waiting.stage, 'awaiting_correction');
    assert.equal(waiting.deadline, undefined);
    assert.equal(classifyCase(waiting, cal).urgency, 'waiting_applicant');
    const v = deriveCase(build(...list, act('correction_received', '2024-03-15', {})), cal, { asOf: '2024-03-16' });
    assert.equal(v.deadline?.start, '2024-03-15');
    assert.equal(v.deadline?.due, '2024-04-15');
    assert.ok(v.deadline.basis.some((b) => b.includes('答复期限自收到补正之日重新计算')));
  });

  it('allows 补正 only once and within 7 working days of receipt', () => {
    // Received Monday 4 March 2024: the 7th working day after is Wednesday 13 March.
    const list = build(received('2024-03-04'));
    const late = appendAction(list, act('correction_requested', '2024-03-14', { items: ['x'], dueBy: '2024-03-25' }), cal);
    assert.equal(late.ok, false);
    assert.match(late.errors[0], /7 个工作日内.*最迟 2024-03-13/);
    const first = build(...list, act('correction_requested', '2024-03-13', { items: ['x'], dueBy: '2024-03-25' }));
    const again = appendAction(first, act('correction_requested', '2024-03-13', { items: ['y'], dueBy: '2024-03-25' }), cal);
    assert.equal(again.ok, false);
    assert.match(again.errors[0], /补正只能告知一次/);
  });

  it('is paused while a third party is consulted', () => {
    // Received Monday 6 May 2024: 7–10 May (4), Saturday 11 May works (5), 13–17 (10), 20–24 (15),
    // 27–31 (20) → 31 May without a pause. Consultation sent Friday 10 May, answered Tuesday 21
    // May: paused working days 11, 13–17, 20, 21 May = 8. 31 May + 8: 3–7 June (5), 端午 8–10 June
    // off, 11–13 June (8) → Thursday 13 June.
    const list = build(
      received('2024-05-06'),
      act('consultation_sent', '2024-05-10', { consultationId: 'c1', party: 'third_party', partyName: '某某公司' }),
    );
    // While unanswered the full 15-day period is assumed: the period ends 30 May (11, 13–17, 20–24,
    // 27–30 May); 31 May + 15: 3–7 June (5), 11–14 June (9), 17–21 June (14), Monday 24 June (15).
    const running = deriveCase(list, cal, { asOf: '2024-05-15' });
    assert.equal(running.stage, 'consulting');
    assert.equal(running.deadline?.pausedWorkingDays, 15);
    assert.equal(running.deadline?.due, '2024-06-24');
    assert.equal(running.deadline?.pausing, true);
    const v = deriveCase(build(...list, act('consultation_answered', '2024-05-21', { consultationId: 'c1', answer: 'object' })), cal, { asOf: '2024-05-22' });
    assert.equal(v.deadline?.pausedWorkingDays, 8);
    assert.equal(v.deadline?.due, '2024-06-13');
    assert.ok(v.deadline.basis.some((b) => /征求某某公司意见（第三方（条例第三十二条））.*暂停 8 个工作日/.test(b)));
  });

  it('is extended by the approved working days', () => {
    // Received Monday 2 September 2024: 3–6 Sep (4), 9–13 (9), Saturday 14 Sep works (10), 中秋
    // 15–17 off, 18–20 (13), 23–27 (18), Sunday 29 Sep works (19), Monday 30 Sep (20). Extended
    // by 20: 国庆 1–7 Oct off, 8–11 Oct (4), Saturday 12 Oct works (5), 14–18 (10), 21–25 (15),
    // 28 Oct–1 Nov (20) → Friday 1 November.
    const list = build(received('2024-09-02'));
    assert.equal(deriveCase(list, cal, { asOf: '2024-09-03' }).deadline?.due, '2024-09-30');
    const ext = build(
      ...list,
      act('extension_approved', '2024-09-26', { approver: '李主任', workingDays: 20, reason: '需调取档案' }),
      act('extension_notified', '2024-09-26', {}),
    );
    const v = deriveCase(ext, cal, { asOf: '2024-09-27' });
    assert.equal(v.deadline?.due, '2024-11-01');
    assert.ok(v.deadline.basis.some((b) => b.includes('经李主任批准延长 20 个工作日')));
  });

  it('refuses an extension after the deadline, over 20 days or without approver', () => {
    const list = build(received('2024-09-02'));
    const late = appendAction(list, act('extension_approved', '2024-10-08', { approver: '李主任', workingDays: 10, reason: 'r' }), cal);
    assert.match(late.errors.join(), /延期须在答复期限（2024-09-30）届满前批准/);
    const long = appendAction(list, act('extension_approved', '2024-09-20', { approver: '李主任', workingDays: 21, reason: 'r' }), cal);
    assert.match(long.errors.join(), /“延长的工作日数”不能大于 20/);
    const noOne = appendAction(list, { type: 'extension_approved', id: 'x', on: '2024-09-20', by: '甲', workingDays: 5, reason: 'r' } as unknown as CaseAction, cal);
    assert.match(noOne.errors.join(), /缺少“批准人”/);
    const twice = appendAction(build(...list, act('extension_approved', '2024-09-20', { approver: '李主任', workingDays: 5, reason: 'r' })), act('extension_approved', '2024-09-21', { approver: '李主任', workingDays: 5, reason: 'r' }), cal);
    assert.match(twice.errors.join(), /合计不得超过 20 个工作日/);
  });

  it('moves when the calendar changes: a published notice replaces the provisional year', () => {
    // Received Monday 20 September 2027, a year without a notice. Provisionally 中秋 is 15 Sep and
    // 国庆 1–3 Oct (Fri–Sun) with 4–5 Oct made up: 21–24 Sep (4), 27–30 Sep (8), 6–8 Oct (11),
    // 11–15 Oct (16), 18–21 Oct (20) → Thursday 21 October, 暂定.
    const list = build(received('2027-09-20'));
    const before = deriveCase(list, cal, { asOf: '2027-09-21' });
    assert.equal(before.deadline?.due, '2027-10-21');
    assert.equal(before.deadline?.provisional, true);
    assert.match(before.deadline.basis.at(-1)!, /暂定：2027年的节假日安排尚未公布/);
    // An administrator enters a notice (a made-up one for the test): 国庆 1–7 October, no working
    // weekend. 21–24 Sep (4), 27–30 Sep (8), 8 Oct (9), 11–15 (14), 18–22 (19), Monday 25 Oct (20).
    const published = cal.withYear({
      year: 2027,
      notices: [{ number: '国办发明电〔2026〕99号', title: '测试用通知', issued: '2026-11-01' }],
      holidays: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-07' }],
      workdays: [],
    });
    const after = deriveCase(list, published, { asOf: '2027-09-21' });
    assert.equal(after.deadline?.due, '2027-10-25');
    assert.equal(after.deadline?.provisional, false);
  });

  it('ends the case as 逾期未缴费 the day after the payment period', () => {
    // Received Monday 3 June 2024; fee notice for 150 pages (1 700 元) sent and received Wednesday
    // 5 June. 20 working days to pay: 6–7 June (2), 端午 8–10 off, 11–14 (6), 17–21 (11), 24–28
    // (16), 1–4 July (20) → pay by Thursday 4 July.
    const list = build(received('2024-06-03'), act('fee_notice_sent', '2024-06-05', { method: 'per_volume', quantity: 150, amount: 1700 }));
    const waiting = deriveCase(list, cal, { asOf: '2024-07-04' });
    assert.equal(waiting.fee?.payBy, '2024-07-04');
    assert.equal(waiting.stage, 'awaiting_payment');
    assert.equal(waiting.open, true);
    const lapsed = deriveCase(list, cal, { asOf: '2024-07-05' });
    assert.equal(lapsed.open, false);
    assert.equal(lapsed.outcome, 'other_fee_unpaid');
    assert.equal(lapsed.concludedOn, '2024-07-05');
    const late = appendAction(list, act('fee_paid', '2024-07-08', { amount: 1700 }), cal);
    assert.match(late.errors.join(), /已于 2024-07-05 办结/);
    const wrong = appendAction(build(received('2024-06-03')), act('fee_notice_sent', '2024-06-05', { method: 'per_volume', quantity: 150, amount: 1500 }), cal);
    assert.match(wrong.errors.join(), /收费金额应为 1700 元/);
  });

  it('classifies open cases as due soon or overdue', () => {
    const list = build(received('2024-01-30'));
    // Due 1 March 2024. On 26 February 4 working days remain (27, 28, 29 Feb, 1 Mar).
    assert.deepEqual(classifyCase(deriveCase(list, cal, { asOf: '2024-02-26' }), cal), { urgency: 'due_soon', label: '即将到期', workingDaysLeft: 4, alerts: [] });
    assert.equal(classifyCase(deriveCase(list, cal, { asOf: '2024-02-19' }), cal).urgency, 'on_track');
    const over = classifyCase(deriveCase(list, cal, { asOf: '2024-03-05' }), cal);
    assert.equal(over.urgency, 'overdue');
    assert.equal(over.workingDaysLeft, -2);
  });

  it('gives the reply time of a concluded case', () => {
    // Received 30 January 2024, replied 20 February: 31 Jan, 1–2 Feb, Sunday 4 Feb, 5–9 Feb,
    // Sunday 18 Feb, 19–20 Feb = 12 working days; 21 calendar days.
    const v = deriveCase(build(received('2024-01-30'), reply('2024-02-20', 'granted')), cal);
    assert.equal(v.stage, 'concluded');
    assert.deepEqual(replyTime(v, cal), { workingDays: 12, calendarDays: 21, allowedWorkingDays: 20, withinDeadline: true });
  });
});

describe('actions', () => {
  it('needs exactly one outcome for a reply', () => {
    const list = build(received('2024-01-30'));
    const none = appendAction(list, { type: 'reply_sent', id: 'r', on: '2024-02-01', by: '甲' } as unknown as CaseAction, cal);
    assert.match(none.errors.join(), /缺少“办理结果”/);
    const two = appendAction(list, { type: 'reply_sent', id: 'r', on: '2024-02-01', by: '甲', outcome: 'granted', outcomes: ['granted', 'partial'] } as unknown as CaseAction, cal);
    assert.match(two.errors.join(), /不认识的字段“outcomes”/);
    const unknown = appendAction(list, reply('2024-02-01', 'granted_and_partial'), cal);
    assert.match(unknown.errors.join(), /“办理结果”的取值不在允许范围内/);
    const notAReply = appendAction(list, reply('2024-02-01', 'other_fee_unpaid'), cal);
    assert.match(notAReply.errors.join(), /取值不在允许范围内/);
  });

  it('keeps a late reply on record with a warning', () => {
    const r = appendAction(build(received('2024-01-30')), reply('2024-03-04', 'granted'), cal);
    assert.equal(r.ok, true);
    assert.match(r.warnings.join(), /答复晚于答复期限 2024-03-01/);
    assert.equal(replyTime(r.view!, cal)?.withinDeadline, false);
  });

  it('requires the art. 31 confirmation for ordinary post', () => {
    const r = appendAction([], received('2024-03-01', { channel: 'ordinary_post' }), cal);
    assert.match(r.errors.join(), /须填写与申请人确认的日期（条例第三十一条第二项）/);
  });

  it('allows only delivery, archiving and reviews after the conclusion', () => {
    const list = build(received('2024-01-30'), reply('2024-02-20', 'granted'), act('delivered', '2024-02-21', { method: '邮寄' }), act('archived', '2024-03-01', {}));
    const r = appendAction(list, act('withdrawn', '2024-03-02', {}), cal);
    assert.match(r.errors.join(), /已于 2024-02-20 办结（予以公开）/);
  });

  it('voids a mistaken record and derives the case without it', () => {
    const list = build(received('2024-01-30'), act('extension_approved', '2024-02-05', { id: 'ext', approver: '李主任', workingDays: 10, reason: 'r' }));
    assert.equal(deriveCase(list, cal, { asOf: '2024-02-06' }).deadline?.extensionWorkingDays, 10);
    const v = deriveCase(build(...list, act('voided', '2024-02-06', { target: 'ext', reason: '录入错误' })), cal, { asOf: '2024-02-06' });
    assert.equal(v.deadline?.extensionWorkingDays, 0);
    assert.equal(v.deadline?.due, '2024-03-01');
    assert.equal(v.voided.length, 1);
  });

  it('takes the original out of the count once split (一事一申请)', () => {
    const v = deriveCase(build(received('2024-01-30'), act('split', '2024-01-31', { into: ['B-1', 'B-2'] })), cal);
    assert.equal(v.stage, 'superseded');
    assert.equal(v.open, false);
    assert.equal(v.deadline, undefined);
  });

  it('needs a 补正 before “补正后申请内容仍不明确”', () => {
    const r = appendAction(build(received('2024-01-30')), reply('2024-02-20', 'unable_unclear'), cal);
    assert.match(r.errors.join(), /须先发出补正告知并收到补正/);
  });
});

describe('received', () => {
  it('checks the identity number the applicant gave', () => {
    const bad = received('2024-03-04');
    bad.applicant.idNumber = '110105194912310021';
    assert.match(appendAction([], bad, cal).errors.join(), /公民身份号码的校验位不符/);
    const org = received('2024-03-04', { type: 'commercial' });
    org.applicant = { ...org.applicant, idKind: 'credit_code', idNumber: '91350100M000100Y44' };
    assert.match(appendAction([], org, cal).errors.join(), /统一社会信用代码的校验位不符/);
    const mixed = received('2024-03-04', { type: 'commercial' });
    mixed.applicant = { ...mixed.applicant, idKind: 'resident_id', idNumber: '11010519491231002X' };
    const r = appendAction([], mixed, cal);
    assert.equal(r.ok, true);
    assert.match(r.warnings.join(), /申请人类别为“商业企业”，证件却是公民身份号码/);
  });

  it('applies a void to views of days before it was recorded (the year’s tables use corrected records)', () => {
    const withMistake = build(received('2024-12-02'), act('reply_sent', '2024-12-20', { id: 'wrong-reply', outcome: 'granted' }));
    const corrected = build(...withMistake, act('voided', '2025-01-10', { target: 'wrong-reply', reason: '录错案件' }));
    assert.equal(deriveCase(withMistake, cal, { asOf: '2024-12-31' }).open, false);
    assert.equal(deriveCase(corrected, cal, { asOf: '2024-12-31' }).open, true);
  });
});

describe('action schema for the store and the API', () => {
  it('is plain JSON Schema that Ajv compiles, with the outcomes and applicant types as enums', async () => {
    const { Ajv } = await import('ajv');
    const { caseActionSchema } = await import('../src/cases/schema.ts');
    const schema = caseActionSchema();
    const text = JSON.stringify(schema);
    assert.deepEqual(JSON.parse(text), schema, 'survives JSON');
    const validate = new Ajv({ strict: false }).compile(schema);
    const list = [
      received('2024-01-30'),
      act('correction_requested', '2024-01-31', { items: ['x'], dueBy: '2024-02-20' }),
      act('fee_notice_sent', '2024-01-31', { method: 'per_volume', quantity: 31, amount: 10 }),
      reply('2024-02-20', 'partial'),
      act('review_filed', '2024-03-01', { recordId: 'R', kind: 'review', body: '某市人民政府' }),
      act('voided', '2024-03-02', { target: 'x', reason: 'y' }),
    ];
    for (const a of list) assert.equal(validate(a), true, a.type);
    assert.equal(validate({ ...reply('2024-02-20', 'granted'), outcome: 'withdrawn' }), false, 'withdrawal is not a reply outcome');
    assert.equal(validate({ ...received('2024-01-30'), applicant: { type: 'total', name: 'x' } }), false, '总计 is no applicant type');
  });
});
