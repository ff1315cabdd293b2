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

/** What JSON would write otherwise than an array literal reads it: control characters (a line break…) and surrogates. */
const JSON_ESCAPED = /[\u0000-\u001f\ud800-\udfff]/;

/**
 * Whether JSON writes these values as a PostgreSQL array literal reads them: finite numbers as
 * String() does, null and undefined as null (read as NULL), and (`strings`) strings in double
 * quotes with their quotes and backslashes escaped by a backslash — unless a string holds a
 * character JSON escapes by name or code.
 */
function jsonReadable(values: readonly unknown[], strings: boolean): boolean {
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x === null || x === undefined) continue;
    if (typeof x === 'number' ? !Number.isFinite(x) : !strings || typeof x !== 'string' || JSON_ESCAPED.test(x)) return false;
  }
  return true;
}

/** A PostgreSQL array literal of numbers, strings and nulls ('{1,NULL,"a\\"b"}'). */
export function arrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  // One native call for the whole array, when it can.
  if (jsonReadable(values, true)) return `{${JSON.stringify(values).slice(1, -1)}}`;
  // Parts joined once: a string grown by += is a chain of one small object per piece, all alive
  // until the statement is sent (and copied by every young-generation collection meanwhile).
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    parts[i] = x === null || x === undefined ? 'NULL' : typeof x === 'number' ? String(x) : quoted(x);
  }
  return joined(parts, '{', '}');
}

/**
 * An array literal as one quoted element of another array literal: arrayLiteral(values) quoted,
 * built in one pass (the inner quotes and backslashes escaped once more). Numbers alone need no
 * quotes: JSON writes them (strings would need their escapes doubled).
 */
function nestedLiteral(values: readonly (string | number | null | undefined)[]): string {
  if (jsonReadable(values, false)) return `"{${JSON.stringify(values).slice(1, -1)}}"`;
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x === null || x === undefined) parts[i] = 'NULL';
    else if (typeof x === 'number') parts[i] = String(x);
    else if (x.length <= SHORT) parts[i] = shortNested(x);
    else parts[i] = nestedElement(x);
  }
  return joined(parts, '"{', '}"');
}

/** A string as an element of a nested array literal: in escaped double quotes, its quotes and backslashes escaped twice. */
function nestedElement(x: string): string {
  return SPECIAL.test(x) ? `\\"${x.replace(/\\/g, '\\\\\\\\').replace(/"/g, '\\\\\\"')}\\"` : `\\"${x}\\"`;
}

/**
 * Short strings repeat (a cell's status, a printed 0): their nested elements are made once. The
 * map is emptied when full, so that it never grows with the data.
 */
const SHORT = 16;
const shortElements = new Map<string, string>();
function shortNested(x: string): string {
  let e = shortElements.get(x);
  if (e === undefined) {
    if (shortElements.size >= 4096) shortElements.clear();
    shortElements.set(x, (e = nestedElement(x)));
  }
  return e;
}

/** `open` + parts joined by commas + `close`, as one flat string (no chain for the driver to flatten again). */
function joined(parts: string[], open: string, close: string): string {
  if (!parts.length) return open + close;
  parts[0] = open + parts[0];
  parts[parts.length - 1] += close;
  return parts.join(',');
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
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = element((rows[i] as Record<string, unknown>)[column], type);
  return joined(parts, '{', '}');
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
