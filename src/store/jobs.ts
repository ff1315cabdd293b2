// The import queue: batches of items in the database. A worker claims items with
// FOR UPDATE SKIP LOCKED under a lease; finishing an item is part of the transaction that stores
// its report, so an item is either done or still claimable — a killed import loses nothing and
// duplicates nothing. No LISTEN/NOTIFY: callers poll a batch's items.

import { hostname } from 'node:os';
import { sql } from 'kysely';
import { insertMany, type Executor } from './bulk.ts';
import { newId } from './ids.ts';
import type { ItemState } from './schema.ts';

/** A lease long enough for a chunk of big PDFs; an item whose lease ran out is claimable again. */
export const LEASE_SECONDS = 300;

export const WORKER = `${hostname()}:${process.pid}`;

export interface NewItem {
  name: string;
  path?: string | undefined;
  upload?: Uint8Array | undefined;
}

export interface BatchOptions {
  source: 'cli' | 'api' | 'demo';
  createdBy?: string | null | undefined;
  publish?: boolean | undefined;
  demo?: boolean | undefined;
}

export async function createBatch(db: Executor, options: BatchOptions, items: readonly NewItem[]): Promise<string> {
  const id = newId();
  await db
    .insertInto('import_batches')
    .values({ id, source: options.source, created_by: options.createdBy ?? null, publish: options.publish ?? false, demo: options.demo ?? false, total: items.length })
    .execute();
  await enqueue(db, id, items, 0);
  return id;
}

export async function enqueue(db: Executor, batchId: string, items: readonly NewItem[], firstPosition: number): Promise<void> {
  const withUpload = items.filter((i) => i.upload);
  const plain = items.map((it, i) => ({ it, position: firstPosition + i })).filter(({ it }) => !it.upload);
  const CHUNK = 5000;
  for (let i = 0; i < plain.length; i += CHUNK) {
    await insertMany(
      db,
      'import_items',
      { id: 'uuid', batch_id: 'uuid', position: 'int4', name: 'text', path: 'text' },
      plain.slice(i, i + CHUNK).map(({ it, position }) => ({ id: newId(), batch_id: batchId, position, name: it.name, path: it.path ?? null })),
    );
  }
  // Uploaded bytes one row at a time (bytea arrays do not travel well as one parameter).
  for (const it of withUpload) {
    await db
      .insertInto('import_items')
      .values({ id: newId(), batch_id: batchId, position: firstPosition + items.indexOf(it), name: it.name, upload: it.upload! })
      .execute();
  }
}

export interface ClaimedItem {
  id: string;
  batch_id: string;
  position: number;
  name: string;
  path: string | null;
  upload: Uint8Array | null;
  attempts: number;
  publish: boolean;
  demo: boolean;
  created_by: string | null;
  /** The importing user's role and agency: agency staff import only their own agency's reports. */
  creator_role: string | null;
  creator_agency: string | null;
}

/**
 * Claim up to `limit` items: queued ones, running ones whose lease expired, and running ones of a
 * worker on this host whose process is gone (a killed CLI import, taken back at once).
 */
export async function claim(db: Executor, limit: number, options: { batchId?: string | undefined; deadWorkers?: string[] } = {}): Promise<ClaimedItem[]> {
  const dead = options.deadWorkers ?? [];
  const batchFilter = options.batchId ? sql`AND i.batch_id = ${options.batchId}` : sql``;
  const rows = await sql<ClaimedItem>`
    UPDATE import_items AS i SET state = 'running', attempts = i.attempts + 1, worker = ${WORKER},
           lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
    FROM import_batches b LEFT JOIN users u ON u.id = b.created_by
    WHERE b.id = i.batch_id AND i.id IN (
      SELECT i.id FROM import_items i
      WHERE (i.state = 'queued' OR (i.state = 'running' AND (i.lease_until < now() OR i.worker = ANY(${dead}::text[])))) ${batchFilter}
      ORDER BY i.batch_id, i.position
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING i.id, i.batch_id, i.position, i.name, i.path, i.upload, i.attempts, b.publish, b.demo, b.created_by,
              u.role AS creator_role, u.agency_id AS creator_agency`.execute(db);
  return rows.rows.sort((a, b) => (a.batch_id === b.batch_id ? a.position - b.position : a.batch_id < b.batch_id ? -1 : 1));
}

/** Workers on this host that hold leases but whose process is gone. */
export async function deadLocalWorkers(db: Executor): Promise<string[]> {
  const host = hostname();
  const rows = await db.selectFrom('import_items').select('worker').distinct().where('state', '=', 'running').where('worker', 'like', `${host}:%`).execute();
  return rows
    .map((r) => r.worker!)
    .filter((w) => {
      const pid = Number(w.slice(host.length + 1));
      if (pid === process.pid) return false;
      try {
        process.kill(pid, 0);
        return false;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'ESRCH';
      }
    });
}

export interface ItemResult {
  id: string;
  /** The file's name (for messages; not written back). */
  name?: string | undefined;
  state: Exclude<ItemState, 'queued' | 'running'>;
  sha256?: string | null | undefined;
  report_id?: string | null | undefined;
  version?: number | null | undefined;
  message?: string | null | undefined;
  agency_match?: 'matched' | 'created' | 'undecided' | null | undefined;
  suggestions?: unknown;
}

export async function finishItems(db: Executor, results: readonly ItemResult[]): Promise<void> {
  if (!results.length) return;
  const col = <T>(f: (r: ItemResult) => T) => results.map(f);
  await sql`
    UPDATE import_items i SET state = x.state, sha256 = x.sha256, report_id = x.report_id, version = x.version, message = x.message,
      agency_match = x.agency_match, suggestions = x.suggestions::jsonb, upload = NULL, lease_until = NULL, finished_at = now()
    FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.state)}::text[], ${col((r) => r.sha256 ?? null)}::text[], ${col((r) => r.report_id ?? null)}::uuid[],
                ${col((r) => r.version ?? null)}::int4[], ${col((r) => r.message ?? null)}::text[], ${col((r) => r.agency_match ?? null)}::text[],
                ${col((r) => (r.suggestions ? JSON.stringify(r.suggestions) : null))}::text[]) AS x(id, state, sha256, report_id, version, message, agency_match, suggestions)
    WHERE i.id = x.id`.execute(db);
}

export interface BatchStatus {
  id: string;
  total: number;
  counts: Record<ItemState, number>;
  done: boolean;
}

/** A batch's status from its items' states (one snapshot: the counts and the items agree). */
export function statusFromStates(batch: { id: string; total: number }, states: Iterable<{ state: ItemState; n?: number }>): BatchStatus {
  const counts: Record<ItemState, number> = { queued: 0, running: 0, imported: 0, duplicate: 0, skipped: 0, failed: 0 };
  for (const r of states) counts[r.state] += r.n ?? 1;
  return { id: batch.id, total: batch.total, counts, done: counts.queued + counts.running === 0 };
}

export async function batchStatus(db: Executor, batchId: string): Promise<BatchStatus | null> {
  const batch = await db.selectFrom('import_batches').select(['id', 'total']).where('id', '=', batchId).executeTakeFirst();
  if (!batch) return null;
  const rows = await db
    .selectFrom('import_items')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', '=', batchId)
    .groupBy('state')
    .execute();
  return statusFromStates(batch, rows.map((r) => ({ state: r.state, n: Number(r.n) })));
}
