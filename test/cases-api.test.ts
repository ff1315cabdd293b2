// The case ledger through the HTTP API, on both backends: a citizen filing online and following
// the case with the query code; a clerk taking a letter application through 补正 to a reply
// letter; roles (extensions and refusals need the 负责人); isolation between agencies; masking
// and the logging of every view of personal data; a calendar change moving an open deadline; a
// provisional deadline; and a generated year of cases entered through the API compiling to
// 表三/表四 that pass the checks and equal a count made from the generator's plans.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { shippedCalendar } from '../src/cases/calendar/years.ts';
import { demoCreditCode, generateCaseYear, lastDate, type Step } from '../src/demo/cases.ts';
import { seeded } from '../src/demo/random.ts';
import { buildApp } from '../src/server/app.ts';
import { createAgency } from '../src/store/agencies.ts';
import { createUser } from '../src/store/users.ts';
import { call, signIn, type Client } from './support/api.ts';
import { countFromPlans } from './support/ledger-count.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

const PASSWORD = 'correct-horse-battery';
const ALL = ['registrar', 'handler', 'reviewer', 'head'] as const;

// 张三's number from GB 11643's example family: 11010519491231002X has a valid check character.
const PERSON = { type: 'natural_person', name: '张三丰', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678', address: '北京市朝阳区某路1号' };
const COMPANY = { type: 'commercial', name: '某某建材有限公司', idKind: 'credit_code', idNumber: '91350100M000100Y43', contactPerson: '李四', phone: '0591-12345678' };

type Json = Record<string, unknown>;
const body = <T = Json>(res: { json: <X>() => X }) => res.json<T>();

for (const backend of BACKENDS) {
  describe(`case ledger API on ${backend}`, () => {
    let store: TestStore;
    let app: FastifyInstance;
    let today = '2026-12-31';
    const ids: Record<string, string> = {};
    const who: Record<string, Client> = {};

    before(async () => {
      store = await freshStore(backend);
      const a = await createAgency(store.db, { name: '云岫市自然资源局', region_code: '990101', level: 'city', kind: 'department' });
      const b = await createAgency(store.db, { name: '白鹭市交通运输局', region_code: '990201', level: 'city', kind: 'department' });
      ids.a = a.id;
      ids.b = b.id;
      const users: [string, Parameters<typeof createUser>[1]][] = [
        ['admin', { login: 'admin', displayName: '管理员', password: PASSWORD, role: 'admin' }],
        ['clerk', { login: 'clerk', displayName: '登记员甲', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['registrar'] }],
        ['clerk2', { login: 'clerk2', displayName: '登记员乙', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['registrar'] }],
        ['handler', { login: 'handler', displayName: '承办人丙', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['handler'] }],
        ['head', { login: 'head', displayName: '负责人丁', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: [...ALL] }],
        ['plain', { login: 'plain', displayName: '无台账角色', password: PASSWORD, role: 'agency', agencyId: a.id }],
        ['other', { login: 'other', displayName: '白鹭负责人', password: PASSWORD, role: 'agency', agencyId: b.id, caseRoles: [...ALL] }],
        ['supervisor', { login: 'sup', displayName: '监督', password: PASSWORD, role: 'supervisor', regionPrefix: '99' }],
      ];
      for (const [key, u] of users) ids[key] = (await createUser(store.db, u)).id;
      app = await buildApp({ store, worker: false, loginRateLimit: 1000, intakeRateLimit: 1000, today: () => today });
      for (const [key, u] of users) who[key] = await signIn(app, u.login, PASSWORD);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('a citizen files online, gets a receipt number and query code, and follows the case without an account', async () => {
      const form = body<{ applicant_types: { id: string; label: string }[] }>(await call(app, null, 'GET', '/api/public/applications/form'));
      assert.deepEqual(form.applicant_types.map((t) => t.id), ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org']);
      // A wrong check character is refused with the reason, in Chinese.
      const bad = await call(app, null, 'POST', '/api/public/applications', { agency_id: ids.a, applicant: { ...PERSON, idNumber: '110105194912310021' }, request: { description: '2025年度部门预算' } });
      assert.equal(bad.statusCode, 422);
      assert.match(body<{ error: { message: string } }>(bad).error.message, /校验位不符/);
      const badCode = await call(app, null, 'POST', '/api/public/applications', { agency_id: ids.a, applicant: { ...COMPANY, type: 'commercial', idNumber: '91350100M000100Y44' }, request: { description: '某项目环评批复' } });
      assert.equal(badCode.statusCode, 422);
      assert.match(body<{ error: { message: string } }>(badCode).error.message, /统一社会信用代码的校验位不符/);
      assert.equal((await call(app, null, 'POST', '/api/public/applications', { agency_id: ids.a, applicant: { ...PERSON, phone: undefined, address: undefined }, request: { description: 'x' } })).statusCode, 400);

      today = '2026-12-01'; // a Tuesday
      const res = await call(app, null, 'POST', '/api/public/applications', { agency_id: ids.a, applicant: PERSON, request: { description: '2025年度部门预算执行情况', form: '电子邮件' } });
      assert.equal(res.statusCode, 201, res.body);
      const filed = body<{ receipt_number: string; query_code: string; received_on: string; due: string; message: string }>(res);
      assert.equal(filed.received_on, '2026-12-01');
      // 20 working days from 2 December 2026: December has no holiday, weekends 5–6, 12–13, 19–20, 26–27.
      assert.equal(filed.due, '2026-12-29');
      assert.match(filed.message, /查询码/);

      const wrong = await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number: filed.receipt_number, query_code: 'WRONGCODE1' });
      assert.equal(wrong.statusCode, 404);
      assert.equal(body<{ error: { message: string } }>(wrong).error.message, '受理编号或查询码不正确');
      const unknown = await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number: 'YSQ2026-NOSUCH00', query_code: filed.query_code });
      assert.equal(body<{ error: { message: string } }>(unknown).error.message, '受理编号或查询码不正确');

      const follow = await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number: filed.receipt_number, query_code: filed.query_code.toLowerCase() });
      assert.equal(follow.statusCode, 200, follow.body);
      const status = body<{ stage_label: string; due: string; open: boolean; steps: { label: string }[] }>(follow);
      assert.equal(status.stage_label, '办理中');
      assert.equal(status.due, '2026-12-29');
      assert.deepEqual(status.steps.map((s) => s.label), ['收到申请']);
      assert.ok(!follow.body.includes('11010519491231002X') && !follow.body.includes('13912345678'), 'no identity or contact in the public answer');
      today = '2026-12-31';
    });

    test('a clerk registers a letter, the handler asks for 补正, the reply letter is printed to Word and PDF', async () => {
      // Registered post: the day it was signed for counts (art. 31 (二)).
      const reg = await call(app, who.clerk, 'POST', '/api/cases', { channel: 'registered_post', on: '2026-11-02', applicant: COMPANY, request: { description: '某地块的征收补偿方案' }, handler_id: ids.handler });
      assert.equal(reg.statusCode, 201, reg.body);
      const { id, receipt_number, query_code } = body<{ id: string; receipt_number: string; query_code: string }>(reg);
      assert.match(receipt_number, /^YSQ2026-/);
      // The clerk cannot send a 补正 notice; the handler can.
      const correction = { type: 'correction_requested', on: '2026-11-04', items: ['请说明所需征收补偿方案的具体地块名称'], dueBy: '2026-11-18' };
      assert.equal((await call(app, who.clerk, 'POST', `/api/cases/${id}/actions`, correction)).statusCode, 403);
      const sent = await call(app, who.handler, 'POST', `/api/cases/${id}/actions`, correction);
      assert.equal(sent.statusCode, 201, sent.body);
      assert.equal(body<{ case: { stage: string; due: string | null } }>(sent).case.stage, 'awaiting_correction');
      // A second 补正 is refused by the domain, with its reason.
      const twice = await call(app, who.handler, 'POST', `/api/cases/${id}/actions`, { ...correction, on: '2026-11-05' });
      assert.equal(twice.statusCode, 422);
      assert.match(body<{ error: { message: string } }>(twice).error.message, /补正/);
      // The clerk records the correction received; the period restarts from that day.
      assert.equal((await call(app, who.clerk, 'POST', `/api/cases/${id}/actions`, { type: 'correction_received', on: '2026-11-10' })).statusCode, 201);
      const detail = body<{ case: { due: string; basis: string[] } }>(await call(app, who.handler, 'GET', `/api/cases/${id}`));
      // 20 working days after 10 November 2026 (no holiday): 8 December.
      assert.equal(detail.case.due, '2026-12-08');
      assert.ok(detail.case.basis.some((l) => l.includes('补正')), detail.case.basis.join('\n'));

      // A refusal needs the 负责人; 予以公开 the handler may send.
      const refusal = await call(app, who.handler, 'POST', `/api/cases/${id}/actions`, { type: 'reply_sent', on: '2026-11-20', outcome: 'withheld_process_info' });
      assert.equal(refusal.statusCode, 403);
      assert.match(body<{ error: { message: string } }>(refusal).error.message, /负责人/);
      const replied = await call(app, who.handler, 'POST', `/api/cases/${id}/actions`, { type: 'reply_sent', on: '2026-11-20', outcome: 'granted', replyNumber: '云自然资依申请〔2026〕8号' });
      assert.equal(replied.statusCode, 201, replied.body);
      assert.equal(body<{ case: { stage: string; outcome: string } }>(replied).case.outcome, 'granted');

      // The reply letter: locked text, slots prefilled from the case.
      const draft = await call(app, who.handler, 'GET', `/api/cases/${id}/letters/draft?kind=reply`);
      assert.equal(draft.statusCode, 200, draft.body);
      const d = body<{ title: string; prefilled: Record<string, unknown>; slots: { id: string }[] }>(draft);
      assert.equal(d.prefilled.applicant, '某某建材有限公司');
      // Without the agency's remedies paragraph the letter is refused (no guessed 复议机关).
      const letterReq = { kind: 'reply', slots: { ...d.prefilled, provision: '随本告知书以电子邮件发送某地块征收补偿方案（电子件）' }, number: '云自然资依申请〔2026〕8号', issued_on: '2026-11-20' };
      const noRemedies = await call(app, who.handler, 'POST', `/api/cases/${id}/letters`, letterReq);
      assert.equal(noRemedies.statusCode, 422, noRemedies.body);
      assert.match(body<{ error: { message: string } }>(noRemedies).error.message, /复议/);
      assert.equal((await call(app, who.handler, 'PATCH', `/api/agencies/${ids.a}/case-settings`, { review_body: '云岫市人民政府', court: '云岫市中级人民法院', contact_person: '王五', contact_phone: '0999-1234567' })).statusCode, 403);
      assert.equal((await call(app, who.head, 'PATCH', `/api/agencies/${ids.a}/case-settings`, { review_body: '云岫市人民政府', court: '云岫市中级人民法院', contact_person: '王五', contact_phone: '0999-1234567' })).statusCode, 200);
      const made = await call(app, who.handler, 'POST', `/api/cases/${id}/letters`, letterReq);
      assert.equal(made.statusCode, 201, made.body);
      const letter = body<{ id: string; paragraphs: { text: string }[] }>(made);
      const text = letter.paragraphs.map((p) => p.text).join('\n');
      assert.match(text, /某某建材有限公司/);
      assert.match(text, /云岫市人民政府/);
      const docx = await call(app, who.handler, 'GET', `/api/cases/${id}/letters/${letter.id}?to=docx`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      const html = await call(app, who.handler, 'GET', `/api/cases/${id}/letters/${letter.id}?to=html`);
      assert.match(html.body, /云岫市人民政府/);
      if (backend === 'pglite') {
        const pdf = await call(app, who.handler, 'GET', `/api/cases/${id}/letters/${letter.id}?to=pdf`);
        assert.equal(pdf.statusCode, 200);
        assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      }
      // The applicant sees the reply in the public status.
      const status = body<{ outcome_label: string; open: boolean; steps: { label: string }[] }>(await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number, query_code }));
      assert.equal(status.open, false);
      assert.equal(status.outcome_label, '予以公开');
      assert.deepEqual(status.steps.map((s) => s.label), ['收到申请', '发出补正告知', '收到补正', '作出答复']);
    });

    test('an extension needs the 负责人, who is recorded as the approver', async () => {
      const reg = body<{ id: string }>(await call(app, who.head, 'POST', '/api/cases', { channel: 'in_person', on: '2026-11-02', applicant: PERSON, request: { description: '专项资金分配明细' }, handler_id: ids.handler }));
      const ext = { type: 'extension_approved', on: '2026-11-25', workingDays: 15, reason: '涉及多个科室，需汇总' };
      assert.equal((await call(app, who.handler, 'POST', `/api/cases/${reg.id}/actions`, ext)).statusCode, 403);
      const ok = await call(app, who.head, 'POST', `/api/cases/${reg.id}/actions`, { ...ext, approver: '冒名' });
      assert.equal(ok.statusCode, 201, ok.body);
      const detail = body<{ extension: { approver: string; workingDays: number }; case: { due: string } }>(await call(app, who.head, 'GET', `/api/cases/${reg.id}`));
      assert.equal(detail.extension.approver, '负责人丁');
      // Received 2 November 2026: 20 working days → 30 November; plus 15 → 21 December.
      assert.equal(detail.case.due, '2026-12-21');
    });

    test('an agency sees only its own cases; staff without a case role and supervisors see none', async () => {
      const mine = body<{ id: string }>(await call(app, who.clerk, 'POST', '/api/cases', { channel: 'oral', on: '2026-12-07', applicant: PERSON, request: { description: '公共租赁住房分配名单的确定依据' } }));
      const theirs = await call(app, who.other, 'POST', '/api/cases', { channel: 'in_person', on: '2026-12-07', applicant: COMPANY, request: { description: '道路改造招标文件' } });
      assert.equal(theirs.statusCode, 201);
      const theirId = body<{ id: string }>(theirs).id;
      const listB = body<{ items: { id: string }[] }>(await call(app, who.other, 'GET', '/api/cases'));
      assert.deepEqual(listB.items.map((i) => i.id), [theirId]);
      const listA = body<{ items: { id: string }[] }>(await call(app, who.head, 'GET', '/api/cases'));
      assert.ok(listA.items.some((i) => i.id === mine.id) && !listA.items.some((i) => i.id === theirId));
      for (const [method, url, payload] of [
        ['GET', `/api/cases/${mine.id}`, undefined],
        ['GET', `/api/cases/${mine.id}/applicant`, undefined],
        ['POST', `/api/cases/${mine.id}/actions`, { type: 'withdrawn', on: '2026-12-08' }],
        ['POST', `/api/cases/${mine.id}/split`, { on: '2026-12-08', parts: [{ description: 'a' }, { description: 'b' }] }],
      ] as const) {
        assert.equal((await call(app, who.other, method, url, payload)).statusCode, 404, url);
      }
      assert.equal((await call(app, who.other, 'GET', `/api/cases?agency=${ids.a}`)).statusCode, 404);
      assert.equal((await call(app, who.other, 'GET', `/api/ledger/2026/tables?agency=${ids.a}`)).statusCode, 404);
      assert.equal((await call(app, who.plain, 'GET', '/api/cases')).statusCode, 403);
      assert.equal((await call(app, who.supervisor, 'GET', '/api/cases')).statusCode, 403);
      assert.equal((await call(app, null, 'GET', '/api/cases')).statusCode, 401);
      // The administrator reads (naming the agency), but does not act in an agency's cases.
      assert.equal((await call(app, who.admin, 'GET', '/api/cases')).statusCode, 400);
      assert.equal((await call(app, who.admin, 'GET', `/api/cases?agency=${ids.b}`)).statusCode, 200);
      assert.equal((await call(app, who.admin, 'POST', `/api/cases/${theirId}/actions`, { type: 'withdrawn', on: '2026-12-08' })).statusCode, 403);
    });

    test('identity and contact are masked in lists and for staff not handling the case; every view is logged', async () => {
      const reg = body<{ id: string }>(await call(app, who.clerk, 'POST', '/api/cases', { channel: 'in_person', on: '2026-12-14', applicant: PERSON, request: { description: '本机关2025年行政许可事项清单' }, handler_id: ids.handler }));
      const list = body<{ items: { id: string; applicant: string }[] }>(await call(app, who.head, 'GET', '/api/cases?open=true'));
      const item = list.items.find((i) => i.id === reg.id)!;
      assert.equal(item.applicant, '张**');
      const csv = await call(app, who.head, 'GET', '/api/cases/export');
      assert.equal(csv.statusCode, 200);
      const rows = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
      assert.match(rows[0], /^受理编号,收到申请日期,申请人类别,申请人（已遮蔽）/);
      assert.ok(rows.some((r) => r.includes('张**')) && !csv.body.includes('张三丰') && !csv.body.includes('11010519491231002X'));
      // Another registrar of the agency: the case, masked; not the applicant.
      const masked = await call(app, who.clerk2, 'GET', `/api/cases/${reg.id}`);
      assert.equal(masked.statusCode, 200);
      assert.ok(!masked.body.includes('11010519491231002X') && !masked.body.includes('13912345678') && !masked.body.includes('张三丰'), masked.body);
      assert.equal(body<{ applicant: { idNumber: string } }>(masked).applicant.idNumber, '110*************2X');
      assert.equal((await call(app, who.clerk2, 'GET', `/api/cases/${reg.id}/applicant`)).statusCode, 403);
      assert.equal((await call(app, who.admin, 'GET', `/api/cases/${reg.id}/applicant`)).statusCode, 403);
      const before = (await store.db.selectFrom('audit_log').select('id').where('action', '=', 'view_personal_data').where('entity_id', '=', reg.id).execute()).length;
      // The handler and the clerk who registered it see the applicant; each view is in the audit log.
      for (const c of [who.handler, who.clerk]) {
        const full = await call(app, c, 'GET', `/api/cases/${reg.id}/applicant`);
        assert.equal(full.statusCode, 200);
        assert.equal(body<{ applicant: { idNumber: string; name: string } }>(full).applicant.idNumber, '11010519491231002X');
      }
      const logged = await store.db.selectFrom('audit_log').select(['user_login', 'action']).where('action', '=', 'view_personal_data').where('entity_id', '=', reg.id).orderBy('id').execute();
      assert.equal(logged.length, before + 2);
      assert.deepEqual(logged.slice(-2).map((l) => l.user_login), ['handler', 'clerk']);
      // The audit log refuses to be rewritten.
      await assert.rejects(store.db.updateTable('audit_log').set({ user_login: 'x' }).where('entity_id', '=', reg.id).execute());
      await assert.rejects(store.db.deleteFrom('case_actions').where('case_id', '=', reg.id).execute(), /只能追加/);
      // Applicant's data is not inside the stored action.
      const stored = await store.db.selectFrom('case_actions').select('action').where('case_id', '=', reg.id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(stored.action).includes('11010519491231002X'));
    });

    test('a calendar change by the administrator moves an open case’s deadline; a year without a notice is provisional', async () => {
      const reg = body<{ id: string }>(await call(app, who.head, 'POST', '/api/cases', { channel: 'in_person', on: '2026-09-21', applicant: PERSON, request: { description: '某企业环境影响评价批复' } }));
      const due = async () => body<{ case: { due: string; urgency: string; due_label: string; provisional: boolean } }>(await call(app, who.head, 'GET', `/api/cases/${reg.id}`)).case;
      // From 22 September 2026: 22–24 (3), 中秋 25–27 off, 28–30 (6), 国庆 1–7 October off, 8–9 (8),
      // Saturday 10 October worked (9), 12–16 (14), 19–23 (19), Monday 26 October (20).
      assert.equal((await due()).due, '2026-10-26');
      assert.equal((await due()).urgency, 'overdue');
      const reminders = body<{ overdue: { id: string; basis: string[] }[] }>(await call(app, who.head, 'GET', '/api/cases/reminders'));
      assert.ok(reminders.overdue.some((o) => o.id === reg.id && o.basis.length > 0));

      const y2026 = shippedCalendar().years.find((y) => y.year === 2026)!;
      const changed = { notices: [...y2026.notices, { number: '示例〔2026〕1号', title: '关于调整国庆节放假安排的通知（测试）', issued: '2026-09-01' }], holidays: y2026.holidays.map((h) => (h.name === '国庆节' ? { ...h, to: '2026-10-08' } : h)), workdays: y2026.workdays };
      assert.equal((await call(app, who.head, 'PUT', '/api/calendar/2026', changed)).statusCode, 403);
      const bad = await call(app, who.admin, 'PUT', '/api/calendar/2026', { ...changed, workdays: [{ date: '2026-10-08', for: '国庆节' }] });
      assert.equal(bad.statusCode, 422);
      assert.match(body<{ error: { message: string } }>(bad).error.message, /不是星期六或星期日/);
      assert.equal((await call(app, who.admin, 'PUT', '/api/calendar/2026', changed)).statusCode, 200);
      // 8 October is now a holiday: one working day later.
      assert.equal((await due()).due, '2026-10-27');
      const cal = body<{ years: { year: number; source: string; notices: { number: string }[] }[] }>(await call(app, null, 'GET', '/api/calendar'));
      const row = cal.years.find((y) => y.year === 2026)!;
      assert.equal(row.source, 'admin');
      assert.equal(row.notices[0].number, '国办发明电〔2025〕7号');
      assert.equal((await call(app, who.admin, 'PUT', '/api/calendar/2026', { notices: y2026.notices, holidays: y2026.holidays, workdays: y2026.workdays })).statusCode, 200);
      assert.equal((await due()).due, '2026-10-26');

      // Received 21 December 2026: the period runs into 2027, whose notice is not in the calendar.
      const late = body<{ id: string }>(await call(app, who.head, 'POST', '/api/cases', { channel: 'in_person', on: '2026-12-21', applicant: PERSON, request: { description: '2026年度预算' } }));
      const view = body<{ case: { provisional: boolean; due_label: string } }>(await call(app, who.head, 'GET', `/api/cases/${late.id}`)).case;
      assert.equal(view.provisional, true);
      assert.match(view.due_label, /暂定/);
      const add = body<{ date: string; provisional: boolean }>(await call(app, null, 'GET', '/api/calendar/add?from=2026-12-30&days=1'));
      // 31 December 2026 is a Thursday, a working day.
      assert.deepEqual(add, { date: '2026-12-31', provisional: false });
    });

    test('a split application becomes cases followed with the original query code', async () => {
      const reg = body<{ id: string; receipt_number: string; query_code: string }>(await call(app, who.clerk, 'POST', '/api/cases', { channel: 'in_person', on: '2026-12-15', applicant: PERSON, request: { description: '三个项目的招标文件' } }));
      const split = await call(app, who.clerk, 'POST', `/api/cases/${reg.id}/split`, { on: '2026-12-16', parts: [{ description: '甲项目招标文件' }, { description: '乙项目招标文件' }] });
      assert.equal(split.statusCode, 201, split.body);
      const parts = body<{ parts: { id: string; receipt_number: string; received_on: string }[] }>(split).parts;
      assert.deepEqual(parts.map((p) => p.receipt_number), [`${reg.receipt_number}-1`, `${reg.receipt_number}-2`]);
      assert.ok(parts.every((p) => p.received_on === '2026-12-15'));
      const original = body<{ stage_label: string; split_into: string[] }>(await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number: reg.receipt_number, query_code: reg.query_code }));
      assert.equal(original.stage_label, '已拆分');
      assert.deepEqual(original.split_into, parts.map((p) => p.receipt_number));
      const part = await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number: parts[0].receipt_number, query_code: reg.query_code });
      assert.equal(part.statusCode, 200);
    });

    test('a generated year entered through the API compiles to 表三/表四 that pass the checks and equal the plans’ count', async () => {
      const year = 2025;
      const scripts = generateCaseYear(4242 + year, year, 90);
      today = lastDate(scripts);
      const fees = { paid: 0, amount: 0 };
      const apply = async (caseId: string, steps: Step[]) => {
        for (const s of steps) {
          if (s.kind === 'action') {
            const res = await call(app, who.head, 'POST', `/api/cases/${caseId}/actions`, s.action);
            assert.equal(res.statusCode, 201, `${s.action.type} ${res.body}`);
            if (s.action.type === 'fee_paid' && s.action.on.startsWith(`${year}-`)) {
              fees.paid++;
              fees.amount += s.action.amount as number;
            }
          } else {
            const filed = await call(app, who.head, 'POST', `/api/cases/${caseId}/reviews`, s.review);
            assert.equal(filed.statusCode, 201, filed.body);
            if (s.decision) {
              const rid = body<{ id: string }>(filed).id;
              assert.equal((await call(app, who.head, 'POST', `/api/cases/${caseId}/reviews/${rid}/decision`, s.decision)).statusCode, 200);
            }
          }
        }
      };
      for (const s of scripts) {
        const reg = await call(app, who.head, 'POST', '/api/cases', s.registration);
        assert.equal(reg.statusCode, 201, reg.body);
        const id = body<{ id: string }>(reg).id;
        if (s.split) {
          const parts = body<{ parts: { id: string }[] }>(await call(app, who.head, 'POST', `/api/cases/${id}/split`, { on: s.split.on, parts: s.split.parts.map((p) => ({ description: p.description })) })).parts;
          for (const [k, p] of parts.entries()) await apply(p.id, s.split.parts[k].steps);
        } else await apply(id, s.steps);
      }
      const res = await call(app, who.head, 'GET', `/api/ledger/${year}/tables`);
      assert.equal(res.statusCode, 200, res.body);
      const y = body<{ tables: Record<string, Record<string, Record<string, number>>>; contributions: Record<string, string[]>; receipts: Record<string, string>; findings: unknown[]; problems: unknown[] }>(res);
      assert.deepEqual(y.findings, []);
      assert.deepEqual(y.problems, []);
      const plans = scripts.flatMap((s) => (s.split ? s.split.parts.map((p) => p.plan) : [s.plan]));
      const expected = countFromPlans(plans, year);
      for (const [row, cols] of Object.entries(y.tables.applications)) {
        for (const [col, value] of Object.entries(cols)) assert.equal(value, expected.t3[row]?.[col] ?? 0, `表三 ${row}.${col}`);
      }
      for (const [row, cols] of Object.entries(y.tables.review_litigation)) {
        for (const [col, value] of Object.entries(cols)) {
          const want = col === 'total' ? Object.entries(expected.t4[row] ?? {}).filter(([k]) => k !== 'total').reduce((n, [, v]) => n + v, 0) : (expected.t4[row]?.[col] ?? 0);
          assert.equal(value, want, `表四 ${row}.${col}`);
        }
      }
      const t3 = y.tables.applications;
      assert.ok(t3.carried_over.total > 0 && t3.new_received.total > 0 && t3.results_total.total > 0, 'the year uses every part of 表三');
      // Each cell lists the cases behind it (click a cell → its cases).
      for (const [address, caseIds] of Object.entries(y.contributions)) {
        const [t, row, col] = address.split('.');
        assert.equal(caseIds.length, y.tables[t][row][col], address);
        assert.ok(caseIds.every((c) => y.receipts[c]), address);
      }
      const feeTotals = body<{ paid: number; paid_amount: number }>(await call(app, who.head, 'GET', `/api/ledger/${year}/fees`));
      assert.deepEqual({ paid: feeTotals.paid, amount: feeTotals.paid_amount }, fees);
      const times = body<{ agencies: { agency: string; concluded: number; average_working_days: number; worst_working_days: number }[] }>(await call(app, who.head, 'GET', `/api/ledger/reply-times?year=${year}`));
      assert.equal(times.agencies.length, 1);
      assert.equal(times.agencies[0].agency, '云岫市自然资源局');
      assert.ok(times.agencies[0].concluded > 0 && times.agencies[0].worst_working_days >= times.agencies[0].average_working_days);
      const reviews = body<{ reviews: unknown[] }>(await call(app, who.head, 'GET', `/api/case-reviews?year=${year}`));
      assert.equal(reviews.reviews.length, plans.flatMap((p) => p.reviews).filter((r) => r.filedOn.startsWith(`${year}-`)).length);
      today = '2026-12-31';
    });

    test('odds and ends: assigning the 承办人, fee quotes, settings, reviews refused, supervisors’ reply times', async () => {
      // The eleventh application of the same organisation this month: 按件 100 元 (109号: 11—30 件每件 100 元).
      const company = { ...COMPANY, idNumber: demoCreditCode(seeded(7)) };
      let last = '';
      for (let i = 0; i < 11; i++) {
        const r = await call(app, who.clerk, 'POST', '/api/cases', { channel: 'in_person', on: `2026-12-${String(i + 1).padStart(2, '0')}`, applicant: company, request: { description: `第${i + 1}件申请` } });
        assert.equal(r.statusCode, 201, r.body);
        last = body<{ id: string }>(r).id;
      }
      const quote = body<{ month_count: number; per_application: { amount: number; month_total: number }; per_volume: { amount: number } }>(await call(app, who.head, 'GET', `/api/cases/${last}/fee-quote?pages=31`));
      assert.equal(quote.month_count, 11);
      assert.equal(quote.per_application.amount, 100);
      assert.equal(quote.per_application.month_total, 100);
      // 31 pages: 30 free, the 31st at 10 元.
      assert.equal(quote.per_volume.amount, 10);

      // Assigning: a 登记员 may, a 承办人 may not; the new 承办人 must be staff of the agency with a handling role.
      assert.equal((await call(app, who.handler, 'PATCH', `/api/cases/${last}`, { handler_id: ids.handler })).statusCode, 403);
      assert.equal((await call(app, who.clerk, 'PATCH', `/api/cases/${last}`, { handler_id: ids.clerk2 })).statusCode, 400);
      assert.equal((await call(app, who.clerk, 'PATCH', `/api/cases/${last}`, { handler_id: ids.other })).statusCode, 400);
      assert.equal((await call(app, who.clerk, 'PATCH', `/api/cases/${last}`, { handler_id: ids.handler })).statusCode, 200);
      assert.equal((await call(app, who.handler, 'GET', `/api/cases/${last}/applicant`)).statusCode, 200);
      assert.equal((await call(app, who.clerk, 'POST', '/api/cases', { channel: 'in_person', on: '2026-12-01', applicant: PERSON, request: { description: 'x' }, handler_id: ids.plain })).statusCode, 400);
      // Art. 31: a fax counts from the day both sides confirmed it; ordinary post needs the confirmation and counts from arrival.
      const fax = body<{ received_on: string; warnings: string[] }>(await call(app, who.clerk, 'POST', '/api/cases', { channel: 'fax', on: '2026-12-04', confirmed_on: '2026-12-07', applicant: PERSON, request: { description: '传真申请' } }));
      assert.equal(fax.received_on, '2026-12-07');
      const post = body<{ received_on: string; warnings: string[] }>(await call(app, who.clerk, 'POST', '/api/cases', { channel: 'ordinary_post', on: '2026-12-04', confirmed_on: '2026-12-07', applicant: PERSON, request: { description: '平信申请' } }));
      assert.equal(post.received_on, '2026-12-04');
      assert.match(post.warnings[0], /当日与申请人确认/);
      const unconfirmed = await call(app, who.clerk, 'POST', '/api/cases', { channel: 'ordinary_post', on: '2026-12-04', applicant: PERSON, request: { description: '平信申请' } });
      assert.equal(unconfirmed.statusCode, 422);
      assert.match(body<{ error: { message: string } }>(unconfirmed).error.message, /条例第三十一条第二项/);
      // A date after today is refused.
      const future = await call(app, who.clerk, 'POST', '/api/cases', { channel: 'in_person', on: '2027-01-05', applicant: PERSON, request: { description: 'x' } });
      assert.equal(future.statusCode, 422);
      assert.match(body<{ error: { message: string } }>(future).error.message, /晚于今天/);
      // Special actions have their own routes.
      assert.equal((await call(app, who.head, 'POST', `/api/cases/${last}/actions`, { type: 'split', on: '2026-12-11', into: ['a', 'b'] })).statusCode, 400);

      // Settings: own staff read them, another agency does not.
      assert.equal((await call(app, who.head, 'PATCH', `/api/agencies/${ids.a}/case-settings`, { review_body: '云岫市人民政府', court: '云岫市中级人民法院', contact_person: '王五', contact_phone: '0999-1234567' })).statusCode, 200);
      assert.equal(body<{ review_body: string }>(await call(app, who.clerk, 'GET', `/api/agencies/${ids.a}/case-settings`)).review_body, '云岫市人民政府');
      assert.equal((await call(app, who.other, 'GET', `/api/agencies/${ids.a}/case-settings`)).statusCode, 404);
      assert.equal((await call(app, who.admin, 'PATCH', `/api/agencies/${ids.b}/case-settings`, { review_body: '白鹭市人民政府', court: null, contact_person: ' ', contact_phone: null })).statusCode, 200);
      assert.deepEqual(body(await call(app, who.other, 'GET', `/api/agencies/${ids.b}/case-settings`)), { review_body: '白鹭市人民政府', court: null, contact_person: null, contact_phone: null, pause_while_awaiting_fee: null, due_soon_working_days: null });

      // Reviews: an unknown record cannot be decided; a registrar cannot file one.
      assert.equal((await call(app, who.clerk, 'POST', `/api/cases/${last}/reviews`, { kind: 'review', body: '云岫市人民政府', on: '2026-12-20' })).statusCode, 403);
      const unknown = await call(app, who.head, 'POST', `/api/cases/${last}/reviews/${ids.a}/decision`, { result: 'upheld', on: '2026-12-20' });
      assert.equal(unknown.statusCode, 422);
      // A letter that does not exist; a reply letter before any reply.
      assert.equal((await call(app, who.head, 'GET', `/api/cases/${last}/letters/${ids.a}`)).statusCode, 404);
      assert.equal((await call(app, who.head, 'GET', `/api/cases/${last}/letters/draft?kind=reply`)).statusCode, 400);
      const receipt = body<{ prefilled: Record<string, unknown> }>(await call(app, who.head, 'GET', `/api/cases/${last}/letters/draft?kind=receipt`));
      assert.equal(receipt.prefilled.receivedOn, '2026-12-11');

      // Reply times: a supervisor sees the agencies of the region, staff their own.
      const sup = body<{ agencies: { agency: string }[] }>(await call(app, who.supervisor, 'GET', '/api/ledger/reply-times'));
      assert.deepEqual(sup.agencies.map((a) => a.agency).sort(), ['云岫市自然资源局', '白鹭市交通运输局'].sort());
      const own = body<{ agencies: { agency: string }[] }>(await call(app, who.other, 'GET', '/api/ledger/reply-times'));
      assert.deepEqual(own.agencies.map((a) => a.agency), ['白鹭市交通运输局']);
      // Roles on accounts are managed by the administrator.
      const created = await call(app, who.admin, 'POST', '/api/users', { login: 'newclerk', display_name: '新登记员', password: 'a-long-enough-password', role: 'agency', agency_id: ids.a, case_roles: ['registrar'] });
      assert.equal(created.statusCode, 201, created.body);
      const uid = body<{ user: { id: string; case_roles: string[] } }>(created).user;
      assert.deepEqual(uid.case_roles, ['registrar']);
      const patched = await call(app, who.admin, 'PATCH', `/api/users/${uid.id}`, { case_roles: ['registrar', 'handler'] });
      assert.deepEqual(body<{ user: { case_roles: string[] } }>(patched).user.case_roles, ['registrar', 'handler']);
      // Public intake: the applicant type must match the document.
      assert.equal((await call(app, null, 'POST', '/api/public/applications', { agency_id: ids.a, applicant: { ...PERSON, idKind: 'credit_code', idNumber: COMPANY.idNumber }, request: { description: 'x' } })).statusCode, 400);
      assert.equal((await call(app, null, 'POST', '/api/public/applications', { agency_id: ids.a, applicant: { ...COMPANY, idKind: 'resident_id', idNumber: PERSON.idNumber }, request: { description: 'x' } })).statusCode, 400);
      assert.equal((await call(app, null, 'POST', '/api/public/applications', { agency_id: ids.a, applicant: { ...PERSON, type: 'martian' }, request: { description: 'x' } })).statusCode, 400);
      assert.equal((await call(app, null, 'POST', '/api/public/applications', { agency_id: '00000000-0000-7000-8000-000000000000', applicant: PERSON, request: { description: 'x' } })).statusCode, 404);
    });

    test('a case with 补正, a fee and a void: letters without a number, the public status at each stage, list filters', async () => {
      const applicant = { ...PERSON, email: 'zhang@example.cn', postcode: '100020', contactPerson: '张三丰本人' };
      assert.equal((await call(app, who.head, 'PATCH', `/api/agencies/${ids.a}/case-settings`, { review_body: '云岫市人民政府', court: '云岫市中级人民法院', contact_person: '王五', contact_phone: '0999-1234567' })).statusCode, 200);
      const reg = body<{ id: string; receipt_number: string; query_code: string }>(
        await call(app, who.clerk, 'POST', '/api/cases', { channel: 'in_person', on: '2026-12-01', applicant, request: { description: '某专项资金的分配明细', documentNumber: '云财〔2026〕1号' }, handler_id: ids.handler, note: '窗口代为填写' }),
      );
      const follow = async () => body<{ correction_due_by: string | null; fee: { amount: number; pay_by: string } | null; stage_label: string }>(await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number: reg.receipt_number, query_code: reg.query_code }));
      const post = async (c: Client, action: Record<string, unknown>) => {
        const res = await call(app, c, 'POST', `/api/cases/${reg.id}/actions`, action);
        assert.equal(res.statusCode, 201, res.body);
        return body<{ action: { id: string } }>(res).action.id;
      };
      await post(who.handler, { type: 'correction_requested', on: '2026-12-02', items: ['请提供文件全称'], dueBy: '2026-12-16' });
      assert.equal((await follow()).correction_due_by, '2026-12-16');
      // The 补正告知书 from the draft, without a 文号.
      const draft = body<{ prefilled: Record<string, unknown> }>(await call(app, who.handler, 'GET', `/api/cases/${reg.id}/letters/draft?kind=correction`));
      const made = await call(app, who.handler, 'POST', `/api/cases/${reg.id}/letters`, { kind: 'correction', slots: draft.prefilled });
      assert.equal(made.statusCode, 201, made.body);
      assert.match(body<{ paragraphs: { text: string }[] }>(made).paragraphs.map((p) => p.text).join(''), /请提供文件全称/);
      const bad = await call(app, who.handler, 'POST', `/api/cases/${reg.id}/letters`, { kind: 'correction', slots: { ...draft.prefilled, dueBy: '十二月' } });
      assert.equal(bad.statusCode, 422);
      await post(who.clerk, { type: 'correction_received', on: '2026-12-03' });
      // The applicant's 11th application this month would cost 100 元 按件; this one is charged by pages: 40 pages = 10 × 10 元.
      await post(who.handler, { type: 'fee_notice_sent', on: '2026-12-04', method: 'per_volume', quantity: 40, amount: 100 });
      const charged = await follow();
      assert.equal(charged.stage_label, '等待缴费');
      assert.equal(charged.fee?.amount, 100);
      const list = body<{ items: { id: string; urgency: string }[] }>(await call(app, who.head, 'GET', '/api/cases?stage=awaiting_payment'));
      assert.deepEqual(list.items.map((i) => i.id), [reg.id]);
      assert.equal(list.items[0].urgency, 'waiting_applicant');
      const paid = await post(who.clerk, { type: 'fee_paid', on: '2026-12-07', amount: 100 });
      // A mistaken record is voided, not deleted, and entered again.
      await post(who.handler, { type: 'voided', on: '2026-12-07', target: paid, reason: '缴费日期登记错误' });
      assert.equal((await follow()).stage_label, '等待缴费');
      await post(who.clerk, { type: 'fee_paid', on: '2026-12-08', amount: 100 });
      await post(who.handler, { type: 'reply_sent', on: '2026-12-10', outcome: 'granted' });
      const detail = body<{ voided: { target: string }[]; reply_time: { withinDeadline: boolean } | null; actions: { type: string; warnings: string[] }[] }>(await call(app, who.handler, 'GET', `/api/cases/${reg.id}`));
      assert.deepEqual(detail.voided.map((v) => v.target), [paid]);
      assert.equal(detail.reply_time?.withinDeadline, true);
      const full = body<{ applicant: { email: string; postcode: string } }>(await call(app, who.handler, 'GET', `/api/cases/${reg.id}/applicant`));
      assert.deepEqual([full.applicant.email, full.applicant.postcode], ['zhang@example.cn', '100020']);
      const masked = body<{ applicant: { email: string; postcode: string; contactPerson: string } }>(await call(app, who.clerk2, 'GET', `/api/cases/${reg.id}`));
      assert.deepEqual([masked.applicant.email, masked.applicant.postcode, masked.applicant.contactPerson], ['z***@example.cn', '10****', '张****']);
      // Filters: closed cases of 2026, paged.
      const closed = body<{ total: number; items: { open: boolean }[] }>(await call(app, who.head, 'GET', '/api/cases?open=false&year=2026&urgency=closed&limit=1&offset=0'));
      assert.ok(closed.total >= 1 && closed.items.length === 1 && !closed.items[0].open);
      const fees = body<{ notices: number; paid: number; by_method: Record<string, { amount: number }> }>(await call(app, who.head, 'GET', '/api/ledger/2026/fees'));
      assert.ok(fees.notices >= 1 && fees.by_method.per_volume.amount >= 100);
      // A split part may name its document.
      const parts = await call(app, who.clerk, 'POST', `/api/cases/${reg.id}/split`, { on: '2026-12-10', parts: [{ description: 'a', document_number: '文号甲' }, { description: 'b' }] });
      assert.equal(parts.statusCode, 422, 'a concluded case cannot be split');
    });

    test('the case routes are in the OpenAPI document', async () => {
      const doc = body<{ paths: Record<string, unknown> }>(await call(app, null, 'GET', '/api/openapi.json'));
      for (const p of ['/api/cases', '/api/cases/{id}', '/api/cases/{id}/actions', '/api/cases/{id}/split', '/api/cases/{id}/letters', '/api/cases/reminders', '/api/ledger/{year}/tables', '/api/calendar/{year}', '/api/public/applications', '/api/public/applications/follow']) assert.ok(doc.paths[p], p);
      const schema = body<{ anyOf: { title: string }[] }>(await call(app, null, 'GET', '/api/cases/action-schema'));
      assert.ok(schema.anyOf.some((s) => s.title === '批准延期'));
    });

    test('the vocabulary names what the screens show: outcomes, review kinds and results, channels, stages, letter kinds', async () => {
      type Named = { id: string; label: string };
      const v = body<{ outcomes: (Named & { via: string })[]; review_kinds: Named[]; review_results: Named[]; channels: Named[]; stages: Named[]; urgencies: Named[]; letters: { kind: string; title: string; variants: Named[] }[] }>(await call(app, null, 'GET', '/api/cases/vocabulary'));
      // outcomes.yaml lists 24 outcomes; 区分处理 is 部分公开 (条例第三十七条).
      assert.equal(v.outcomes.length, 24);
      assert.equal(v.outcomes.find((o) => o.id === 'partial')?.label, '部分公开（区分处理）');
      assert.equal(v.outcomes.find((o) => o.id === 'withdrawn')?.via, 'withdrawal');
      assert.deepEqual(v.review_kinds.map((k) => k.id), ['review', 'litigation_direct', 'litigation_after_review']);
      assert.equal(v.review_results.find((r) => r.id === 'upheld')?.label, '结果维持（维持、驳回、确认合法）');
      assert.equal(v.channels.find((c) => c.id === 'registered_post')?.label, '邮政挂号信等需签收的邮寄');
      assert.equal(v.stages.find((s) => s.id === 'awaiting_correction')?.label, '等待补正');
      assert.equal(v.urgencies.find((s) => s.id === 'overdue')?.label, '已超期');
      assert.deepEqual(v.letters.map((l) => l.kind), ['receipt', 'correction', 'extension', 'consultation', 'fee', 'reply']);
      assert.equal(v.letters.find((l) => l.kind === 'correction')?.title, '政府信息公开申请补正告知书');
      const reply = v.letters.find((l) => l.kind === 'reply')!;
      assert.equal(reply.title, '政府信息公开申请答复告知书');
      assert.equal(reply.variants.length, 24, 'one reply letter per outcome');
      // The schema's choices carry their Chinese names.
      const schema = body<{ anyOf: { properties: { type: { const: string }; party?: { anyOf: { const: string; title: string }[] } } }[] }>(await call(app, null, 'GET', '/api/cases/action-schema'));
      const consult = schema.anyOf.find((s) => s.properties.type.const === 'consultation_sent')!;
      assert.deepEqual(consult.properties.party?.anyOf.map((x) => x.title), ['第三方（条例第三十二条）', '共同制作机关（条例第三十四条）']);
    });
  });
}

test('online applications and look-ups are rate-limited', async () => {
  const store = await freshStore('pglite');
  const app = await buildApp({ store, worker: false, intakeRateLimit: 2 });
  try {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await call(app, null, 'POST', '/api/public/applications/follow', { receipt_number: 'YSQ2026-X', query_code: 'X' })).statusCode);
    assert.deepEqual(codes, [404, 404, 429]);
  } finally {
    await app.close();
    await store.close();
  }
});
