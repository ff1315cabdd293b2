// The year-end assembly of the annual report through the HTTP API, on both backends: a draft
// saved and reloaded; a stale save refused without overwriting; last year's text offered from the
// agency's stored 2024 report; a section copied from it raising the 内容雷同 warning; publishing
// refused while an error typed into 表二 remains, then accepted; the published report in the
// corpus with 表三/表四 equal to the ledger's; only the 负责人 publishes; another agency gets 404.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { compileYear } from '../src/cases/compile.ts';
import type { Report } from '../src/interchange/types.ts';
import { buildApp } from '../src/server/app.ts';
import { createAgency } from '../src/store/agencies.ts';
import { appendCaseAction } from '../src/store/case-actions.ts';
import { loadCalendar } from '../src/store/calendar.ts';
import { figureValues, figuresKey, figuresOf } from '../src/store/figures.ts';
import { newId } from '../src/store/ids.ts';
import { registerCase } from '../src/store/intake.ts';
import { insertVersions, versionRows } from '../src/store/reports.ts';
import { createUser } from '../src/store/users.ts';
import { call, signIn, type Client } from './support/api.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

const PASSWORD = 'correct-horse-battery';
type Table = Record<string, Record<string, number | null>>;
interface Finding { rule: string; severity: string; message: string; cells: string[]; sections: string[]; passages?: string[] }
interface DraftOut {
  revision: number;
  format: string;
  active: Table;
  sections: Record<string, string>;
  published: { report_id: string; version: number; revision: number; at: string | null } | null;
  published_current: boolean;
}
interface ReportOut {
  agency: { id: string; name: string };
  draft: DraftOut;
  tables: Record<string, Table>;
  locked: string[];
  previous: { year: number; report_id: string; version: number; sections: string[] } | null;
  revisions: { revision: number; saved_by: string | null }[];
  permissions: { edit: boolean; publish: boolean };
}
interface Refusal { error: { code: string; message: string }; findings?: Finding[] }
interface CheckOut { findings: Finding[]; publishable: boolean }
interface SavedOut { draft: DraftOut }
interface CorpusOut { report: { current_version: number; published: boolean }; content: Report }
interface LedgerOut { tables: Record<string, Table> }

const LAST_YEAR_OVERVIEW =
  '二〇二四年，本局坚持以公开为常态、不公开为例外，围绕自然资源管理中心工作，健全政务公开制度，完善信息发布审核流程，' +
  '及时公开国土空间规划、耕地保护、矿产资源管理等方面的政策文件和办事指南，主动回应社会关切，保障人民群众的知情权、参与权和监督权。';

const SECTIONS = {
  overview: '本年度本局聚焦不动产登记便民改革，上线了网上查询窗口，在门户网站开设专栏集中发布规划批后公示，政务公开培训覆盖各科室。',
  active: '本局在门户网站发布规章和规范性文件，集中公开行政许可、行政处罚的决定，相关数据见下表。',
  applications: '本年度共收到政府信息公开申请3件，均按法定期限答复，具体情况见下表。',
  review_litigation: '本年度未发生因政府信息公开引起的行政复议和行政诉讼。',
  problems: '依申请公开答复文书的说理仍需加强，下一步将组织承办人员学习条例和典型案例，统一答复口径。',
  other_matters: '无。',
};

/** 表二 as staff type it: every cell of the 2021 format's 表二. */
const ACTIVE = {
  regulations: { issued: 0, repealed: 0, in_force: 2 },
  normative_documents: { issued: 3, repealed: 1, in_force: 12 },
  licensing: { decisions: 45 },
  penalty: { decisions: 6 },
  coercion: { decisions: 0 },
  admin_fees: { amount_wan: 0 },
};

