// Findings of a report and their review: confirm, dismiss with a reason, or reopen.

import type { FastifyPluginCallback } from 'fastify';
import { recordAudit } from '../../store/audit.ts';
import { reviewDiagnostic } from '../../store/diagnostics.ts';
import { canReview } from '../../store/scope.ts';
import { auditUser, badRequest, forbidden, notFound, signedIn } from '../context.ts';
import { diagnosticSchema, errors, uuid } from '../schemas.ts';
import { readableReport } from './reports.ts';

export const diagnosticRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/reports/:id/diagnostics',
    {
      schema: {
        tags: ['问题'],
        summary: '报告（当前或指定版本）的全部问题及审核状态',
        params: { type: 'object', properties: { id: uuid }, required: ['id'] },
        querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
        response: { 200: { type: 'object', properties: { version: { type: 'integer' }, diagnostics: { type: 'array', items: diagnosticSchema } } }, ...errors },
      },
    },
    async (req) => {
      const head = await readableReport(app, req, req.params.id);
      const version = req.query.version ?? head.current_version;
      const rows = await app.store.db.selectFrom('diagnostics').selectAll().where('report_id', '=', head.id).where('version', '=', version).orderBy('position').execute();
      return { version, diagnostics: rows };
    },
  );

  app.post<{ Params: { id: string; position: number }; Body: { decision: 'confirmed' | 'dismissed' | 'open'; reason?: string; version?: number } }>(
    '/reports/:id/diagnostics/:position/review',
    {
      schema: {
        tags: ['问题'],
        summary: '审核一个问题：确认（confirmed）、排除（dismissed，须说明理由）或重新打开（open）；记入审计日志',
        params: { type: 'object', properties: { id: uuid, position: { type: 'integer', minimum: 0 } }, required: ['id', 'position'] },
        body: {
          type: 'object',
          properties: {
            decision: { type: 'string', enum: ['confirmed', 'dismissed', 'open'] },
            reason: { type: 'string', maxLength: 2000 },
            version: { type: 'integer', minimum: 1, description: '默认当前版本' },
          },
          required: ['decision'],
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { diagnostic: diagnosticSchema } }, ...errors },
      },
    },
    async (req) => {
      const v = signedIn(req);
      const head = await readableReport(app, req, req.params.id);
      if (!canReview(req.viewer, head)) throw forbidden('只有管理员和负责该地区的监督人员可以审核问题');
      const reason = req.body.reason?.trim();
      if (req.body.decision === 'dismissed' && !reason) throw badRequest('排除问题时须说明理由');
      const result = await app.store.db.transaction().execute(async (tx) => {
        const r = await reviewDiagnostic(tx, head.id, req.body.version ?? head.current_version, req.params.position, { decision: req.body.decision, reason, userId: v.userId });
        if (!r) throw notFound('问题');
        await recordAudit(tx, {
          user: auditUser(req),
          action: 'review',
          entity: 'diagnostic',
          entityId: `${head.id}/${r.after.version}/${r.after.position}`,
          oldValue: { state: r.before.state, reason: r.before.reason },
          newValue: { state: r.after.state, reason: r.after.reason, rule: r.after.rule },
          ip: req.ip,
        });
        return r;
      });
      return { diagnostic: result.after };
    },
  );
  done();
};
