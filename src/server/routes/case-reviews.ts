// 行政复议 / 行政诉讼 records of a case: filing one (the case's `review_filed` action and the
// record, in one transaction), its result (the case's `review_decided` action), and the list of
// an agency's records with their results — what 表四 counts.

import type { FastifyPluginCallback } from 'fastify';
import type { CaseAction } from '../../cases/actions.ts';
import { recordAudit } from '../../store/audit.ts';
import { appendCaseAction, ActionRefused } from '../../store/case-actions.ts';
import { loadCalendar } from '../../store/calendar.ts';
import { newId } from '../../store/ids.ts';
import { fileReview, listReviews } from '../../store/reviews.ts';
import { auditUser } from '../context.ts';
import { actingStaff, agencyOf, asHttpError, caseErrors, caseStaff, mustMayAppend } from '../case-context.ts';
import { errors, uuid } from '../schemas.ts';

const tags = ['依申请公开案件'];
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const caseParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const;

export const caseReviewRoutes: FastifyPluginCallback = (app, _opts, done) => {
  const ctx = async () => ({ calendar: await loadCalendar(app.store.db), today: app.today() });

  app.post<{ Params: { id: string }; Body: { kind: 'review' | 'litigation_direct' | 'litigation_after_review'; body: string; case_number?: string; on: string; note?: string } }>(
    '/cases/:id/reviews',
    {
      schema: {
        tags,
        summary: '登记针对本案的行政复议或行政诉讼（计入表四）',
        params: caseParams,
        body: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['review', 'litigation_direct', 'litigation_after_review'] },
            body: { type: 'string', minLength: 1, maxLength: 200, description: '复议机关或人民法院' },
            case_number: { type: 'string', minLength: 1, maxLength: 100 },
            on: isoDate,
            note: { type: 'string', minLength: 1, maxLength: 2000 },
          },
          required: ['kind', 'body', 'on'],
          additionalProperties: false,
        },
        response: { ...errors, ...caseErrors },
      },
    },
    async (req, reply) => {
      const { v, c } = await actingStaff(app, req, req.params.id);
      mustMayAppend(v, { type: 'review_filed' });
      const { calendar, today } = await ctx();
      const b = req.body;
      const id = await app.store.db
        .transaction()
        .execute(async (tx) => {
          const rid = await fileReview(tx, { caseId: c.row.id, agencyId: c.row.agency_id, kind: b.kind, body: b.body, caseNumber: b.case_number, on: b.on, by: v.displayName, userId: v.userId, note: b.note }, { calendar, today });
          await recordAudit(tx, { user: auditUser(req), action: 'review_filed', entity: 'case', entityId: c.row.id, newValue: { record: rid, kind: b.kind }, ip: req.ip });
          return rid;
        })
        .catch(asHttpError);
      return reply.status(201).send({ id });
    },
  );

  app.post<{ Params: { id: string; record: string }; Body: { result: 'upheld' | 'corrected' | 'other'; on: string } }>(
    '/cases/:id/reviews/:record/decision',
    {
      schema: {
        tags,
        summary: '登记复议决定或判决结果（维持、纠正、其他）',
        params: { type: 'object', properties: { id: uuid, record: uuid }, required: ['id', 'record'] },
        body: { type: 'object', properties: { result: { type: 'string', enum: ['upheld', 'corrected', 'other'] }, on: isoDate }, required: ['result', 'on'], additionalProperties: false },
        response: { ...errors, ...caseErrors },
      },
    },
    async (req) => {
      const { v, c } = await actingStaff(app, req, req.params.id);
      const action: CaseAction = { type: 'review_decided', id: newId(), on: req.body.on, by: v.displayName, at: new Date().toISOString(), recordId: req.params.record, result: req.body.result };
      mustMayAppend(v, action);
      const { calendar, today } = await ctx();
      await app.store.db
        .transaction()
        .execute(async (tx) => {
          const known = await tx.selectFrom('case_reviews').select('id').where('id', '=', req.params.record).where('case_id', '=', c.row.id).executeTakeFirst();
          if (!known) throw new ActionRefused(['本案没有这条复议诉讼记录']);
          await appendCaseAction(tx, c.row.id, action, { calendar, today, userId: v.userId });
          await recordAudit(tx, { user: auditUser(req), action: 'review_decided', entity: 'case', entityId: c.row.id, newValue: { record: req.params.record, result: req.body.result }, ip: req.ip });
        })
        .catch(asHttpError);
      return { id: req.params.record, result: req.body.result };
    },
  );

  app.get<{ Querystring: { agency?: string; year?: number } }>(
    '/case-reviews',
    { schema: { tags, summary: '行政复议、行政诉讼记录及结果（表四的依据）', querystring: { type: 'object', properties: { agency: uuid, year: { type: 'integer', minimum: 1990, maximum: 2100 } }, additionalProperties: false }, response: errors } },
    async (req) => {
      const v = await caseStaff(app, req);
      const agency = agencyOf(v, req.query.agency);
      const { calendar, today } = await ctx();
      return { reviews: await listReviews(app.store.db, agency, { year: req.query.year, calendar, today }) };
    },
  );

  done();
};
