// Server-side sessions: the browser holds a random token in an HttpOnly cookie; the database
// holds its SHA-256, the user, a CSRF secret and the expiry. Logging out or an admin revoking a
// session ends it at once (every request looks the session up).

import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from './bulk.ts';
import type { User } from './schema.ts';

/** Idle time after which a session ends. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Executor, userId: string, info: { ip?: string | null; userAgent?: string | null } = {}) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      csrf_secret: csrf,
      expires_at: new Date(Date.now() + SESSION_IDLE_MS),
      revoked_at: null,
      ip: info.ip ?? null,
      user_agent: info.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrf };
}

export interface ActiveSession {
  tokenHash: string;
  csrf: string;
  user: User;
}

/** The live session for a cookie token (sliding expiry), or null. */
export async function findSession(db: Executor, token: string): Promise<ActiveSession | null> {
  const h = tokenHash(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.csrf_secret', 's.expires_at', 's.last_seen_at'])
    .where('s.token_hash', '=', h)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  // Extend the expiry at most once a minute.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + SESSION_IDLE_MS) }).where('token_hash', '=', h).execute();
  }
  const { csrf_secret, expires_at: _e, last_seen_at: _l, ...user } = row;
  return { tokenHash: h, csrf: csrf_secret, user };
}

export async function revokeSession(db: Executor, hash: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('token_hash', '=', hash).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: Executor, userId: string): Promise<number> {
  const r = await db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listSessions(db: Executor, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['token_hash', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .execute();
}
