// PGlite behind the pool interface of Kysely's PostgresDialect, so that both backends use the one
// dialect and driver. PGlite is a single connection: the pool hands it to one caller at a time
// (a transaction holds it from BEGIN to COMMIT, nothing else runs in between).

import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

function commandOf(sql: string): Command {
  const word = /^\s*(?:--[^\n]*\n\s*)*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' ? word : 'SELECT';
}

export class PGlitePool implements PostgresPool {
  #busy = false;
  #waiting: (() => void)[] = [];
  readonly db: PGlite;

  constructor(db: PGlite) {
    this.db = db;
  }

  async connect(): Promise<PostgresPoolClient> {
    while (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#busy = true;
    let released = false;
    const client = {
      query: async <R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
        // Several statements without parameters (a migration) need the simple protocol.
        const result: { rows: unknown[]; affectedRows?: number } =
          parameters.length === 0 && sql.includes(';') ? ((await this.db.exec(sql)).at(-1) ?? { rows: [] }) : await this.db.query(sql, parameters as unknown[]);
        return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows as R[] };
      },
      release: () => {
        if (released) return;
        released = true;
        this.#busy = false;
        this.#waiting.shift()?.();
      },
    };
    return client as PostgresPoolClient;
  }

  /** Several statements in one go (migrations), under the same exclusivity. */
  async exec(sql: string): Promise<void> {
    const client = await this.connect();
    try {
      await this.db.exec(sql);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    await this.db.close();
  }
}
