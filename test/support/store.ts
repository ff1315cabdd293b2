// Fresh databases for tests, on both backends, from the same test code: PGlite in memory, and a
// newly created database on the PostgreSQL server (GONGKAI_TEST_PG, default the local server's
// `test` database as the admin connection), dropped afterwards. A server that cannot be reached
// fails the test: nothing is skipped.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Backend, type Store } from '../../src/store/open.ts';

export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

export const ADMIN_URL = process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore extends Store {
  /** The database's URL (server) or undefined (PGlite). */
  url?: string;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated store; `close()` also drops the server database. */
export async function freshStore(backend: Backend, options: { migrate?: boolean } = {}): Promise<TestStore> {
  if (backend === 'pglite') return openStore({ dataDir: 'memory', migrate: options.migrate ?? true });
  const name = `gongkai_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ url: url.toString(), migrate: options.migrate ?? true, poolSize: 4 });
  return {
    ...store,
    url: url.toString(),
    close: async () => {
      await store.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
