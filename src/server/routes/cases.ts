// The case ledger for agency staff: register an application (letter, visit, fax, oral, with the
// receipt-date rules of art. 31), split it (一事一申请), append actions (checked by the domain),
// list cases with due dates and their basis, overdue / due-soon reminders, the applicant's
// personal data (staff handling the case only; every view logged); letters and 行政复议/行政诉讼
// records have their own route files. Roles: 登记员, 承办人, 审核人,
// 负责人 (extensions and refusals); an agency sees only its own cases.

import type { FastifyPluginCallback } from 'fastify';
import { CHANNELS, type ActionOf, type Applicant, type CaseAction, type Channel } from '../../cases/actions.ts';
import { caseActionSchema } from '../../cases/schema.ts';
import { outcomeData } from '../../cases/outcomes.ts';
import { STAGE_LABELS } from '../../cases/derive.ts';
import { URGENCY_LABELS } from '../../cases/deadlines.ts';
import { LETTER_KINDS, letterTemplate } from '../../cases/letters/templates.ts';
import { recordAudit } from '../../store/audit.ts';
import { listCaseFiles, unknownDocumentRefs } from '../../store/case-files.ts';
import { listLetters } from '../../store/case-letters.ts';
import { handlesCase } from '../../store/case-access.ts';
import { appendCaseAction } from '../../store/case-actions.ts';
import { byUrgency, CASE_EXPORT_COLUMNS, caseDetail, summarize } from '../../store/case-views.ts';
import { csvField } from '../../store/exports.ts';
import { applicationsInMonth, loadAgencyCases } from '../../store/cases.ts';
import { feeByPages, feeForApplication, monthTotal } from '../../cases/fees.ts';
import { loadCalendar } from '../../store/calendar.ts';
import { newId } from '../../store/ids.ts';
import { registerCase, splitCase } from '../../store/intake.ts';
import { HttpError, auditUser, badRequest } from '../context.ts';
import { actingStaff, agencyOf, asHttpError, caseErrors, caseStaff, logPersonalView, mustBeAgencyStaff, mustHandle, mustMayAppend, visibleCase } from '../case-context.ts';
import { errors, uuid } from '../schemas.ts';

const tags = ['依申请公开案件'];
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const caseParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const;

/** The action schemas for the OpenAPI document (the server makes id, by and at). */
const actionBody = {
  type: 'object',
  description: '一条案件记录（src/cases/actions.ts 的类型之一，不含 id、by、at：由服务器生成）。各类型的字段见 GET /api/cases/action-schema。',
  properties: { type: { type: 'string' }, on: isoDate },
  required: ['type', 'on'],
  additionalProperties: true,
} as const;

