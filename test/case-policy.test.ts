// An agency's own choices where the rules leave them open (docs/cases.md, CasePolicy), on both
// backends: whether the days between a fee notice and the payment count toward the reply period,
// and how early a case is listed as due soon. Set by the agency's 负责人, they move its open
// cases' deadlines and lists at once; another agency's cases keep the national defaults.
//
// Dates counted by hand on the 2026 calendar (November 2026 has no holiday): received Monday
// 2 November; 20 working days from 3 November end Monday 30 November. A fee notice on Monday
// 9 November paid on Friday 13 November pauses 10–13 November (4 working days): due Friday
// 4 December. Today is Wednesday 18 November: 19, 20, 23–27 and 30 November are 8 working days
// left before 30 November.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createAgency } from '../src/store/agencies.ts';
import { createUser } from '../src/store/users.ts';
import { call, signIn, type Client } from './support/api.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

const PASSWORD = 'correct-horse-battery';
const ALL = ['registrar', 'handler', 'reviewer', 'head'] as const;
const PERSON = { type: 'natural_person', name: '张三丰', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678' };
const SETTINGS = { review_body: '云岫市人民政府', court: '云岫市东湖区人民法院', contact_person: '政务公开科', contact_phone: '0999-1234567' };

interface Summary { due: string; urgency: string; working_days_left: number; basis: string[] }

for (const backend of BACKENDS) {
  describe(`an agency's case policy on ${backend}`, () => {
    let store: TestStore;
    let app: FastifyInstance;
    const who: Record<string, Client> = {};
    const agency: Record<string, string> = {};
    const cases: Record<string, string> = {};

    const summary = async (c: Client, id: string) => (await call(app, c, 'GET', `/api/cases/${id}`)).json<{ case: Summary }>().case;

    before(async () => {
      store = await freshStore(backend);
      agency.a = (await createAgency(store.db, { name: '云岫市自然资源局', region_code: '990101', level: 'city', kind: 'department' })).id;
      agency.b = (await createAgency(store.db, { name: '白鹭市交通运输局', region_code: '990201', level: 'city', kind: 'department' })).id;
      const users: [string, Parameters<typeof createUser>[1]][] = [
        ['head', { login: 'head', displayName: '负责人丁', password: PASSWORD, role: 'agency', agencyId: agency.a, caseRoles: [...ALL] }],
        ['handler', { login: 'handler', displayName: '承办人丙', password: PASSWORD, role: 'agency', agencyId: agency.a, caseRoles: ['handler'] }],
        ['other', { login: 'other', displayName: '白鹭负责人', password: PASSWORD, role: 'agency', agencyId: agency.b, caseRoles: [...ALL] }],
      ];
      for (const [, u] of users) await createUser(store.db, u);
      app = await buildApp({ store, worker: false, loginRateLimit: 1000, today: () => '2026-11-18' });
      for (const [key, u] of users) who[key] = await signIn(app, u.login, PASSWORD);
      for (const [key, c] of [['fee', who.head], ['plain', who.head], ['b', who.other]] as const) {
        const reg = await call(app, c, 'POST', '/api/cases', { channel: 'in_person', on: '2026-11-02', applicant: PERSON, request: { description: '某地块的征收补偿方案' } });
        assert.equal(reg.statusCode, 201, reg.body);
        cases[key] = reg.json<{ id: string }>().id;
      }
      const fee = { type: 'fee_notice_sent', on: '2026-11-09', method: 'per_volume', quantity: 31, amount: 10 };
      for (const [id, c] of [[cases.fee, who.head], [cases.b, who.other]] as const) {
        assert.equal((await call(app, c, 'POST', `/api/cases/${id}/actions`, fee)).statusCode, 201);
        assert.equal((await call(app, c, 'POST', `/api/cases/${id}/actions`, { type: 'fee_paid', on: '2026-11-13', amount: 10 })).statusCode, 201);
      }
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('by default the fee wait is left out of the period and due soon means 5 working days', async () => {
      const settings = (await call(app, who.head, 'GET', `/api/agencies/${agency.a}/case-settings`)).json<Record<string, unknown>>();
      assert.equal(settings.pause_while_awaiting_fee, null);
      assert.equal(settings.due_soon_working_days, null);
      const fee = await summary(who.head, cases.fee);
      assert.equal(fee.due, '2026-12-04');
      assert.ok(fee.basis.some((b) => /暂停 4 个工作日/.test(b)), fee.basis.join(' | '));
      const plain = await summary(who.head, cases.plain);
      assert.deepEqual([plain.due, plain.working_days_left, plain.urgency], ['2026-11-30', 8, 'on_track']);
    });

    test("the 负责人 sets the agency's choices; its open cases move at once, another agency's do not", async () => {
      assert.equal((await call(app, who.handler, 'PATCH', `/api/agencies/${agency.a}/case-settings`, { ...SETTINGS, due_soon_working_days: 10 })).statusCode, 403);
      assert.equal((await call(app, who.head, 'PATCH', `/api/agencies/${agency.a}/case-settings`, { ...SETTINGS, due_soon_working_days: 21 })).statusCode, 400);
      const res = await call(app, who.head, 'PATCH', `/api/agencies/${agency.a}/case-settings`, { ...SETTINGS, pause_while_awaiting_fee: false, due_soon_working_days: 10 });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await summary(who.head, cases.fee)).due, '2026-11-30');
      const plain = await summary(who.head, cases.plain);
      assert.equal(plain.urgency, 'due_soon');
      const soon = (await call(app, who.head, 'GET', '/api/cases/reminders')).json<{ due_soon: { id: string }[] }>();
      assert.deepEqual(soon.due_soon.map((c) => c.id).sort(), [cases.fee, cases.plain].sort());
      assert.equal((await summary(who.other, cases.b)).due, '2026-12-04');
    });

    test('a save that leaves the choices out keeps them; null goes back to the national default; the audit log has both values', async () => {
      assert.equal((await call(app, who.head, 'PATCH', `/api/agencies/${agency.a}/case-settings`, { ...SETTINGS, contact_phone: '0999-7654321' })).statusCode, 200);
      const kept = (await call(app, who.head, 'GET', `/api/agencies/${agency.a}/case-settings`)).json<Record<string, unknown>>();
      assert.deepEqual([kept.pause_while_awaiting_fee, kept.due_soon_working_days, kept.contact_phone], [false, 10, '0999-7654321']);
      assert.equal((await call(app, who.head, 'PATCH', `/api/agencies/${agency.a}/case-settings`, { ...SETTINGS, pause_while_awaiting_fee: null, due_soon_working_days: null })).statusCode, 200);
      assert.equal((await summary(who.head, cases.fee)).due, '2026-12-04');
      assert.equal((await summary(who.head, cases.plain)).urgency, 'on_track');
      const audit = await store.db.selectFrom('audit_log').select(['old_value', 'new_value']).where('entity', '=', 'case_settings').where('entity_id', '=', agency.a).orderBy('at').execute();
      assert.equal(audit.length, 3);
      assert.deepEqual([(audit[2].old_value as Record<string, unknown>).due_soon_working_days, (audit[2].new_value as Record<string, unknown>).due_soon_working_days], [10, null]);
    });
  });
}
