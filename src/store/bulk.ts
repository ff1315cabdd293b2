// Many rows in one statement: INSERT … SELECT FROM unnest($1::type[], $2::type[], …). One round
// trip and one plan for a whole batch, on PGlite and on the server alike, and no limit on the
// number of bind parameters (each column is one array parameter).

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

/** column name → PostgreSQL type of its array parameter. */
export type ColumnTypes<T> = { [K in keyof T]?: string };

/** A PostgreSQL array literal of numbers, strings and nulls ('{1,NULL,"a\\"b"}'). */
export function arrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  const out = values.map((x) => {
    if (x === null || x === undefined) return 'NULL';
    if (typeof x === 'number') return String(x);
    return `"${x.replace(/["\\]/g, '\\$&')}"`;
  });
  return `{${out.join(',')}}`;
}

export async function insertMany<T extends object>(
  db: Executor,
  table: keyof Database,
  types: ColumnTypes<T>,
  rows: readonly T[],
  options: { expressions?: Partial<Record<keyof T & string, string>>; onConflict?: string } = {},
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(types) as (keyof T & string)[];
  const params = columns.map((c) => {
    const t = types[c]!;
    const values = rows.map((r) => {
      const v = r[c] as unknown;
      if (v === undefined || v === null) return null;
      if (t === 'jsonb') return JSON.stringify(v);
      if (t.endsWith('[]')) return Array.isArray(v) ? arrayLiteral(v as (string | number | null)[]) : v;
      return v;
    });
    // Array columns travel as text (array literals), since unnest would flatten a 2-D array.
    const arrayType = t.endsWith('[]') ? 'text[]' : `${t}[]`;
    return sql`${values}::${sql.raw(arrayType)}`;
  });
  const names = columns.map((c) => sql.id(c));
  const selected = columns.map((c, i) => {
    const expr = options.expressions?.[c];
    const t = types[c]!;
    if (expr) return sql.raw(expr.replaceAll('$', `c${i}`));
    if (t.endsWith('[]')) return sql.raw(`c${i}::${t}`);
    return sql.raw(`c${i}`);
  });
  const aliases = columns.map((_, i) => sql.raw(`c${i}`));
  const conflict = options.onConflict ? sql.raw(` ${options.onConflict}`) : sql``;
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(names)}) SELECT ${sql.join(selected)} FROM unnest(${sql.join(params)}) AS t(${sql.join(aliases)})${conflict}`.execute(db);
}