const applicantBody = {
  type: 'object',
  properties: {
    type: { type: 'string', description: '表三的申请人类别（natural_person、commercial、research、social_welfare、legal_service、other）' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    idKind: { type: 'string', enum: ['resident_id', 'credit_code', 'other'] },
    idNumber: { type: 'string', minLength: 1, maxLength: 50 },
    contactPerson: { type: 'string', minLength: 1, maxLength: 100 },
    phone: { type: 'string', minLength: 1, maxLength: 50 },
    email: { type: 'string', minLength: 1, maxLength: 200 },
    address: { type: 'string', minLength: 1, maxLength: 300 },
    postcode: { type: 'string', pattern: '^\\d{6}$' },
  },
  required: ['type', 'name'],
  additionalProperties: false,
} as const;

const requestBody = {
  type: 'object',
  properties: {
    description: { type: 'string', minLength: 1, maxLength: 5000 },
    documentNumber: { type: 'string', minLength: 1, maxLength: 300 },
    form: { type: 'string', minLength: 1, maxLength: 200 },
    channel: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['description'],
  additionalProperties: false,
} as const;

export { applicantBody, requestBody };

export const caseRoutes: FastifyPluginCallback = (app, _opts, done) => {
  const ctx = async () => ({ calendar: await loadCalendar(app.store.db), today: app.today() });

  app.get<{ Querystring: { agency?: string; stage?: string; urgency?: string; year?: number; open?: boolean; limit?: number; offset?: number } }>(
    '/cases',
    {
      schema: {
        tags,
        summary: '案件列表：答复期限及其依据、紧急程度（申请人信息已遮蔽）',
        querystring: {
          type: 'object',
          properties: {
            agency: { ...uuid, description: '机关（管理员须指定；机关工作人员只能看本机关）' },
            stage: { type: 'string', enum: ['processing', 'awaiting_correction', 'consulting', 'awaiting_payment', 'concluded', 'superseded'] },
            urgency: { type: 'string', enum: ['overdue', 'due_soon', 'on_track', 'waiting_applicant', 'closed'] },
            year: { type: 'integer', minimum: 1990, maximum: 2100, description: '收到申请的年份' },
            open: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
        response: errors,
      },
    },
    async (req) => {
      const v = await caseStaff(app, req);
      const agency = agencyOf(v, req.query.agency);
      const { calendar, today } = await ctx();
      let items = (await loadAgencyCases(app.store.db, agency)).map((c) => summarize(c, calendar, today));
      const q = req.query;
      if (q.stage) items = items.filter((i) => i.stage === q.stage);
      if (q.urgency) items = items.filter((i) => i.urgency === q.urgency);
      if (q.year) items = items.filter((i) => i.received_on.startsWith(`${q.year}-`));
      if (q.open !== undefined) items = items.filter((i) => i.open === q.open);
      items.sort(byUrgency);
      const offset = q.offset ?? 0;
      return { total: items.length, today, items: items.slice(offset, offset + (q.limit ?? 100)) };
    },
  );

  app.get<{ Querystring: { agency?: string; year?: number } }>(
    '/cases/export',
    { schema: { tags, summary: '案件台账导出（CSV，UTF-8 BOM；申请人信息已遮蔽）', querystring: { type: 'object', properties: { agency: uuid, year: { type: 'integer', minimum: 1990, maximum: 2100 } }, additionalProperties: false }, response: errors } },
    async (req, reply) => {
      const v = await caseStaff(app, req);
      const agency = agencyOf(v, req.query.agency);
      const { calendar, today } = await ctx();
      const items = (await loadAgencyCases(app.store.db, agency)).map((c) => summarize(c, calendar, today)).filter((i) => !req.query.year || i.received_on.startsWith(`${req.query.year}-`));
      const lines = [CASE_EXPORT_COLUMNS.map((c) => c.label), ...items.map((i) => CASE_EXPORT_COLUMNS.map((c) => i[c.key]))].map((row) => row.map(csvField).join(','));
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`依申请公开台账-${today}.csv`)}`);
      return reply.type('text/csv; charset=utf-8').send('\ufeff' + lines.join('\r\n') + '\r\n');
    },
  );

  app.get<{ Querystring: { agency?: string } }>(
    '/cases/reminders',
    { schema: { tags, summary: '工作台提醒：已超期和即将到期的案件（含期限依据）及其他提示', querystring: { type: 'object', properties: { agency: uuid }, additionalProperties: false }, response: errors } },
    async (req) => {
      const v = await caseStaff(app, req);
      const agency = agencyOf(v, req.query.agency);
      const { calendar, today } = await ctx();
      const items = (await loadAgencyCases(app.store.db, agency)).map((c) => summarize(c, calendar, today)).filter((i) => i.open).sort(byUrgency);
      return {
        today,
        overdue: items.filter((i) => i.urgency === 'overdue'),
        due_soon: items.filter((i) => i.urgency === 'due_soon'),
        alerts: items.filter((i) => i.alerts.length && i.urgency !== 'overdue' && i.urgency !== 'due_soon').map((i) => ({ id: i.id, receipt_number: i.receipt_number, alerts: i.alerts })),
      };
    },
  );

  app.post<{ Body: { channel: Channel; on: string; confirmed_on?: string; applicant: Applicant; request: ActionOf<'received'>['request']; handler_id?: string; note?: string } }>(
    '/cases',
    {
      schema: {
        tags,
        summary: '登记申请（信函、当面、传真、口头等）：收到日期按条例第三十一条确定；返回受理编号和查询码（登记员、承办人、审核人、负责人）',
        body: {
          type: 'object',
          properties: {
            channel: { type: 'string', enum: Object.keys(CHANNELS) },
            on: { ...isoDate, description: '送达、签收或提交之日' },
            confirmed_on: { ...isoDate, description: '平常信函：与申请人确认之日；互联网、传真：双方确认之日' },
            applicant: applicantBody,
            request: requestBody,
            handler_id: { ...uuid, description: '承办人' },
            note: { type: 'string', minLength: 1, maxLength: 2000 },
          },
          required: ['channel', 'on', 'applicant', 'request'],
          additionalProperties: false,
        },
        response: { ...errors, ...caseErrors },
      },
    },
    async (req, reply) => {
      const v = await caseStaff(app, req);
      mustBeAgencyStaff(v);
      const b = req.body;
      if (b.handler_id) await assertHandler(b.handler_id, v.agencyId!);
      const { calendar, today } = await ctx();
      const r = await app.store.db
        .transaction()
        .execute(async (tx) => {
          const reg = await registerCase(tx, {
            agencyId: v.agencyId!,
            channel: b.channel,
            on: b.on,
            confirmedOn: b.confirmed_on,
            applicant: b.applicant,
            request: b.request,
            handlerId: b.handler_id ?? null,
            by: v.displayName,
            userId: v.userId,
            source: 'staff',
            today,
            calendar,
            note: b.note,
          });
          await recordAudit(tx, { user: auditUser(req), action: 'register', entity: 'case', entityId: reg.id, newValue: { receipt_number: reg.receiptNumber, channel: b.channel, on: b.on }, ip: req.ip });
          return reg;
        })
        .catch(asHttpError);
      return reply.status(201).send({ id: r.id, receipt_number: r.receiptNumber, query_code: r.queryCode, received_on: r.receivedOn, warnings: r.warnings });
    },
  );

  async function assertHandler(userId: string, agencyId: string): Promise<void> {
    const u = await app.store.db.selectFrom('users').select(['agency_id', 'case_roles']).where('id', '=', userId).executeTakeFirst();
    if (!u || u.agency_id !== agencyId || !u.case_roles.some((r) => r !== 'registrar')) throw badRequest('承办人须是本机关具有承办人、审核人或负责人角色的工作人员');
  }

  app.get<{ Params: { id: string } }>(
    '/cases/:id',
    { schema: { tags, summary: '案件详情：全部记录、状态、答复期限及依据、问题（申请人信息遮蔽；查看完整信息用 /applicant）', params: caseParams, response: errors } },
    async (req) => {
      const v = await caseStaff(app, req);
      const c = await visibleCase(app, v, req.params.id);
      const { calendar, today } = await ctx();
      return { ...caseDetail(c, calendar, today, false), letters: await listLetters(app.store.db, c.row.id), files: await listCaseFiles(app.store.db, c.row.id), may_view_applicant: handlesCase(v, c.row) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/cases/:id/applicant',
    { schema: { tags, summary: '申请人的身份和联系方式（仅办理本案的工作人员；每次查看记入审计日志）', params: caseParams, response: errors } },
    async (req) => {
      const v = await caseStaff(app, req);
      const c = await visibleCase(app, v, req.params.id);
      mustHandle(v, c);
      await logPersonalView(app, req, c, 'applicant');
      return { applicant: c.applicant };
    },
  );

  app.patch<{ Params: { id: string }; Body: { handler_id: string } }>(
    '/cases/:id',
    { schema: { tags, summary: '指定承办人（登记员、负责人）', params: caseParams, body: { type: 'object', properties: { handler_id: uuid }, required: ['handler_id'], additionalProperties: false }, response: errors } },
    async (req) => {
      const { v, c } = await actingStaff(app, req, req.params.id);
      if (!v.caseRoles.includes('registrar') && !v.caseRoles.includes('head')) throw new HttpError(403, 'forbidden', '指定承办人需要登记员或负责人角色');
      await assertHandler(req.body.handler_id, c.row.agency_id);
      // The assignment is not an action of the case (it has no legal date): a column, with the audit trail.
      await app.store.db.transaction().execute(async (tx) => {
        await tx.updateTable('cases').set({ handler_id: req.body.handler_id }).where('id', '=', c.row.id).execute();
        await recordAudit(tx, { user: auditUser(req), action: 'assign', entity: 'case', entityId: c.row.id, oldValue: { handler_id: c.row.handler_id }, newValue: { handler_id: req.body.handler_id }, ip: req.ip });
      });
      return { id: c.row.id, handler_id: req.body.handler_id };
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, unknown> & { type: string; on: string } }>(
    '/cases/:id/actions',
    { schema: { tags, summary: '追加一条记录（按法定规则校验；延期和不予公开等答复须负责人）', params: caseParams, body: actionBody, response: { ...errors, ...caseErrors } } },
    async (req, reply) => {
      const { v, c } = await actingStaff(app, req, req.params.id);
      const { id: _i, by: _b, at: _a, ...body } = req.body;
      if (body.type === 'received' || body.type === 'split' || body.type === 'review_filed') throw badRequest(`“${body.type}”请用专门的接口（登记申请、拆分申请、复议诉讼记录）`);
      mustMayAppend(v, body as unknown as CaseAction);
      const refs = ((body as { documents?: { ref?: unknown }[] }).documents ?? []).map((d) => String(d.ref));
      const unknown = await unknownDocumentRefs(app.store.db, c.row.id, refs);
      if (unknown.length) throw new HttpError(422, 'refused', `记录所附文书须是本案件已上传的文件或已出具的文书，找不到：${unknown.join('、')}`);
      const action = { ...body, id: newId(), by: v.displayName, at: new Date().toISOString(), ...(body.type === 'extension_approved' ? { approver: v.displayName } : {}) } as unknown as CaseAction;
      const { calendar, today } = await ctx();
      const r = await app.store.db
        .transaction()
        .execute(async (tx) => {
          const appended = await appendCaseAction(tx, c.row.id, action, { calendar, today, userId: v.userId });
          await recordAudit(tx, { user: auditUser(req), action: 'append', entity: 'case', entityId: c.row.id, newValue: { type: action.type, id: action.id, on: action.on }, ip: req.ip });
          return appended;
        })
        .catch(asHttpError);
      return reply.status(201).send({ action: { id: r.action.id, type: r.action.type }, warnings: r.warnings, case: summarize(r.case, calendar, today, r.view) });
    },
  );

  app.post<{ Params: { id: string }; Body: { on: string; parts: { description: string; document_number?: string }[] } }>(
    '/cases/:id/split',
    {
      schema: {
        tags,
        summary: '一事一申请：把一件申请拆分为多件（各有受理编号，沿用原收到日期和查询码）',
        params: caseParams,
        body: {
          type: 'object',
          properties: {
            on: isoDate,
            parts: { type: 'array', minItems: 2, maxItems: 200, items: { type: 'object', properties: { description: { type: 'string', minLength: 1, maxLength: 5000 }, document_number: { type: 'string', minLength: 1, maxLength: 300 } }, required: ['description'], additionalProperties: false } },
          },
          required: ['on', 'parts'],
          additionalProperties: false,
        },
        response: { ...errors, ...caseErrors },
      },
    },
    async (req, reply) => {
      const { v, c } = await actingStaff(app, req, req.params.id);
      mustMayAppend(v, { type: 'split' });
      const { calendar, today } = await ctx();
      const parts = await app.store.db
        .transaction()
        .execute(async (tx) => {
          const out = await splitCase(tx, c.row.id, req.body.parts.map((p) => ({ description: p.description, documentNumber: p.document_number })), { by: v.displayName, userId: v.userId, on: req.body.on, today, calendar });
          await recordAudit(tx, { user: auditUser(req), action: 'split', entity: 'case', entityId: c.row.id, newValue: { into: out.map((p) => p.receiptNumber) }, ip: req.ip });
          return out;
        })
        .catch(asHttpError);
      return reply.status(201).send({ parts: parts.map((p) => ({ id: p.id, receipt_number: p.receiptNumber, received_on: p.receivedOn })) });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { pages?: number } }>(
    '/cases/:id/fee-quote',
    {
      schema: {
        tags,
        summary: '信息处理费试算：按件（该申请人本自然月在本机关的第几件申请）或按量（页数）',
        params: caseParams,
        querystring: { type: 'object', properties: { pages: { type: 'integer', minimum: 1, maximum: 1_000_000 } }, additionalProperties: false },
        response: errors,
      },
    },
    async (req) => {
      const v = await caseStaff(app, req);
      const c = await visibleCase(app, v, req.params.id);
      // Counting needs the identity number; only the count and the fee leave the store.
      const k = c.applicant.idNumber ? await applicationsInMonth(app.store.db, c.row.agency_id, c.applicant.idNumber, c.row.received_on) : 1;
      const perApplication = monthTotal(k);
      return {
        month_count: k,
        per_application: { quantity: k, amount: feeForApplication(k), month_total: perApplication.amount, basis: perApplication.basis },
        ...(req.query.pages ? { per_volume: (({ amount, basis }) => ({ quantity: req.query.pages, amount, basis }))(feeByPages(req.query.pages)) } : {}),
      };
    },
  );

  app.get('/cases/action-schema', { schema: { tags, summary: '案件记录的 JSON Schema（各类型及其字段、中文名称）' } }, () => caseActionSchema());

  // The Chinese names the screens need beside the schema's ids: outcomes (which the schema lists
  // as an enum of ids), 表四's review kinds and results, and the letter templates with their
  // variants. All read from the data files; nothing personal.
  app.get('/cases/vocabulary', { schema: { tags, summary: '案件用语：办理结果、复议诉讼类别和结果、提交方式、文书种类及其名称（来自数据文件）' } }, () => {
    const data = outcomeData();
    return {
      outcomes: data.outcomes.map((o) => ({ id: o.id, label: o.label, basis: o.basis, via: o.via })),
      review_kinds: data.review.kinds.map((k) => ({ id: k.id, label: k.label })),
      review_results: data.review.results.map((r) => ({ id: r.id, label: r.label })),
      channels: Object.entries(CHANNELS).map(([id, label]) => ({ id, label })),
      stages: Object.entries(STAGE_LABELS).map(([id, label]) => ({ id, label })),
      urgencies: Object.entries(URGENCY_LABELS).map(([id, label]) => ({ id, label })),
      letters: LETTER_KINDS.map((kind) => {
        const variants = kind === 'reply' ? data.outcomes.map((o) => ({ id: o.id, label: o.label })) : [];
        return { kind, title: letterTemplate(kind, variants[0]?.id).title, variants };
      }),
    };
  });

  done();
};
