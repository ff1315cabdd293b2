// Dashboard figures over the reports a viewer may read that pass the corpus filter: the model's
// measures summed by year, region, level or kind, always with their denominators (how many
// reports there are in the group, how many had the cells at all); the share of reports failing
// each rule; the agencies with the most open problems.

import { sql } from 'kysely';
import { measures } from '../model/measures.ts';
import type { Executor } from './bulk.ts';
import { corpusQuery, type CorpusFilter } from './search.ts';
import type { Viewer } from './scope.ts';

export type GroupBy = 'year' | 'region' | 'level' | 'kind' | 'none';

export interface MeasureFigure {
  sum: number;
  /** Reports in the group that have a value for the measure's cells. */
  reports: number;
}

export interface GroupFigures {
  key: string | number | null;
  /** Reports in the group (the denominator of everything below). */
  reports: number;
  measures: Record<string, MeasureFigure>;
  rates: Record<string, { value: number | null; numerator: number; denominator: number }>;
}

function groupExpr(by: GroupBy, regionDigits: number) {
  switch (by) {
    case 'year':
      return sql<string | number | null>`r.year`;
    case 'region':
      return sql<string | number | null>`substr(a.region_code, 1, ${regionDigits})`;
    case 'level':
      return sql<string | number | null>`a.level`;
    case 'kind':
      return sql<string | number | null>`a.kind`;
    default:
      return sql<string | number | null>`'all'`;
  }
}

export async function measureFigures(db: Executor, viewer: Viewer, filter: CorpusFilter, by: GroupBy, regionDigits = 2): Promise<GroupFigures[]> {
  const { measures: defs, rates } = measures();
  // Per measure: its sum and how many reports have it, from the figures kept on each report as
  // an array in the measures' order (figures.ts; recomputed at start-up when the measures change).
  const scope = corpusQuery(db, viewer, filter).select(['r.figure_values as v']).select(groupExpr(by, regionDigits).as('g'));
  const columns = defs.map((_, i) => sql.raw(`sum(s.v[${i + 1}]) AS s${i}, count(s.v[${i + 1}]) AS n${i}`));
  const result = await sql<Record<string, number | string | null>>`
    WITH s AS (${scope})
    SELECT s.g, count(*) AS reports, ${sql.join(columns)}
    FROM s GROUP BY s.g ORDER BY s.g`.execute(db);
  return result.rows.map((row) => {
    const g: GroupFigures = { key: row.g, reports: Number(row.reports), measures: {}, rates: {} };
    defs.forEach((m, i) => {
      g.measures[m.id] = { sum: Math.round(Number(row[`s${i}`] ?? 0) * 1e6) / 1e6, reports: Number(row[`n${i}`] ?? 0) };
    });
    for (const r of rates) {
      const num = g.measures[r.numerator].sum;
      const den = g.measures[r.denominator].sum;
      g.rates[r.id] = { value: den ? num / den : null, numerator: num, denominator: den };
    }
    return g;
  });
}

/** Share of reports with at least one finding of each rule (dismissed and fixed ones not counted). */
export async function ruleShares(db: Executor, viewer: Viewer, filter: CorpusFilter) {
  const total = await corpusQuery(db, viewer, filter).select(sql<number>`count(*)`.as('n')).execute();
  // Reports per rule, from the rules kept on each report (`rule|severity`, refreshCounts).
  const scope = corpusQuery(db, viewer, filter).select(['r.rules']);
  const rows = await sql<{ rule: string; severity: string; reports: number }>`
    WITH s AS (${scope}),
    x AS (SELECT split_part(e, '|', 1) AS rule, split_part(e, '|', 2) AS severity FROM s CROSS JOIN LATERAL unnest(s.rules) AS e)
    SELECT rule, min(severity) AS severity, count(*) AS reports FROM x GROUP BY rule ORDER BY count(*) DESC, rule`.execute(db);
  const n = Number(total[0]?.n ?? 0);
  return { reports: n, rules: rows.rows.map((r) => ({ rule: r.rule, severity: r.severity, reports: Number(r.reports), share: n ? Number(r.reports) / n : null })) };
}

/** Agencies with the most open problems, with how many reports they have in the filter. */
export async function agenciesWithMostOpen(db: Executor, viewer: Viewer, filter: CorpusFilter, limit = 20) {
  const rows = await corpusQuery(db, viewer, filter)
    .where('r.agency_id', 'is not', null)
    .select(['a.id', 'a.name', 'a.region_code'])
    .select((eb) => [eb.fn.sum<number>('r.open_count').as('open'), eb.fn.countAll<number>().as('reports'), eb.fn.sum<number>('r.error_count').as('errors')])
    .groupBy(['a.id', 'a.name', 'a.region_code'])
    .having((eb) => eb.fn.sum('r.open_count'), '>', 0)
    .orderBy('open', 'desc')
    .orderBy('a.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id!, name: r.name!, region_code: r.region_code, open: Number(r.open), errors: Number(r.errors), reports: Number(r.reports) }));
}
