// Year-end and dashboard figures from the case ledger: 表三/表四 of a year compiled from the
// agency's cases with the cases behind each cell, fee totals (section 六), reply times per
// agency; and the agency's case settings (the remedies paragraph its letters print).

import type { FastifyPluginCallback } from 'fastify';
import { recordAudit } from '../../store/audit.ts';
import { compileLedgerYear, feeTotals, replyTimes } from '../../store/case-reports.ts';
import { caseSettings, saveCaseSettings, type CaseSettings } from '../../store/case-settings.ts';
import { loadAgencyCases, loadCasesOf } from '../../store/cases.ts';
import { loadCalendar } from '../../store/calendar.ts';
import { HttpError, auditUser, notFound, signedIn } from '../context.ts';
import { agencyOf, caseStaff, staffViewer } from '../case-context.ts';
import { errors, idParams, uuid } from '../schemas.ts';

const tags = ['依申请公开案件'];
const yearParams = { type: 'object', properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 } }, required: ['year'] } as const;

export const ledgerRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Params: { year: number }; Querystring: { agency?: string; format?: '2019' | '2021' } }>(
    '/ledger/:year/tables',
    {
      schema: {
        tags,
        summary: '年终：由案件台账生成本年度表三、表四（每个数字后面的案件、核查结果）',
        params: yearParams,
        querystring: { type: 'object', properties: { agency: uuid, format: { type: 'string', enum: ['2019', '2021'] } }, additionalProperties: false },
        response: errors,
      },
    },
    async (req) => {
      const v = await caseStaff(app, req);
      const agency = agencyOf(v, req.query.agency);
      const a = await app.store.db.selectFrom('agencies').select('name').where('id', '=', agency).executeTakeFirst();
      if (!a) throw notFound('机关');
      const calendar = await loadCalendar(app.store.db);
      const cases = await loadAgencyCases(app.store.db, agency, { receivedBy: `${req.params.year}-12-31` });
      const y = compileLedgerYear(cases, { year: req.params.year, calendar, agency: a.name, format: req.query.format });
      return {
        year: req.params.year,
        format: y.report.format,
        tables: { applications: y.report.tables.applications, review_litigation: y.report.tables.review_litigation },
        contributions: y.contributions,
        receipts: y.receipts,
        findings: y.findings,
        problems: y.problems,
      };
    },
  );

  app.get<{ Params: { year: number }; Querystring: { agency?: string } }>(
    '/ledger/:year/fees',
    { schema: { tags, summary: '本年度信息处理费：发出收费通知、实际收取的件数和金额（年报第六部分）', params: yearParams, querystring: { type: 'object', properties: { agency: uuid }, additionalProperties: false }, response: errors } },
    async (req) => {
      const v = await caseStaff(app, req);
      const agency = agencyOf(v, req.query.agency);
      const calendar = await loadCalendar(app.store.db);
      return feeTotals(await loadAgencyCases(app.store.db, agency), calendar, req.params.year, app.today());
    },
  );

  app.get<{ Querystring: { year?: number } }>(
    '/ledger/reply-times',
    {
      schema: {
        tags,
        summary: '各机关答复用时：平均和最长工作日、超期件数（机关工作人员：本机关；监督人员：所辖地区；管理员：全部）',
        querystring: { type: 'object', properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 } }, additionalProperties: false },
        response: errors,
      },
    },
    async (req) => {
      const v = await staffViewer(app, req);
      let q = app.store.db.selectFrom('agencies').select(['id', 'name']);
      if (v.role === 'agency') q = q.where('id', '=', v.agencyId!);
      else if (v.role === 'supervisor') q = q.where('region_code', 'like', `${v.regionPrefix ?? ''}%`);
      const agencies = await q.execute();
      const calendar = await loadCalendar(app.store.db);
      const rows = replyTimes(await loadCasesOf(app.store.db, agencies.map((a) => a.id)), calendar, app.today(), req.query.year);
      // Every agency in scope, those without a concluded case with zeros.
      const byAgency = new Map(rows.map((r) => [r.agency_id, r]));
      const all = agencies.map((a) => ({ ...(byAgency.get(a.id) ?? { agency_id: a.id, concluded: 0, average_working_days: null, worst_working_days: null, worst_case: null, late: 0 }), agency: a.name }));
      return { agencies: all.sort((a, b) => (b.average_working_days ?? -1) - (a.average_working_days ?? -1) || a.agency.localeCompare(b.agency)) };
    },
  );

  const settingsBody = {
    type: 'object',
    properties: {
      review_body: { type: ['string', 'null'], maxLength: 200, description: '行政复议机关（2024年起多为本级人民政府）' },
      court: { type: ['string', 'null'], maxLength: 200 },
      contact_person: { type: ['string', 'null'], maxLength: 100 },
      contact_phone: { type: ['string', 'null'], maxLength: 50 },
      // The two open choices (docs/cases.md): null is the national default; absent keeps the current.
      pause_while_awaiting_fee: { type: ['boolean', 'null'], description: '收费通知发出至缴费期间是否不计入答复期限（默认：不计入）' },
      due_soon_working_days: { type: ['integer', 'null'], minimum: 1, maximum: 20, description: '距答复期限几个工作日内列为“即将到期”（默认 5）' },
    },
    required: ['review_body', 'court', 'contact_person', 'contact_phone'],
    additionalProperties: false,
  } as const;

  app.get<{ Params: { id: string } }>(
    '/agencies/:id/case-settings',
    { schema: { tags, summary: '机关文书的救济途径（复议机关、人民法院）和联系方式', params: idParams, response: errors } },
    async (req) => {
      const v = signedIn(req);
      if (v.role !== 'admin' && v.agencyId !== req.params.id) throw notFound('机关的案件设置');
      return caseSettings(app.store.db, req.params.id);
    },
  );

  app.patch<{ Params: { id: string }; Body: Omit<CaseSettings, 'pause_while_awaiting_fee' | 'due_soon_working_days'> & Partial<CaseSettings> }>(
    '/agencies/:id/case-settings',
    { schema: { tags, summary: '设置文书的救济途径和联系方式，以及收费期间是否计入答复期限、“即将到期”的提前天数（本机关负责人或管理员）', params: idParams, body: settingsBody, response: errors } },
    async (req) => {
      const v = await staffViewer(app, req);
      const own = v.role === 'agency' && v.agencyId === req.params.id && v.caseRoles.includes('head');
      if (v.role !== 'admin' && !own) throw new HttpError(403, 'forbidden', '只有本机关负责人或管理员可以更改案件设置');
      const empty = (s: string | null) => (s && s.trim() ? s.trim() : null);
      const before = await caseSettings(app.store.db, req.params.id);
      const b = req.body;
      const next: CaseSettings = {
        review_body: empty(b.review_body),
        court: empty(b.court),
        contact_person: empty(b.contact_person),
        contact_phone: empty(b.contact_phone),
        pause_while_awaiting_fee: b.pause_while_awaiting_fee === undefined ? before.pause_while_awaiting_fee : b.pause_while_awaiting_fee,
        due_soon_working_days: b.due_soon_working_days === undefined ? before.due_soon_working_days : b.due_soon_working_days,
      };
      await app.store.db.transaction().execute(async (tx) => {
        await saveCaseSettings(tx, req.params.id, next, v.userId);
        await recordAudit(tx, { user: auditUser(req), action: 'update', entity: 'case_settings', entityId: req.params.id, oldValue: before, newValue: next, ip: req.ip });
      });
      return next;
    },
  );
  done();
};
