// The audit log viewer (administrators): who did what, when, with old and new values.

import type { FastifyPluginCallback } from 'fastify';
import { listAudit } from '../../store/audit.ts';
import { forbidden, signedIn } from '../context.ts';
import { uuid } from '../schemas.ts';

export const auditRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Querystring: { entity?: string; entity_id?: string; user?: string; limit?: number; before?: string } }>(
    '/audit',
    {
      schema: {
        tags: ['审计'],
        summary: '审计日志（管理员；新的在前，用 before 翻页）',
        querystring: {
          type: 'object',
          properties: {
            entity: { type: 'string', maxLength: 40 },
            entity_id: { type: 'string', maxLength: 120 },
            user: uuid,
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            before: uuid,
          },
          additionalProperties: false,
        },
      },
    },
    async (req) => {
      const v = signedIn(req);
      if (v.role !== 'admin') throw forbidden('只有管理员可以查看审计日志');
      const q = req.query;
      return { entries: await listAudit(app.store.db, { entity: q.entity, entityId: q.entity_id, userId: q.user, limit: q.limit, before: q.before }) };
    },
  );
  done();
};
