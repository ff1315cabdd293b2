// A report's dashboard figures: the model's measures (measures.yaml) summed over its current
// version's cells, kept on the report row with the hash of the measures' definition. A changed
// definition makes every report's figures stale; refreshFigures (refresh-figures.ts) recomputes
// them from the cells at start-up, so the figures never disagree with the cells for long. No
// database here: the parse worker computes a report's figures.

import { createHash } from 'node:crypto';
import type { Report } from '../interchange/types.ts';
import { measures } from '../model/measures.ts';

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
