// Figures made with another definition of the measures (figures.ts) recomputed from the stored
// cells, in one statement, when the store opens.

import { sql } from 'kysely';
import { measures } from '../model/measures.ts';
import type { Executor } from './bulk.ts';
import { figuresKey } from './figures.ts';

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
