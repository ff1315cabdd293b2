// The HTTP API (Fastify 5): cookie sessions, CSRF tokens, rate limits, security headers, JSON
// schemas that validate every request and make the OpenAPI document, one route file per
// resource, the built web app served from web/dist when it is there.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { LIMITS } from '../ingest/limits.ts';
import { findSession } from '../store/sessions.ts';
import { PUBLIC, type Viewer } from '../store/scope.ts';
import { HttpError, sendError, type ServerOptions } from './context.ts';
import { startWorker } from './worker.ts';
import { agencyRoutes } from './routes/agencies.ts';
import { aggregateRoutes } from './routes/aggregates.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { diagnosticRoutes } from './routes/diagnostics.ts';
import { exportRoutes } from './routes/exports.ts';
import { importRoutes } from './routes/imports.ts';
import { metaRoutes } from './routes/meta.ts';
import { reportRoutes } from './routes/reports.ts';
import { similarityRoutes } from './routes/similarity.ts';
import { sourceRoutes } from './routes/source.ts';
import { userRoutes } from './routes/users.ts';
import { caseRoutes } from './routes/cases.ts';
import { caseFileRoutes } from './routes/case-files.ts';
import { caseLetterRoutes } from './routes/case-letters.ts';
import { caseReviewRoutes } from './routes/case-reviews.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { intakeRoutes } from './routes/intake.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { annualReportRoutes } from './routes/annual-report.ts';
import { todayInChina } from '../cases/calendar/iso-date.ts';

export const SESSION_COOKIE = 'gongkai_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Most files one upload request may carry. */
export const MAX_UPLOAD_FILES = 500;

export async function buildApp(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  app.decorate('store', options.store);
  app.decorate('today', options.today ?? (() => todayInChina()));
  // Fastify 5 wants null, not an object, as a request decorator's initial value; set per request.
  app.decorateRequest<Viewer | null>('viewer', null);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('csrf', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: LIMITS.maxInputBytes, files: MAX_UPLOAD_FILES, fields: 20, parts: MAX_UPLOAD_FILES + 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Gongkai API', description: '政府信息公开工作年度报告平台的 HTTP 接口（会话 Cookie 认证；写操作须带 X-CSRF-Token 头）', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });

  // The viewer: from the session cookie, or the public.
  app.addHook('onRequest', async (req) => {
    req.viewer = PUBLIC;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(options.store.db, token);
    if (!session) return;
    const u = session.user;
    const viewer: Viewer = { role: u.role, userId: u.id, login: u.login, regionPrefix: u.region_prefix, agencyId: u.agency_id };
    req.viewer = viewer;
    req.sessionHash = session.tokenHash;
    req.csrf = session.csrf;
  });

  // CSRF: every write by a signed-in browser carries the session's token in a header (the
  // synchronizer-token pattern); a cross-site form cannot read or send it.
  app.addHook('preHandler', (req, _reply, done) => {
    const safe = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
    if (safe || !req.sessionHash || req.headers[CSRF_HEADER] === req.csrf) return done();
    done(new HttpError(403, 'csrf', 'CSRF 令牌缺失或无效：请先请求 GET /api/auth/csrf，并在请求头 X-CSRF-Token 中带上令牌'));
  });

  app.setErrorHandler((error, req, reply) => {
    if (error instanceof HttpError) return sendError(reply, error);
    const e = error as { statusCode?: number; validation?: unknown; code?: string; message: string };
    if (e.validation) return sendError(reply, new HttpError(400, 'invalid_request', `请求参数有误：${e.message}`));
    if (e.statusCode === 429) return sendError(reply, new HttpError(429, 'rate_limited', '请求过于频繁，请稍后再试'));
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') return sendError(reply, new HttpError(413, 'too_large', `文件过大，单个文件不能超过 ${Math.round(LIMITS.maxInputBytes / 1024 / 1024)} MB`));
    if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT') return sendError(reply, new HttpError(413, 'too_many_files', `一次最多上传 ${MAX_UPLOAD_FILES} 个文件`));
    if (e.statusCode === 413) return sendError(reply, new HttpError(413, 'too_large', '请求体过大'));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return sendError(reply, new HttpError(e.statusCode, 'bad_request', `请求有误：${e.message}`));
    req.log.error(error);
    return sendError(reply, new HttpError(500, 'internal', '服务器内部错误，请稍后再试或联系管理员'));
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return sendError(reply, new HttpError(404, 'not_found', `没有这个接口：${req.method} ${req.url.split('?')[0]}`));
    return reply.status(404).type('text/plain; charset=utf-8').send('页面不存在');
  });

  const routeOptions = { secureCookies: options.secureCookies ?? true, loginRateLimit: options.loginRateLimit ?? 10, uploadRateLimit: options.uploadRateLimit ?? 30, intakeRateLimit: options.intakeRateLimit ?? 10 };
  await app.register(
    async (api) => {
      await api.register(metaRoutes);
      await api.register(authRoutes, routeOptions);
      await api.register(userRoutes);
      await api.register(agencyRoutes);
      await api.register(reportRoutes);
      await api.register(similarityRoutes);
      await api.register(sourceRoutes);
      await api.register(diagnosticRoutes);
      await api.register(importRoutes, routeOptions);
      await api.register(aggregateRoutes);
      await api.register(exportRoutes);
      await api.register(auditRoutes);
      await api.register(caseRoutes);
      await api.register(caseLetterRoutes);
      await api.register(caseFileRoutes, routeOptions);
      await api.register(caseReviewRoutes);
      await api.register(ledgerRoutes);
      await api.register(annualReportRoutes);
      await api.register(calendarRoutes);
      await api.register(intakeRoutes, routeOptions);
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    },
    { prefix: '/api' },
  );

  const webDir = options.webDir ?? resolve('web/dist');
  if (existsSync(webDir)) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    // Client-side routes: any other GET outside /api gets the app's index.html.
    app.get('/*', (req, reply) => (req.url.startsWith('/api/') ? sendError(reply, new HttpError(404, 'not_found', '没有这个接口')) : reply.sendFile('index.html')));
  }

  const worker = options.worker === false ? null : startWorker(app, options.store);
  app.decorate('pokeWorker', () => worker?.poke());
  app.addHook('onClose', async () => {
    await worker?.stop();
  });
  return app;
}
