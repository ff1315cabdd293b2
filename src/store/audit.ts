// The append-only audit log: who, when, what, old and new value. Every write through the API
// records one entry in the same transaction as the write; the table refuses UPDATE and DELETE.

import type { Executor } from './bulk.ts';
import { newId } from './ids.ts';

export interface AuditEntry {
  user: { id: string; login: string } | null;
  action: string;
  entity: string;
  entityId?: string | null | undefined;
  oldValue?: unknown;
  newValue?: unknown;
  ip?: string | null | undefined;
}

export async function recordAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      user_id: e.user?.id ?? null,
      user_login: e.user?.login ?? null,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      old_value: e.oldValue === undefined ? null : JSON.stringify(e.oldValue),
      new_value: e.newValue === undefined ? null : JSON.stringify(e.newValue),
      ip: e.ip ?? null,
    })
    .execute();
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: string | undefined;
  limit?: number | undefined;
  before?: string | undefined;
}

export async function listAudit(db: Executor, q: AuditQuery) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.userId) query = query.where('user_id', '=', q.userId);
  if (q.before) query = query.where('id', '<', q.before);
  return query.execute();
}
