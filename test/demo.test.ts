// The demo corpus `npm start` loads: every report imported through the pipeline, matched to its
// agency, marked demo, and the planted problems found — and no others of those kinds.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { initialize } from '../src/cli/serve.ts';
import { DEMO_AGENCIES, DEMO_YEARS } from '../src/demo/corpus.ts';
import { generateCaseYear } from '../src/demo/cases.ts';
import { DEMO_CASE_COUNT, DEMO_CASE_SEED, DEMO_CASE_YEAR } from '../src/demo/ledger.ts';
import { compileLedgerYear } from '../src/store/case-reports.ts';
import { loadAgencyCases } from '../src/store/cases.ts';
import { loadCalendar } from '../src/store/calendar.ts';
import { exportRows, REPORT_COLUMNS } from '../src/store/exports.ts';
import { listReports } from '../src/store/search.ts';
import { freshStore, type TestStore } from './support/store.ts';

let store: TestStore;
before(async () => {
  store = await freshStore('pglite');
  await initialize(store, true);
});
after(async () => {
  await store.close();
});

async function findings(rule: string) {
  return store.db
    .selectFrom('diagnostics as d')
    .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'd.report_id').onRef('r.current_version', '=', 'd.version'))
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['a.name', 'r.year', 'd.message', 'd.cells'])
    .where('d.rule', '=', rule)
    .execute();
}

test('every agency has a report for every year, matched, marked demo, imported as a web page', async () => {
  const reports = await store.db.selectFrom('reports as r').innerJoin('agencies as a', 'a.id', 'r.agency_id').select(['a.name', 'r.year', 'r.demo', 'r.status', 'r.format', 'a.demo as agency_demo']).execute();
  assert.equal(reports.length, DEMO_AGENCIES.length * DEMO_YEARS.length);
  assert.ok(reports.every((r) => r.demo && r.agency_demo && r.status !== 'needs_decision'));
  assert.deepEqual([...new Set(reports.filter((r) => r.year! <= 2020).map((r) => r.format))], ['2019']);
  assert.deepEqual([...new Set(reports.filter((r) => r.year! >= 2021).map((r) => r.format))], ['2021']);
  const agencies = await store.db.selectFrom('agencies').select('name').execute();
  assert.equal(agencies.length, DEMO_AGENCIES.length, 'no agency created twice');
  const users = await store.db.selectFrom('users').select(['login', 'role']).orderBy('login').execute();
  assert.deepEqual(users.map((u) => u.role), ['admin', 'agency', 'supervisor']);
});

test('every list of reports marks the demo reports 示例数据: the corpus list, an agency’s years, exports', async () => {
  const admin = { role: 'admin' as const, userId: '00000000-0000-0000-0000-000000000000', login: 't', regionPrefix: null, agencyId: null };
  const list = await listReports(store.db, admin, {}, { limit: 500 });
  assert.equal(list.items.length, DEMO_AGENCIES.length * DEMO_YEARS.length);
  assert.ok(list.items.every((i) => i.data_label === '示例数据'));
  const one = await listReports(store.db, { role: 'public' }, { agencyId: list.items[0].agency_id! }, { limit: 100, sort: 'year' });
  assert.ok(one.items.every((i) => i.data_label === '示例数据'));
  const column = REPORT_COLUMNS.find((c) => c.key === 'data_label');
  assert.equal(column?.label, '数据性质');
  let exported = 0;
  for await (const row of exportRows(store.db, admin, { year: 2023 })) {
    assert.equal(row.report.data_label, '示例数据');
    exported++;
  }
  assert.equal(exported, DEMO_AGENCIES.length);
});

test('the planted problems are found where they were planted', async () => {
  const where = async (rule: string) => [...new Set((await findings(rule)).map((f) => `${f.name}${f.year}`))].sort();
  assert.deepEqual(await where('applications.balance'), ['云岫市东湖区民政局2023']);
  assert.deepEqual(await where('history.carry_over'), ['云岫市财政局2022']);
  assert.deepEqual(await where('history.in_force'), []);
  assert.deepEqual(await where('history.review_pending'), []);
  assert.deepEqual(await where('review_litigation.row_sum'), ['白鹭市人民政府2024']);
  assert.deepEqual(await where('similarity.previous_year'), ['云岫市教育局2024']);
  assert.deepEqual(await where('similarity.peer'), ['云岫市生态环境局2023', '白鹭市交通运输局2023'].sort());
  // A copied narrative keeps the numbers it was copied with.
  assert.deepEqual(await where('narrative.number_mismatch'), ['云岫市教育局2024', '白鹭市交通运输局2023'].sort());
  assert.ok((await findings('cell.blank')).some((f) => f.name === '云岫市东湖区桂园街道办事处' && f.year === 2021));
});

test('the demo agency has a year of cases, marked demo, whose 表三/表四 pass the checks', async () => {
  const agency = await store.db.selectFrom('agencies').select('id').where('name', '=', '云岫市财政局').executeTakeFirstOrThrow();
  const cases = await loadAgencyCases(store.db, agency.id);
  const scripts = generateCaseYear(DEMO_CASE_SEED, DEMO_CASE_YEAR, DEMO_CASE_COUNT);
  // Every script is one case, a split one is also its parts.
  assert.equal(cases.length, scripts.reduce((n, s) => n + 1 + (s.split?.parts.length ?? 0), 0));
  assert.ok(cases.every((c) => c.row.demo && c.row.agency_id === agency.id));
  const y = compileLedgerYear(cases, { year: DEMO_CASE_YEAR, calendar: await loadCalendar(store.db), agency: '云岫市财政局' });
  assert.deepEqual(y.findings, []);
  assert.deepEqual(y.problems, []);
  const plans = scripts.flatMap((s) => (s.split ? s.split.parts.map((p) => p.plan) : [s.plan]));
  assert.equal(y.report.tables.applications.new_received.total, plans.filter((p) => p.receivedOn.startsWith(`${DEMO_CASE_YEAR}-`)).length);
  const staff = await store.db.selectFrom('users').select('case_roles').where('login', '=', 'demo-agency').executeTakeFirstOrThrow();
  assert.deepEqual(staff.case_roles, ['registrar', 'handler', 'reviewer', 'head']);
  const settings = await store.db.selectFrom('agency_case_settings').select('review_body').where('agency_id', '=', agency.id).executeTakeFirstOrThrow();
  assert.equal(settings.review_body, '云岫市人民政府');
});
