// What every route sees: the store, the viewer of the request (from the session cookie), and
// helpers that answer with a Chinese error in one shape: { error: { code, message } }.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/open.ts';
import type { Viewer } from '../store/scope.ts';

export interface ServerOptions {
  store: Store;
  /** Set the Secure flag on cookies (default true; browsers accept it on http://localhost). */
  secureCookies?: boolean | undefined;
  /** Directory of the built web app served at / (default web/dist when it exists). */
  webDir?: string | undefined;
  /** Run the import worker in this process (default true). */
  worker?: boolean | undefined;
  /** Log requests (default false). */
  logger?: boolean | undefined;
  /** Requests per minute allowed to the login route, per address (default 10). */
  loginRateLimit?: number | undefined;
  /** Uploads per minute, per address (default 30). */
  uploadRateLimit?: number | undefined;
  /** Online applications and case look-ups per minute, per address (default 10). */
  intakeRateLimit?: number | undefined;
  /** Today's date in China (YYYY-MM-DD); tests fix it, the default is the clock. */
  today?: (() => string) | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer;
    /** Hash of the session token, when signed in. */
    sessionHash: string | null;
    csrf: string | null;
  }
  interface FastifyInstance {
    store: Store;
    /** Wake the import worker (new items were queued). */
    pokeWorker(): void;
    /** Today in China (YYYY-MM-DD), the day case deadlines are seen from. */
    today(): string;
  }
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what}不存在或无权查看`);
export const forbidden = (why = '没有权限进行此操作') => new HttpError(403, 'forbidden', why);
export const badRequest = (why: string) => new HttpError(400, 'bad_request', why);

export function signedIn(req: FastifyRequest): Extract<Viewer, { userId: string }> {
  if (req.viewer.role === 'public') throw new HttpError(401, 'unauthenticated', '请先登录');
  return req.viewer;
}

export function auditUser(req: FastifyRequest): { id: string; login: string } | null {
  return req.viewer.role === 'public' ? null : { id: req.viewer.userId, login: req.viewer.login };
}

export function sendError(reply: FastifyReply, e: HttpError) {
  return reply.status(e.status).send({ error: { code: e.code, message: e.message } });
}
