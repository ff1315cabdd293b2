// Accounts (administrators only): list, create, change role/scope, disable, reset a password,
// end a user's sessions.

import type { FastifyPluginCallback } from 'fastify';
import { recordAudit } from '../../store/audit.ts';
import { revokeUserSessions } from '../../store/sessions.ts';
import { createUser, hashPassword, passwordProblem, publicUser } from '../../store/users.ts';
import { HttpError, auditUser, badRequest, forbidden, notFound, signedIn } from '../context.ts';
import { caseRolesSchema, errors, idParams, userSchema, uuid } from '../schemas.ts';
import type { CaseRole } from '../../store/schema.ts';

function adminOnly(req: Parameters<typeof signedIn>[0]) {
  const v = signedIn(req);
  if (v.role !== 'admin') throw forbidden('只有管理员可以管理账户');
  return v;
}

export const userRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get('/users', { schema: { tags: ['账户'], summary: '全部账户（管理员）', response: { 200: { type: 'object', properties: { users: { type: 'array', items: userSchema } } }, ...errors } } }, async (req) => {
    adminOnly(req);
    return { users: (await app.store.db.selectFrom('users').selectAll().orderBy('login').execute()).map(publicUser) };
  });

  app.post<{ Body: { login: string; display_name: string; password: string; role: 'admin' | 'supervisor' | 'agency'; region_prefix?: string; agency_id?: string; case_roles?: CaseRole[] } }>(
    '/users',
    {
      schema: {
        tags: ['账户'],
        summary: '新建账户（管理员）：监督人员须给出地区代码前缀，机关工作人员须给出所属机关',
        body: {
          type: 'object',
          properties: {
            login: { type: 'string', pattern: '^[A-Za-z0-9_.@-]{2,60}$' },
            display_name: { type: 'string', minLength: 1, maxLength: 60 },
            password: { type: 'string', maxLength: 200 },
            role: { type: 'string', enum: ['admin', 'supervisor', 'agency'] },
            region_prefix: { type: 'string', pattern: '^[0-9]{0,6}$' },
            agency_id: uuid,
            case_roles: caseRolesSchema,
          },
          required: ['login', 'display_name', 'password', 'role'],
          additionalProperties: false,
        },
        response: { 201: { type: 'object', properties: { user: userSchema } }, ...errors },
      },
    },
    async (req, reply) => {
      adminOnly(req);
      const b = req.body;
      if (b.role === 'supervisor' && b.region_prefix === undefined) throw badRequest('监督人员须指定地区代码前缀（如 34 表示安徽省）');
      if (b.role === 'agency' && !b.agency_id) throw badRequest('机关工作人员须指定所属机关');
      const problem = passwordProblem(b.password);
      if (problem) throw badRequest(problem);
      if (await app.store.db.selectFrom('users').select('id').where('login', '=', b.login).executeTakeFirst()) throw new HttpError(409, 'conflict', '该用户名已被使用');
      const user = await app.store.db.transaction().execute(async (tx) => {
        const u = await createUser(tx, { login: b.login, displayName: b.display_name, password: b.password, role: b.role, regionPrefix: b.region_prefix, agencyId: b.agency_id, caseRoles: b.case_roles, mustChangePassword: true });
        await recordAudit(tx, { user: auditUser(req), action: 'create', entity: 'user', entityId: u.id, newValue: publicUser(u), ip: req.ip });
        return u;
      });
      return reply.status(201).send({ user: publicUser(user) });
    },
  );

  app.patch<{ Params: { id: string }; Body: { display_name?: string; role?: 'admin' | 'supervisor' | 'agency'; region_prefix?: string | null; agency_id?: string | null; disabled?: boolean; password?: string; case_roles?: CaseRole[] } }>(
    '/users/:id',
    {
      schema: {
        tags: ['账户'],
        summary: '修改账户：名称、角色与范围、案件台账角色、停用、重设密码（管理员；停用或重设密码会结束该用户的全部会话）',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            display_name: { type: 'string', minLength: 1, maxLength: 60 },
            role: { type: 'string', enum: ['admin', 'supervisor', 'agency'] },
            region_prefix: { type: ['string', 'null'], pattern: '^[0-9]{0,6}$' },
            agency_id: { anyOf: [uuid, { type: 'null' }] },
            disabled: { type: 'boolean' },
            password: { type: 'string', maxLength: 200 },
            case_roles: caseRolesSchema,
          },
          additionalProperties: false,
          minProperties: 1,
        },
      },
    },
    async (req) => {
      const v = adminOnly(req);
      const before = await app.store.db.selectFrom('users').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!before) throw notFound('账户');
      const { password, ...rest } = req.body;
      if (before.id === v.userId && (rest.disabled || (rest.role && rest.role !== 'admin'))) throw badRequest('不能停用自己或取消自己的管理员角色');
      const role = rest.role ?? before.role;
      const next = { ...rest, region_prefix: role === 'supervisor' ? (rest.region_prefix ?? before.region_prefix ?? '') : null, agency_id: role === 'agency' ? (rest.agency_id ?? before.agency_id) : null, case_roles: role === 'agency' ? (rest.case_roles ?? before.case_roles) : [] };
      if (role === 'agency' && !next.agency_id) throw badRequest('机关工作人员须指定所属机关');
      if (password !== undefined) {
        const problem = passwordProblem(password);
        if (problem) throw badRequest(problem);
      }
      const after = await app.store.db.transaction().execute(async (tx) => {
        const u = await tx
          .updateTable('users')
          .set({ ...next, ...(password !== undefined ? { password_hash: await hashPassword(password), must_change_password: true } : {}) })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (rest.disabled || password !== undefined || rest.role || rest.case_roles) await revokeUserSessions(tx, u.id);
        await recordAudit(tx, { user: auditUser(req), action: password !== undefined ? 'reset_password' : 'update', entity: 'user', entityId: u.id, oldValue: publicUser(before), newValue: publicUser(u), ip: req.ip });
        return u;
      });
      return { user: publicUser(after) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/users/:id/revoke-sessions',
    { schema: { tags: ['账户'], summary: '结束某用户的全部会话（管理员）', params: idParams } },
    async (req) => {
      adminOnly(req);
      const u = await app.store.db.selectFrom('users').select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!u) throw notFound('账户');
      const n = await app.store.db.transaction().execute(async (tx) => {
        const count = await revokeUserSessions(tx, u.id);
        await recordAudit(tx, { user: auditUser(req), action: 'revoke_sessions', entity: 'user', entityId: u.id, newValue: { sessions: count }, ip: req.ip });
        return count;
      });
      return { revoked: n };
    },
  );
  done();
};
