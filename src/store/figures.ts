// A report's dashboard figures: the model's measures (measures.yaml) summed over its current
// version's cells, kept on the report row with the hash of the measures' definition. A changed
// definition makes every report's figures stale; refreshFigures recomputes them from the cells
// (at start-up, by migrate's caller), so the figures never disagree with the cells for long.

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Report } from '../interchange/types.ts';
import { measures } from '../model/measures.ts';
import type { Executor } from './bulk.ts';

let key: string | undefined;

/** Hash of the measures' definition. */
export function figuresKey(): string {
  return (key ??= createHash('sha256').update(JSON.stringify(measures().measures)).digest('hex').slice(0, 16));
}

export type Figures = Record<string, number | null>;

/** The measures of a report: the sum of the cells it has values for, null when it has none. */
export function figuresOf(report: Pick<Report, 'tables'>): Figures {
  const out: Figures = {};
  for (const m of measures().measures) {
    let sum: number | null = null;
    for (const a of m.cells) {
      const [t, r, c] = a.split('.');
      const v = report.tables[t]?.[r]?.[c];
      if (v === null || v === undefined) continue;
      sum = (sum ?? 0) + v;
    }
    out[m.id] = sum === null ? null : Math.round(sum * 1e6) / 1e6;
  }
  return out;
}

/**
 * The figures as a float8[] literal in the measures' order (reports.figure_values): the dashboards
 * sum array elements, several times cheaper per report than reading keys out of jsonb.
 */
export function figureValues(figures: Figures): string {
  return `{${measures().measures.map((m) => figures[m.id] ?? 'NULL').join(',')}}`;
}

/** Named figures from the array kept on a report (figure_values), for reading. */
export function figuresFromValues(values: readonly (number | null)[] | null): Figures | null {
  if (!values) return null;
  const out: Figures = {};
  measures().measures.forEach((m, i) => {
    out[m.id] = values[i] ?? null;
  });
  return out;
}

/** Recompute the figures of reports whose figures were made with another definition. */
export async function refreshFigures(db: Executor): Promise<number> {
  const defs = measures().measures.flatMap((m, n) => m.cells.map((a) => ({ n: n + 1, address: a })));
  const ns = defs.map((d) => d.n);
  const [tables, rows, cols] = [0, 1, 2].map((i) => defs.map((d) => d.address.split('.')[i]));
  const count = measures().measures.length;
  const stale = sql`(r.figures_key IS NULL OR r.figures_key <> ${figuresKey()})`;
  const result = await sql`
    UPDATE reports r SET figures_key = ${figuresKey()},
      figure_values = ARRAY(SELECT round(f.total, 6)::float8 FROM (
        SELECT m.n, sum(c.value) AS total
        FROM generate_series(1, ${count}::int4) AS m(n)
        LEFT JOIN unnest(${ns}::int4[], ${tables}::text[], ${rows}::text[], ${cols}::text[]) AS d(n, t, rw, cl) ON d.n = m.n
        LEFT JOIN cells c ON c.report_id = r.id AND c.version = r.current_version AND c.table_id = d.t AND c.row_id = d.rw AND c.col_id = d.cl
        GROUP BY m.n) f ORDER BY f.n)
    WHERE ${stale}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
