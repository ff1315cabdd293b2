// Agencies: list and search, one agency with its reports year by year and its departments;
// creating and changing agencies and aliases is for administrators.

import type { FastifyPluginCallback } from 'fastify';
import { addAlias, agencyAliases, createAgency, escapeLike, normalizeAgencyName } from '../../store/agencies.ts';
import { recordAudit } from '../../store/audit.ts';
import { crossCheck } from '../../store/cross.ts';
import { refreshCounts } from '../../store/diagnostics.ts';
import { listReports } from '../../store/search.ts';
import { HttpError, auditUser, badRequest, forbidden, notFound, signedIn } from '../context.ts';
import { errors, idParams, uuid } from '../schemas.ts';

const agencyBody = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 100 },
    region_code: { type: ['string', 'null'], pattern: '^[0-9]{6}$' },
    level: { type: ['string', 'null'], enum: ['province', 'city', 'county', 'township', null] },
    kind: { type: ['string', 'null'], enum: ['government', 'department', null] },
    parent_id: { anyOf: [uuid, { type: 'null' }] },
  },
  additionalProperties: false,
} as const;

interface AgencyBody {
  name?: string;
  region_code?: string | null;
  level?: 'province' | 'city' | 'county' | 'township' | null;
  kind?: 'government' | 'department' | null;
  parent_id?: string | null;
}

