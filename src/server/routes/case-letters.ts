// Letters of a case: the draft (the template's locked text, its slots, what the case already
// knows), issuing a letter (every slot checked, the agency's remedies paragraph required), and
// the letter as Word, PDF or web page. Letters print the applicant's name: only staff handling
// the case, and every view is logged.

import type { FastifyPluginCallback } from 'fastify';
import { renderLetterHtml } from '../../cases/letters/html.ts';
import { LETTER_KINDS, letterTemplate, type LetterKind } from '../../cases/letters/templates.ts';
import { slotsFromCase, type SlotValue } from '../../cases/letters/fill.ts';
import { recordAudit } from '../../store/audit.ts';
import { createLetter, loadLetter } from '../../store/case-letters.ts';
import { viewOf } from '../../store/case-views.ts';
import { loadCalendar } from '../../store/calendar.ts';
import { auditUser, badRequest, notFound } from '../context.ts';
import { actingStaff, asHttpError, caseErrors, caseStaff, logPersonalView, mustHandle, visibleCase } from '../case-context.ts';
import { errors, uuid } from '../schemas.ts';

const tags = ['依申请公开案件'];
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const caseParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const;

export const caseLetterRoutes: FastifyPluginCallback = (app, _opts, done) => {
  const ctx = async () => ({ calendar: await loadCalendar(app.store.db), today: app.today() });

  app.get<{ Params: { id: string }; Querystring: { kind: LetterKind; variant?: string } }>(
    '/cases/:id/letters/draft',
    {
      schema: {
        tags,
        summary: '文书草稿：模板的法定文字（锁定）、可填写的栏目及案件已知的内容（含申请人姓名，记入审计日志）',
        params: caseParams,
        querystring: { type: 'object', properties: { kind: { type: 'string', enum: [...LETTER_KINDS] }, variant: { type: 'string', maxLength: 60 } }, required: ['kind'], additionalProperties: false },
        response: errors,
      },
    },
    async (req) => {
      const v = await caseStaff(app, req);
      const c = await visibleCase(app, v, req.params.id);
      mustHandle(v, c);
      const { calendar, today } = await ctx();
      const view = viewOf(c, calendar, today);
      const variant = req.query.kind === 'reply' ? (req.query.variant ?? view.outcome) : undefined;
      if (req.query.kind === 'reply' && !variant) throw badRequest('答复告知书须指明办理结果（variant），或先登记答复');
      let template;
      try {
        template = letterTemplate(req.query.kind, variant);
      } catch (e) {
        return asHttpError(e);
      }
      await logPersonalView(app, req, c, `letter_draft:${req.query.kind}`);
      return { kind: template.kind, variant: template.variant ?? null, title: template.title, locked_text: template.body, slots: template.slots, prefilled: slotsFromCase(view, req.query.kind, variant) };
    },
  );

  app.post<{ Params: { id: string }; Body: { kind: LetterKind; variant?: string; slots: Record<string, SlotValue>; number?: string; issued_on?: string } }>(
    '/cases/:id/letters',
    {
      schema: {
        tags,
        summary: '出具文书：法定文字锁定，只填写栏目；校验全部栏目和本机关的救济途径后保存',
        params: caseParams,
        body: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: [...LETTER_KINDS] },
            variant: { type: 'string', maxLength: 60 },
            // Each slot's type is checked when the letter is filled (text, date, list, integer, yuan).
            slots: { type: 'object', maxProperties: 50, additionalProperties: true, description: '栏目编号 → 内容（文字、日期、列表或整数，按模板的栏目类型校验）' },
            number: { type: 'string', minLength: 1, maxLength: 100 },
            issued_on: isoDate,
          },
          required: ['kind', 'slots'],
          additionalProperties: false,
        },
        response: { ...errors, ...caseErrors },
      },
    },
    async (req, reply) => {
      const { v, c } = await actingStaff(app, req, req.params.id);
      mustHandle(v, c);
      const b = req.body;
      // A reply letter is for the case's outcome unless another is named.
      const variant = b.kind === 'reply' ? (b.variant ?? viewOf(c, (await ctx()).calendar, app.today()).outcome) : b.variant;
      const r = await app.store.db
        .transaction()
        .execute(async (tx) => {
          const made = await createLetter(tx, { caseId: c.row.id, agencyId: c.row.agency_id, kind: b.kind, variant, number: b.number, slots: b.slots, issuedOn: b.issued_on ?? app.today(), userId: v.userId });
          await recordAudit(tx, { user: auditUser(req), action: 'letter', entity: 'case', entityId: c.row.id, newValue: { letter: made.id, kind: b.kind, variant: variant ?? null }, ip: req.ip });
          return made;
        })
        .catch(asHttpError);
      return reply.status(201).send({ id: r.id, title: r.letter.title, paragraphs: r.letter.paragraphs });
    },
  );

  app.get<{ Params: { id: string; letter: string }; Querystring: { to?: 'docx' | 'pdf' | 'html' } }>(
    '/cases/:id/letters/:letter',
    {
      schema: {
        tags,
        summary: '文书文件：Word、PDF 或网页（含申请人姓名：仅办理本案的工作人员，记入审计日志）',
        params: { type: 'object', properties: { id: uuid, letter: uuid }, required: ['id', 'letter'] },
        querystring: { type: 'object', properties: { to: { type: 'string', enum: ['docx', 'pdf', 'html'], default: 'docx' } }, additionalProperties: false },
        response: errors,
      },
    },
    async (req, reply) => {
      const v = await caseStaff(app, req);
      const c = await visibleCase(app, v, req.params.id);
      mustHandle(v, c);
      const letter = await loadLetter(app.store.db, c.row.id, req.params.letter, c.row.agency_id).catch(asHttpError);
      if (!letter) throw notFound('文书');
      await logPersonalView(app, req, c, `letter:${req.params.letter}`);
      const to = req.query.to ?? 'docx';
      const name = `${c.row.receipt_number}-${letter.title}.${to}`;
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      if (to === 'html') {
        void reply.header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'");
        return reply.type('text/html; charset=utf-8').send(renderLetterHtml(letter));
      }
      const { renderLetterDocx, renderLetterPdf } = await import('../../cases/index.ts');
      if (to === 'pdf') return reply.type('application/pdf').send(Buffer.from(await renderLetterPdf(letter)));
      return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(Buffer.from(await renderLetterDocx(letter)));
    },
  );

  done();
};
