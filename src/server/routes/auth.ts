// Signing in and out, the CSRF token, the signed-in user, own password and sessions.

import type { FastifyPluginCallback } from 'fastify';
import { recordAudit } from '../../store/audit.ts';
import { createSession, listSessions, revokeSession } from '../../store/sessions.ts';
import { authenticate, publicUser, setPassword } from '../../store/users.ts';
import { SESSION_COOKIE } from '../app.ts';
import { HttpError, auditUser, badRequest, signedIn } from '../context.ts';
import { errorSchema, errors, userSchema } from '../schemas.ts';

interface AuthOptions {
  secureCookies: boolean;
  loginRateLimit: number;
}

export const authRoutes: FastifyPluginCallback<AuthOptions> = (app, opts, done) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies };

  app.post<{ Body: { login: string; password: string } }>(
    '/auth/login',
    {
      config: { rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['账户'],
        summary: '登录（成功后设置会话 Cookie，并返回 CSRF 令牌）',
        body: {
          type: 'object',
          properties: { login: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
          required: ['login', 'password'],
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { user: userSchema, csrf: { type: 'string' } } }, 401: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const user = await authenticate(app.store.db, req.body.login, req.body.password);
      if (!user) {
        await recordAudit(app.store.db, { user: null, action: 'login_failed', entity: 'user', entityId: null, newValue: { login: req.body.login }, ip: req.ip });
        throw new HttpError(401, 'bad_credentials', '用户名或密码错误');
      }
      const { token, csrf } = await createSession(app.store.db, user.id, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      await recordAudit(app.store.db, { user: { id: user.id, login: user.login }, action: 'login', entity: 'user', entityId: user.id, ip: req.ip });
      void reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { user: publicUser(user), csrf };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['账户'], summary: '退出登录（结束当前会话）', response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, async (req, reply) => {
    if (req.sessionHash) {
      await revokeSession(app.store.db, req.sessionHash);
      await recordAudit(app.store.db, { user: auditUser(req), action: 'logout', entity: 'user', entityId: signedIn(req).userId, ip: req.ip });
    }
    void reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true };
  });

  app.get(
    '/auth/me',
    { schema: { tags: ['账户'], summary: '当前用户（未登录时 user 为 null，即公众）', response: { 200: { type: 'object', properties: { user: { anyOf: [userSchema, { type: 'null' }] } } } } } },
    async (req) => {
      if (req.viewer.role === 'public') return { user: null };
      const u = await app.store.db.selectFrom('users').selectAll().where('id', '=', req.viewer.userId).executeTakeFirstOrThrow();
      return { user: publicUser(u) };
    },
  );

  app.get(
    '/auth/csrf',
    { schema: { tags: ['账户'], summary: '当前会话的 CSRF 令牌（写操作须放在 X-CSRF-Token 请求头中）', response: { 200: { type: 'object', properties: { csrf: { type: 'string' } } }, ...errors } } },
    (req, reply) => {
      signedIn(req);
      void reply.send({ csrf: req.csrf! });
    },
  );

  app.post<{ Body: { current: string; password: string } }>(
    '/auth/password',
    {
      config: { rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['账户'],
        summary: '修改自己的密码',
        body: { type: 'object', properties: { current: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 200 } }, required: ['current', 'password'], additionalProperties: false },
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, ...errors },
      },
    },
    async (req) => {
      const v = signedIn(req);
      const ok = await authenticate(app.store.db, v.login, req.body.current);
      if (!ok) throw new HttpError(403, 'bad_credentials', '当前密码不正确');
      try {
        await setPassword(app.store.db, v.userId, req.body.password);
      } catch (e) {
        throw badRequest((e as Error).message);
      }
      await recordAudit(app.store.db, { user: auditUser(req), action: 'change_password', entity: 'user', entityId: v.userId, ip: req.ip });
      return { ok: true };
    },
  );

  app.get('/auth/sessions', { schema: { tags: ['账户'], summary: '自己的有效会话' } }, async (req) => {
    const v = signedIn(req);
    const rows = await listSessions(app.store.db, v.userId);
    return { sessions: rows.map((s) => ({ id: s.token_hash.slice(0, 16), current: s.token_hash === req.sessionHash, created_at: s.created_at, last_seen_at: s.last_seen_at, ip: s.ip, user_agent: s.user_agent })) };
  });

  app.delete<{ Params: { id: string } }>(
    '/auth/sessions/:id',
    { schema: { tags: ['账户'], summary: '结束自己的某个会话（如在别处登录的）', params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9a-f]{16}$' } }, required: ['id'] } } },
    async (req) => {
      const v = signedIn(req);
      const rows = await listSessions(app.store.db, v.userId);
      const s = rows.find((x) => x.token_hash.startsWith(req.params.id));
      if (!s) throw new HttpError(404, 'not_found', '会话不存在');
      await revokeSession(app.store.db, s.token_hash);
      await recordAudit(app.store.db, { user: auditUser(req), action: 'revoke_session', entity: 'session', entityId: req.params.id, ip: req.ip });
      return { ok: true };
    },
  );
  done();
};