export const agencyRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Querystring: { q?: string; region?: string; level?: string; kind?: string; parent?: string; limit?: number; offset?: number } }>(
    '/agencies',
    {
      schema: {
        tags: ['机关'],
        summary: '机关列表（按名称、地区、层级、类型、上级筛选）',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 100 },
            region: { type: 'string', pattern: '^[0-9]{1,6}$' },
            level: { type: 'string', enum: ['province', 'city', 'county', 'township'] },
            kind: { type: 'string', enum: ['government', 'department'] },
            parent: uuid,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    async (req) => {
      const f = req.query;
      let q = app.store.db.selectFrom('agencies');
      if (f.q) q = q.where('name', 'like', `%${escapeLike(normalizeAgencyName(f.q))}%`);
      if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
      if (f.level) q = q.where('level', '=', f.level as 'city');
      if (f.kind) q = q.where('kind', '=', f.kind as 'government');
      if (f.parent) q = q.where('parent_id', '=', f.parent);
      const [items, count] = await Promise.all([
        q.selectAll().orderBy('region_code').orderBy('name').limit(f.limit ?? 100).offset(f.offset ?? 0).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { total: Number(count.n), items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/agencies/:id',
    { schema: { tags: ['机关'], summary: '一个机关：别名、上级、下属部门，以及它逐年的报告（只含当前用户可见的）', params: idParams, response: errors } },
    async (req) => {
      const agency = await app.store.db.selectFrom('agencies').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!agency) throw notFound('机关');
      const [aliases, parent, departments, reports] = await Promise.all([
        agencyAliases(app.store.db, agency.id),
        agency.parent_id ? app.store.db.selectFrom('agencies').selectAll().where('id', '=', agency.parent_id).executeTakeFirst() : undefined,
        app.store.db.selectFrom('agencies').selectAll().where('parent_id', '=', agency.id).orderBy('name').execute(),
        listReports(app.store.db, req.viewer, { agencyId: agency.id }, { limit: 100, sort: 'year' }),
      ]);
      return { agency, aliases, parent: parent ?? null, departments, years: reports.items };
    },
  );

  app.post<{ Body: AgencyBody & { name: string } }>(
    '/agencies',
    { schema: { tags: ['机关'], summary: '新建机关（管理员）', body: { ...agencyBody, required: ['name'] } } },
    async (req, reply) => {
      const v = signedIn(req);
      if (v.role !== 'admin') throw forbidden('只有管理员可以新建机关');
      const exists = await app.store.db.selectFrom('agencies').select('id').where('name', '=', normalizeAgencyName(req.body.name)).executeTakeFirst();
      if (exists) throw new HttpError(409, 'conflict', '同名机关已存在');
      const agency = await app.store.db.transaction().execute(async (tx) => {
        const a = await createAgency(tx, req.body);
        await recordAudit(tx, { user: auditUser(req), action: 'create', entity: 'agency', entityId: a.id, newValue: a, ip: req.ip });
        return a;
      });
      return reply.status(201).send({ agency });
    },
  );

  app.patch<{ Params: { id: string }; Body: AgencyBody }>(
    '/agencies/:id',
    { schema: { tags: ['机关'], summary: '修改机关的名称、地区代码、层级、类型或上级（管理员）', params: idParams, body: { ...agencyBody, minProperties: 1 } } },
    async (req) => {
      const v = signedIn(req);
      if (v.role !== 'admin') throw forbidden('只有管理员可以修改机关');
      const before = await app.store.db.selectFrom('agencies').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!before) throw notFound('机关');
      if (req.body.parent_id === before.id) throw badRequest('机关不能是自己的上级');
      const changes = { ...req.body, ...(req.body.name ? { name: normalizeAgencyName(req.body.name) } : {}) };
      const after = await app.store.db.transaction().execute(async (tx) => {
        const a = await tx.updateTable('agencies').set(changes).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
        await recordAudit(tx, { user: auditUser(req), action: 'update', entity: 'agency', entityId: a.id, oldValue: before, newValue: a, ip: req.ip });
        return a;
      });
      return { agency: after };
    },
  );

  app.post<{ Params: { id: string }; Body: { alias: string } }>(
    '/agencies/:id/aliases',
    {
      schema: {
        tags: ['机关'],
        summary: '为机关添加别名（导入时按别名匹配；管理员）',
        params: idParams,
        body: { type: 'object', properties: { alias: { type: 'string', minLength: 2, maxLength: 100 } }, required: ['alias'], additionalProperties: false },
      },
    },
    async (req) => {
      const v = signedIn(req);
      if (v.role !== 'admin') throw forbidden('只有管理员可以添加别名');
      const agency = await app.store.db.selectFrom('agencies').select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!agency) throw notFound('机关');
      await app.store.db.transaction().execute(async (tx) => {
        await addAlias(tx, agency.id, req.body.alias);
        await recordAudit(tx, { user: auditUser(req), action: 'add_alias', entity: 'agency', entityId: agency.id, newValue: { alias: req.body.alias }, ip: req.ip });
      });
      return { aliases: await agencyAliases(app.store.db, agency.id) };
    },
  );
  app.post<{ Params: { id: string }; Body: { into: string } }>(
    '/agencies/:id/merge',
    {
      schema: {
        tags: ['机关'],
        summary: '合并重复的机关（管理员）：报告、下属部门和账户归入目标机关，原名称和别名成为目标的别名，原机关删除',
        params: idParams,
        body: { type: 'object', properties: { into: uuid }, required: ['into'], additionalProperties: false },
        response: errors,
      },
    },
    async (req) => {
      const v = signedIn(req);
      if (v.role !== 'admin') throw forbidden('只有管理员可以合并机关');
      const db = app.store.db;
      const [from, into] = await Promise.all([
        db.selectFrom('agencies').selectAll().where('id', '=', req.params.id).executeTakeFirst(),
        db.selectFrom('agencies').selectAll().where('id', '=', req.body.into).executeTakeFirst(),
      ]);
      if (!from || !into) throw notFound('机关');
      if (from.id === into.id) throw badRequest('不能把机关合并到它自己');
      const clash = await db
        .selectFrom('reports as a')
        .innerJoin('reports as b', (j) => j.onRef('a.year', '=', 'b.year'))
        .select('a.year')
        .where('a.agency_id', '=', from.id)
        .where('b.agency_id', '=', into.id)
        .executeTakeFirst();
      if (clash) throw new HttpError(409, 'conflict', `两个机关都有${clash.year}年度的报告，请先处理重复的报告再合并`);
      const aliases = await agencyAliases(db, from.id);
      const moved = await db.transaction().execute(async (tx) => {
        const reports = await tx.updateTable('reports').set({ agency_id: into.id, updated_at: new Date() }).where('agency_id', '=', from.id).returning('id').execute();
        await tx.updateTable('agencies').set({ parent_id: into.id }).where('parent_id', '=', from.id).execute();
        await tx.updateTable('users').set({ agency_id: into.id }).where('agency_id', '=', from.id).execute();
        await tx.deleteFrom('agency_aliases').where('agency_id', '=', from.id).execute();
        await tx.deleteFrom('agencies').where('id', '=', from.id).execute();
        for (const alias of [from.name, ...aliases]) if (alias !== into.name) await addAlias(tx, into.id, alias);
        if (reports.length) {
          const ids = reports.map((r) => r.id);
          await crossCheck(tx, ids);
          await refreshCounts(tx, ids);
        }
        await recordAudit(tx, { user: auditUser(req), action: 'merge', entity: 'agency', entityId: into.id, oldValue: { agency: from, aliases }, newValue: { into: into.id, reports: reports.length }, ip: req.ip });
        return reports.length;
      });
      return { agency: into, aliases: await agencyAliases(db, into.id), reports_moved: moved };
    },
  );
  done();
};