for (const backend of BACKENDS) {
  describe(`annual report assembly API on ${backend}`, () => {
    let store: TestStore;
    let app: FastifyInstance;
    const ids: Record<string, string> = {};
    const who: Record<string, Client> = {};

    /** A report of the agency in the corpus, as an import would leave it. */
    async function storeReport(agencyId: string, report: Report): Promise<string> {
      const id = newId();
      const measured = figuresOf(report);
      await store.db
        .insertInto('reports')
        .values({ id, agency_id: agencyId, year: report.year, format: report.format, status: 'checked', published: true, current_version: 1, figure_values: figureValues(measured), figures_key: figuresKey() })
        .execute();
      await insertVersions(store.db, [versionRows({ reportId: id, version: 1, report, kind: 'import', documentSha256: null, createdBy: null })]);
      return id;
    }

    before(async () => {
      store = await freshStore(backend);
      const a = await createAgency(store.db, { name: '云岫市自然资源局', region_code: '990101', level: 'city', kind: 'department' });
      const b = await createAgency(store.db, { name: '白鹭市交通运输局', region_code: '990201', level: 'city', kind: 'department' });
      ids.a = a.id;
      ids.b = b.id;
      const users: [string, Parameters<typeof createUser>[1]][] = [
        ['head', { login: 'head', displayName: '负责人丁', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['registrar', 'handler', 'reviewer', 'head'] }],
        ['handler', { login: 'handler', displayName: '承办人丙', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['handler'] }],
        ['admin', { login: 'admin', displayName: '管理员', password: PASSWORD, role: 'admin' }],
        ['other', { login: 'other', displayName: '白鹭负责人', password: PASSWORD, role: 'agency', agencyId: b.id, caseRoles: ['registrar', 'handler', 'reviewer', 'head'] }],
      ];
      for (const [key, u] of users) ids[key] = (await createUser(store.db, u)).id;

      // The ledger of 2025: two applications answered, one still open at the year's end.
      const calendar = await loadCalendar(store.db);
      const today = '2026-01-20';
      const person = { type: 'natural_person', name: '张三丰', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678' } as const;
      const company = { type: 'commercial', name: '某某建材有限公司', idKind: 'credit_code', idNumber: '91350100M000100Y43', phone: '0591-12345678' } as const;
      const register = (on: string, applicant: typeof person | typeof company) =>
        registerCase(store.db, { agencyId: a.id, channel: 'in_person', on, applicant: applicant, request: { description: '某地块的规划许可' }, by: '登记员', userId: null, source: 'staff', today, calendar });
      const reply = (caseId: string, on: string, outcome: string) =>
        appendCaseAction(store.db, caseId, { type: 'reply_sent', id: newId(), on, by: '承办人', outcome } as never, { calendar, today, userId: null });
      const c1 = await register('2025-03-03', person);
      await reply(c1.id, '2025-03-10', 'granted');
      const c2 = await register('2025-06-02', company);
      await reply(c2.id, '2025-06-20', 'partial');
      await register('2025-12-22', person);

      // Last year's report (2024, nothing carried over) and an imported 2025 report already there.
      const last = compileYear([], { year: 2024, calendar, agency: a.name, active: ACTIVE }).report;
      last.sections = [
        { id: 'overview', title: '一、总体情况', text: LAST_YEAR_OVERVIEW },
        { id: 'problems', title: '五、存在的主要问题及改进情况', text: '公开内容的规范性有待提高。' },
      ];
      ids.last = await storeReport(a.id, last);
      const imported = compileYear([], { year: 2025, calendar, agency: a.name, active: ACTIVE }).report;
      ids.imported = await storeReport(a.id, imported);

      app = await buildApp({ store, worker: false, loginRateLimit: 1000, today: () => today });
      for (const [key, u] of users) who[key] = await signIn(app, u.login, PASSWORD);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('the draft starts empty with 表三/表四 compiled from the ledger and locked', async () => {
      const res = await call(app, who.handler, 'GET', '/api/ledger/2025/report');
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json<ReportOut>();
      assert.equal(d.draft.revision, 0);
      assert.equal(d.draft.format, '2021');
      assert.deepEqual(Object.keys(d.draft.sections), ['overview', 'active', 'applications', 'review_litigation', 'problems', 'other_matters']);
      assert.equal(d.draft.active.regulations.issued, null);
      assert.deepEqual(d.locked, ['applications', 'review_litigation']);
      // By hand: new 2 自然人 + 1 商业企业; 予以公开 1 (自然人), 部分公开 1 (商业企业); 1 carried forward.
      const t3 = d.tables.applications;
      assert.equal(t3.new_received.natural_person, 2);
      assert.equal(t3.new_received.commercial, 1);
      assert.equal(t3.new_received.total, 3);
      assert.equal(t3.carried_over.total, 0);
      assert.equal(t3.granted.natural_person, 1);
      assert.equal(t3.partial.commercial, 1);
      assert.equal(t3.results_total.total, 2);
      assert.equal(t3.carried_forward.natural_person, 1);
      assert.equal(d.tables.review_litigation.review.total, 0);
      assert.deepEqual(d.previous, { year: 2024, report_id: ids.last, version: 1, sections: ['overview', 'problems'] });
      assert.deepEqual(d.permissions, { edit: true, publish: false });
    });

    test('a draft is saved and reloaded; a stale save is refused and overwrites nothing', async () => {
      const first = await call(app, who.handler, 'PUT', '/api/ledger/2025/report', { revision: 0, active: { regulations: { issued: 0 } }, sections: { overview: '草稿第一稿' } });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json<SavedOut>().draft.revision, 1);
      const second = await call(app, who.head, 'PUT', '/api/ledger/2025/report', { revision: 1, active: ACTIVE, sections: { ...SECTIONS, overview: '负责人改的第二稿' } });
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(second.json<SavedOut>().draft.revision, 2);
      // The handler saves again from revision 1: refused, in Chinese, the head's text kept.
      const stale = await call(app, who.handler, 'PUT', '/api/ledger/2025/report', { revision: 1, active: ACTIVE, sections: { overview: '承办人基于第一稿的修改' } });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.json<Refusal>().error.message, /已被他人保存为第2稿，而您是在第1稿上修改的/);
      const again = await call(app, who.handler, 'PUT', '/api/ledger/2025/report', { revision: 0, active: {}, sections: {} });
      assert.equal(again.statusCode, 409);
      const reloaded = (await call(app, who.handler, 'GET', '/api/ledger/2025/report')).json<ReportOut>();
      assert.equal(reloaded.draft.revision, 2);
      assert.equal(reloaded.draft.sections.overview, '负责人改的第二稿');
      assert.equal(reloaded.draft.sections.other_matters, '无。');
      assert.equal(reloaded.draft.active.licensing.decisions, 45);
      // Every save kept: revisions 2 and 1, newest first, with who saved them.
      assert.deepEqual(reloaded.revisions.map((r) => [r.revision, r.saved_by]), [[2, '负责人丁'], [1, '承办人丙']]);
      const kept = await store.db.selectFrom('annual_draft_revisions').select(['revision', 'sections']).orderBy('revision').execute();
      assert.deepEqual(kept.map((r) => r.sections.overview), ['草稿第一稿', '负责人改的第二稿']);
      // An audit entry with the old and new value for each save.
      const audit = await store.db.selectFrom('audit_log').select(['old_value', 'new_value', 'user_login']).where('entity', '=', 'annual_draft').orderBy('id').execute();
      assert.equal(audit.length, 2);
      assert.equal((audit[1].old_value as { sections: Record<string, string> }).sections.overview, '草稿第一稿');
      assert.equal((audit[1].new_value as { sections: Record<string, string> }).sections.overview, '负责人改的第二稿');
      // Cells outside 表二 cannot be typed in.
      const typedT3 = await call(app, who.head, 'PUT', '/api/ledger/2025/report', { revision: 2, active: { new_received: { total: 9 } }, sections: {} });
      assert.equal(typedT3.statusCode, 422);
      assert.match(typedT3.json<Refusal>().error.message, /表二没有单元格“new_received\.total”/);
      const unknown = await call(app, who.head, 'PUT', '/api/ledger/2025/report', { revision: 2, active: {}, sections: { foreword: '前言', overview: '字'.repeat(50_001) } });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.json<Refusal>().error.message, /2021年版格式没有“foreword”这一部分；“总体情况”超过50000字/);
    });

    test("last year's text is offered per section, and copying it raises the 内容雷同 warning on that section", async () => {
      const prev = await call(app, who.handler, 'GET', '/api/ledger/2025/report/previous');
      assert.equal(prev.statusCode, 200, prev.body);
      assert.deepEqual(prev.json<{ sections: Record<string, string> }>().sections, { overview: LAST_YEAR_OVERVIEW, problems: '公开内容的规范性有待提高。' });
      assert.equal((await call(app, who.handler, 'GET', '/api/ledger/2024/report/previous')).statusCode, 404); // no 2023 report
    });

    test('the check lists findings per section and cell; publishing is refused with the errors, then accepted', async () => {
      // The overview copied from last year, and a negative number typed into 表二.
      const save = await call(app, who.head, 'PUT', '/api/ledger/2025/report', {
        revision: 2,
        active: { ...ACTIVE, regulations: { issued: 0, repealed: -1, in_force: 2 } },
        sections: { ...SECTIONS, overview: LAST_YEAR_OVERVIEW },
      });
      assert.equal(save.statusCode, 200, save.body);
      const check = (await call(app, who.head, 'POST', '/api/ledger/2025/report/check', {})).json<CheckOut>();
      const copied = check.findings.find((f) => f.rule === 'similarity.previous_year' && f.sections.includes('overview'));
      assert.ok(copied, JSON.stringify(check.findings));
      assert.equal(copied.severity, 'warning');
      assert.match(copied.message, /“一、总体情况”.*100%与2024年度报告的同一部分相同/);
      assert.ok((copied.passages ?? []).length >= 1);
      const negative = check.findings.find((f) => f.rule === 'cell.negative');
      assert.deepEqual(negative?.cells, ['active.regulations.repealed']);
      assert.equal(check.publishable, false);
      // Unsaved content can be checked too: with the overview rewritten, no 内容雷同.
      const fresh = (await call(app, who.head, 'POST', '/api/ledger/2025/report/check', { sections: SECTIONS })).json<CheckOut>();
      assert.equal(fresh.findings.filter((f) => f.rule === 'similarity.previous_year').length, 0);

      // Only the 负责人 publishes.
      const byHandler = await call(app, who.handler, 'POST', '/api/ledger/2025/report/publish', { revision: 3 });
      assert.equal(byHandler.statusCode, 403);
      assert.match(byHandler.json<Refusal>().error.message, /只有本机关负责人可以发布/);
      const refused = await call(app, who.head, 'POST', '/api/ledger/2025/report/publish', { revision: 3 });
      assert.equal(refused.statusCode, 422);
      const r = refused.json<Refusal>();
      assert.equal(r.error.code, 'publication_refused');
      assert.match(r.error.message, /还有1个错误，不能发布.*本年废止件数.*负数/);
      assert.deepEqual((r.findings ?? []).map((f) => f.rule), ['cell.negative']);
      // Nothing written: the corpus report still has its one imported version.
      assert.equal((await store.db.selectFrom('reports').select('current_version').where('id', '=', ids.imported).executeTakeFirstOrThrow()).current_version, 1);

      // Corrected (and the overview rewritten): published as version 2 of the agency's 2025 report.
      assert.equal((await call(app, who.head, 'PUT', '/api/ledger/2025/report', { revision: 3, active: ACTIVE, sections: SECTIONS })).statusCode, 200);
      const stalePublish = await call(app, who.head, 'POST', '/api/ledger/2025/report/publish', { revision: 3 });
      assert.equal(stalePublish.statusCode, 409);
      const ok = await call(app, who.head, 'POST', '/api/ledger/2025/report/publish', { revision: 4 });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual({ ...ok.json<Record<string, unknown>>(), message: undefined }, { report_id: ids.imported, version: 2, created: false, message: undefined });

      // In the corpus: the new version with 表三/表四 equal to the ledger's tables, 表二 as typed.
      const corpus = (await call(app, who.head, 'GET', `/api/reports/${ids.imported}`)).json<CorpusOut>();
      assert.equal(corpus.report.current_version, 2);
      assert.equal(corpus.report.published, true);
      const ledger = (await call(app, who.head, 'GET', '/api/ledger/2025/tables')).json<LedgerOut>();
      assert.deepEqual(corpus.content.tables.applications, ledger.tables.applications);
      assert.deepEqual(corpus.content.tables.review_litigation, ledger.tables.review_litigation);
      assert.equal(corpus.content.tables.applications.new_received.total, 3);
      assert.equal(corpus.content.tables.active.normative_documents.in_force, 12);
      assert.equal(corpus.content.sections.find((x) => x.id === 'overview')?.text, SECTIONS.overview);
      const version = await store.db.selectFrom('report_versions').select(['kind', 'published_on', 'note']).where('report_id', '=', ids.imported).where('version', '=', 2).executeTakeFirstOrThrow();
      assert.equal(version.kind, 'assembly');
      assert.equal(version.published_on, '2026-01-20');
      // Provenance: every 表三/表四 cell 'ledger', the 10 表二 cells (3+3+1+1+1+1 typed above) 'entered'.
      const prov = await store.db.selectFrom('cells').select(['table_id', 'provenance']).where('report_id', '=', ids.imported).where('version', '=', 2).execute();
      assert.ok(prov.filter((c) => c.table_id !== 'active').every((c) => c.provenance === 'ledger'));
      assert.deepEqual(prov.filter((c) => c.table_id === 'active').map((c) => c.provenance), Array(10).fill('entered'));
      assert.ok(prov.filter((c) => c.table_id === 'applications').length > 0);
      const published = (await call(app, who.head, 'GET', '/api/ledger/2025/report')).json<ReportOut>().draft;
      assert.equal(published.published_current, true);
      assert.deepEqual({ ...published.published!, at: undefined }, { report_id: ids.imported, version: 2, revision: 4, at: undefined });
      const audit = await store.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'publish').execute();
      assert.deepEqual(audit, [{ action: 'publish', entity_id: ids.imported }]);
    });

    test('downloads: a draft carries the watermark, the published report does not', async () => {
      const published = await call(app, who.handler, 'GET', '/api/ledger/2025/report/render?to=html');
      assert.equal(published.statusCode, 200, published.body);
      assert.ok(!published.body.includes('草稿'));
      assert.ok(published.body.includes('<p>本年度本局聚焦不动产登记便民改革'));
      assert.match(String(published.headers['content-disposition']), /filename\*=UTF-8''/);
      // A change after publishing is a draft again until published.
      assert.equal((await call(app, who.head, 'PUT', '/api/ledger/2025/report', { revision: 4, active: ACTIVE, sections: { ...SECTIONS, other_matters: '本年度无其他事项。' } })).statusCode, 200);
      const draft = await call(app, who.handler, 'GET', '/api/ledger/2025/report/render?to=html');
      assert.ok(draft.body.includes('草稿'));
      assert.ok(draft.body.includes('本年度无其他事项'));
      const docx = await call(app, who.handler, 'GET', '/api/ledger/2025/report/render?to=docx');
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    });

    test('the routes are in the OpenAPI description; the administrator reads a named agency but does not edit', async () => {
      const doc = (await call(app, null, 'GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
      for (const p of ['/api/ledger/{year}/report', '/api/ledger/{year}/report/previous', '/api/ledger/{year}/report/check', '/api/ledger/{year}/report/publish', '/api/ledger/{year}/report/render']) assert.ok(doc.paths[p], p);
      assert.deepEqual(Object.keys(doc.paths['/api/ledger/{year}/report']).sort(), ['get', 'put']);
      assert.equal((await call(app, who.admin, 'GET', '/api/ledger/2025/report')).statusCode, 400); // names no agency
      const read = (await call(app, who.admin, 'GET', `/api/ledger/2025/report?agency=${ids.a}`)).json<ReportOut>();
      assert.equal(read.agency.name, '云岫市自然资源局');
      assert.deepEqual(read.permissions, { edit: false, publish: false });
      assert.equal((await call(app, who.admin, 'PUT', '/api/ledger/2025/report', { revision: 5, active: {}, sections: {} })).statusCode, 403);
      // Nothing to publish before a first save.
      const none = await call(app, who.other, 'POST', '/api/ledger/2025/report/publish', { revision: 1 });
      assert.equal(none.statusCode, 422);
      assert.match(none.json<Refusal>().error.message, /还没有保存过草稿/);
    });

    test("another agency's staff cannot see the report (404) and their own draft is separate", async () => {
      for (const url of ['/api/ledger/2025/report', '/api/ledger/2025/report/previous', '/api/ledger/2025/report/render?to=html']) {
        const res = await call(app, who.other, 'GET', `${url}${url.includes('?') ? '&' : '?'}agency=${ids.a}`);
        assert.equal(res.statusCode, 404, url);
      }
      assert.equal((await call(app, who.other, 'POST', `/api/ledger/2025/report/check?agency=${ids.a}`, {})).statusCode, 404);
      const own = (await call(app, who.other, 'GET', '/api/ledger/2025/report')).json<ReportOut>();
      assert.equal(own.agency.id, ids.b);
      assert.equal(own.draft.revision, 0);
      assert.equal(own.tables.applications.new_received.total, 0);
      assert.equal(own.previous, null);
    });
  });
}
