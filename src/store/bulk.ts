// Many rows in one statement: INSERT … SELECT FROM unnest($1::type[], $2::type[], …). One round
// trip and one plan for a whole batch, on PGlite and on the server alike, and no limit on the
// number of bind parameters (each column is one array parameter).

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

/** column name → PostgreSQL type of its array parameter. */
export type ColumnTypes<T> = { [K in keyof T]?: string };

const SPECIAL = /["\\]/;

/** An array element in double quotes, with its quotes and backslashes escaped. */
function quoted(s: string): string {
  return SPECIAL.test(s) ? `"${s.replace(/["\\]/g, '\\$&')}"` : `"${s}"`;
}

/** A PostgreSQL array literal of numbers, strings and nulls ('{1,NULL,"a\\"b"}'). */
export function arrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (i) out += ',';
    out += x === null || x === undefined ? 'NULL' : typeof x === 'number' ? String(x) : quoted(x);
  }
  return `${out}}`;
}

/**
 * An array literal as one quoted element of another array literal: arrayLiteral(values) quoted,
 * built in one pass (the inner quotes and backslashes escaped once more).
 */
function nestedLiteral(values: readonly (string | number | null | undefined)[]): string {
  let out = '"{';
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (i) out += ',';
    if (x === null || x === undefined) out += 'NULL';
    else if (typeof x === 'number') out += String(x);
    else if (SPECIAL.test(x)) out += `\\"${x.replace(/\\/g, '\\\\\\\\').replace(/"/g, '\\\\\\"')}\\"`;
    else out += `\\"${x}\\"`;
  }
  return `${out}}"`;
}

/** One element of a column's array literal, as node-postgres would write it (NULL, or quoted text). */
function element(v: unknown, type: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (type === 'jsonb') return quoted(JSON.stringify(v));
  if (type.endsWith('[]')) {
    if (Array.isArray(v)) return nestedLiteral(v as (string | number | null)[]);
    // A string is an array literal already.
    if (typeof v === 'string') return quoted(v);
  }
  if (typeof v === 'string') return quoted(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // The same instant as node-postgres's local-time text (timestamptz columns).
  if (v instanceof Date && type === 'timestamptz') return quoted(v.toISOString());
  throw new Error(`insertMany: a value of type ${typeof v} for a ${type} column`);
}

/** A column's values as one array literal (one text parameter: no per-element work in the driver). */
function columnLiteral(rows: readonly object[], column: string, type: string): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i) out += ',';
    out += element((rows[i] as Record<string, unknown>)[column], type);
  }
  return `${out}}`;
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
    // Array columns travel as text (array literals), since unnest would flatten a 2-D array.
    const arrayType = t.endsWith('[]') ? 'text[]' : `${t}[]`;
    return sql`${columnLiteral(rows, c, t)}::${sql.raw(arrayType)}`;
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
