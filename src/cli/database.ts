// Which database a command uses: --database (or DATABASE_URL) for a PostgreSQL server,
// otherwise PGlite in --data (or GONGKAI_DATA, default ./data).

import { Option, type Command } from 'commander';
import type { Store } from '../store/open.ts';

export interface DatabaseOptions {
  database?: string | undefined;
  data?: string | undefined;
}

export function addDatabaseOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--database <连接串>', 'PostgreSQL 服务器的连接串（默认取环境变量 DATABASE_URL；都没有时使用内嵌数据库）').env('DATABASE_URL'))
    .addOption(new Option('--data <目录>', '内嵌数据库（PGlite）的数据目录').env('GONGKAI_DATA').default('./data'));
}

export async function openFromOptions(opts: DatabaseOptions): Promise<Store> {
  // Loaded when a command opens the database, not when the CLI starts.
  const { openStore } = await import('../store/open.ts');
  return openStore(opts.database ? { url: opts.database } : { dataDir: opts.data ?? './data' });
}
