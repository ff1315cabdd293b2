// The public side of the ledger, without an account: a citizen or an organisation files an
// application online (identity numbers checked: 公民身份号码, 统一社会信用代码) and gets a receipt
// number and a query code; with both they follow the case. Both routes are rate-limited per
// address; a wrong code and an unknown number get the same answer.

import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginCallback } from 'fastify';
import type { ActionOf, Applicant } from '../../cases/actions.ts';
import { applicantTypeLabel, applicantTypes } from '../../cases/identity.ts';
import { recordAudit } from '../../store/audit.ts';
import { publicStatus } from '../../store/case-views.ts';
import { hashQueryCode, loadCaseByReceipt } from '../../store/cases.ts';
import { loadCalendar } from '../../store/calendar.ts';
import { registerCase } from '../../store/intake.ts';
import { HttpError, badRequest } from '../context.ts';
import { asHttpError, caseErrors } from '../case-context.ts';
import { errors, uuid } from '../schemas.ts';
import { applicantBody, requestBody } from './cases.ts';

const tags = ['依申请公开（公众）'];

export const intakeRoutes: FastifyPluginCallback<{ intakeRateLimit: number }> = (app, opts, done) => {
  const limited = { rateLimit: { max: opts.intakeRateLimit, timeWindow: 60_000 } };

  app.get('/public/applications/form', { schema: { tags, summary: '在线申请表的选项：申请人类别（即表三的列）、证件类型' } }, () => ({
    applicant_types: applicantTypes().map((c) => ({ id: c.id, label: applicantTypeLabel(c), organisation: !!c.group })),
    id_kinds: { resident_id: '居民身份证', credit_code: '统一社会信用代码', other: '其他证件' },
  }));

  app.post<{ Body: { agency_id: string; applicant: Applicant; request: ActionOf<'received'>['request'] } }>(
    '/public/applications',
    {
      config: limited,
      schema: {
        tags,
        summary: '在线提交政府信息公开申请：返回受理编号和查询码（查询码只显示这一次）',
        body: {
          type: 'object',
          properties: { agency_id: uuid, applicant: { ...applicantBody, required: ['type', 'name', 'idKind', 'idNumber'] }, request: requestBody },
          required: ['agency_id', 'applicant', 'request'],
          additionalProperties: false,
        },
        response: { ...errors, ...caseErrors, 429: errors[400] },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const a = b.applicant;
      if (!a.phone && !a.email && !a.address) throw badRequest('请至少填写一种联系方式（电话、电子邮箱或通信地址）');
      const column = applicantTypes().find((c) => c.id === a.type);
      if (!column) throw badRequest(`申请人类别“${a.type}”无效`);
      if (!column.group && a.idKind === 'credit_code') throw badRequest('自然人请填写居民身份证或其他身份证件号码');
      if (column.group && a.idKind === 'resident_id') throw badRequest('法人或其他组织请填写统一社会信用代码');
      const agency = await app.store.db.selectFrom('agencies').select(['id', 'name']).where('id', '=', b.agency_id).executeTakeFirst();
      if (!agency) throw new HttpError(404, 'not_found', '没有这个机关');
      const today = app.today();
      const calendar = await loadCalendar(app.store.db);
      const r = await app.store.db
        .transaction()
        .execute(async (tx) => {
          // Online: the day the platform confirms receipt to the applicant (this answer) counts (art. 31 (三)).
          const reg = await registerCase(tx, { agencyId: agency.id, channel: 'online', on: today, confirmedOn: today, applicant: a, request: b.request, by: '在线申请', userId: null, source: 'online', today, calendar });
          await recordAudit(tx, { user: null, action: 'file_online', entity: 'case', entityId: reg.id, newValue: { receipt_number: reg.receiptNumber }, ip: req.ip });
          return reg;
        })
        .catch(asHttpError);
      const due = calendar.addWorkingDays(r.receivedOn, 20);
      return reply.status(201).send({
        receipt_number: r.receiptNumber,
        query_code: r.queryCode,
        agency: agency.name,
        received_on: r.receivedOn,
        due: due.date,
        due_provisional: due.provisional,
        message: `申请已提交。受理编号 ${r.receiptNumber}，查询码 ${r.queryCode}（请妥善保存，只显示这一次）。${agency.name}应在 ${due.date}${due.provisional ? '（暂定）' : ''} 前答复；需要补正、征求第三方意见或延期的，会另行告知。`,
      });
    },
  );

  app.post<{ Body: { receipt_number: string; query_code: string } }>(
    '/public/applications/follow',
    {
      config: limited,
      schema: {
        tags,
        summary: '凭受理编号和查询码查询办理进度（无需账户）',
        body: { type: 'object', properties: { receipt_number: { type: 'string', minLength: 1, maxLength: 64 }, query_code: { type: 'string', minLength: 1, maxLength: 32 } }, required: ['receipt_number', 'query_code'], additionalProperties: false },
        response: { ...errors, 429: errors[400] },
      },
    },
    async (req) => {
      const c = await loadCaseByReceipt(app.store.db, req.body.receipt_number.trim());
      const given = Buffer.from(hashQueryCode(req.body.query_code), 'hex');
      const ok = !!c && timingSafeEqual(given, Buffer.from(c.row.query_code_hash, 'hex'));
      if (!c || !ok) throw new HttpError(404, 'not_found', '受理编号或查询码不正确');
      const agency = await app.store.db.selectFrom('agencies').select('name').where('id', '=', c.row.agency_id).executeTakeFirstOrThrow();
      const parts = await app.store.db.selectFrom('cases').select('receipt_number').where('split_from', '=', c.row.id).orderBy('receipt_number').execute();
      const calendar = await loadCalendar(app.store.db);
      return publicStatus(c, calendar, app.today(), agency.name, parts);
    },
  );
  done();
};
