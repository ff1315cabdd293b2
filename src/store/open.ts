// Opening the database: PGlite (embedded PostgreSQL) in a directory by default, a PostgreSQL
// server through node-postgres when a connection URL is given (DATABASE_URL). Both behind the
// same Kysely dialect, with the same type parsers, so every query is written once.

import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { acquireDirLock, type DirLock } from './lock.ts';
import { seedCalendar } from './calendar.ts';
import { seedLayouts } from './cells.ts';
import { refreshFigures } from './refresh-figures.ts';
import { migrate } from './migrate.ts';
import { PGlitePool } from './pglite-pool.ts';
import type { Database } from './schema.ts';

export type Backend = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  backend: Backend;
  /** Where the data lives, for messages (a directory or the server URL without password). */
  location: string;
  /** Several SQL statements at once (migrations, test setup). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL server URL; when absent, PGlite in `dataDir`. */
  url?: string | undefined;
  /** PGlite data directory (default ./data); 'memory' keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean | undefined;
  /** node-postgres pool size (default 8). */
  poolSize?: number | undefined;
}

// Same JS types from both backends: bigint and numeric as numbers (counts and 万元 amounts fit a
// double), dates as 'YYYY-MM-DD' strings (node-postgres would make local-midnight Dates).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: Number,
  [NUMERIC]: Number,
  [DATE]: (v) => v,
};

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'PostgreSQL';
  }
}

async function openServer(url: string, poolSize: number): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // Fail now, with a clear message, rather than on the first query.
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new Error(`无法连接数据库 ${redact(url)}：${(e as Error).message}`);
  }
  // An idle connection that the server ends (a restart, a failover, an administrator) is dropped
  // by the pool and replaced on the next query; without a listener node-postgres would end the
  // whole process with an uncaught error.
  let closing = false;
  pool.on('error', (e) => {
    if (!closing) process.stderr.write(`数据库连接中断（${redact(url)}）：${e.message}；下次查询时重新连接\n`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: 'postgres',
    location: redact(url),
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => {
      closing = true;
      return db.destroy();
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Store> {
  let lock: DirLock | undefined;
  let pglite: PGlite;
  if (dataDir === 'memory') {
    pglite = new PGlite({ parsers });
  } else {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDirLock(dataDir);
    try {
      pglite = new PGlite({ dataDir, parsers });
      await pglite.waitReady;
    } catch (e) {
      lock.release();
      throw new Error(`无法打开数据目录 ${dataDir}：${(e as Error).message}`);
    }
  }
  const pool = new PGlitePool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: 'pglite',
    location: dataDir === 'memory' ? '内存' : dataDir,
    exec: (sql) => pool.exec(sql),
    close: async () => {
      await db.destroy();
      lock?.release();
    },
  };
}

/** Open the store (and bring its schema up to date unless told not to). */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const store = options.url
    ? await openServer(options.url, options.poolSize ?? 8)
    : await openEmbedded(options.dataDir ?? './data');
  if (options.migrate !== false) {
    try {
      await migrate(store);
      await refreshFigures(store.db);
      await seedCalendar(store.db);
      await seedLayouts(store.db);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}
