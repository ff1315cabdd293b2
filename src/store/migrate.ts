// Numbered plain-SQL migrations (migrations/NNNN_name.sql), applied in order, each in its own
// transaction, under an advisory lock so that two processes starting at once do not both apply.

import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Store } from './open.ts';

// Resolves to <package>/src/store/migrations from src/store and from dist/store alike.
const DIR = new URL('../../src/store/migrations/', import.meta.url);
// Arbitrary constant naming "gongkai migrations" for pg_advisory_lock.
const LOCK_KEY = 7_110_424_011;

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export function migrations(): Migration[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(new URL(f, DIR), 'utf8') }));
}

/** Apply pending migrations (up to `until`, for upgrade tests); returns the ids applied. */
export async function migrate(store: Pick<Store, 'db'>, options: { until?: number } = {}): Promise<number[]> {
  const applied: number[] = [];
  await store.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = new Set((await conn.selectFrom('schema_migrations').select('id').execute()).map((r) => r.id));
      for (const m of migrations()) {
        if (done.has(m.id) || m.id > (options.until ?? Infinity)) continue;
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.sql).execute(tx);
          await tx.insertInto('schema_migrations').values({ id: m.id, name: m.name }).execute();
        });
        applied.push(m.id);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}
