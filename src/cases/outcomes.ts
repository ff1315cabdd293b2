// Outcomes of a case and their 表三 rows, review records and their 表四 cells: the mapping of
// src/cases/data/outcomes.yaml checked against every format of the model, so that a format
// version added as data either fits or fails loudly here.

import { formats, getFormat } from '../model/load.ts';
import type { Format } from '../model/types.ts';
import { dataFail, readDataFile } from './data.ts';

export type OutcomeVia = 'reply' | 'stop' | 'lapse' | 'withdrawal';

export interface OutcomeDef {
  id: string;
  label: string;
  basis: string;
  via: OutcomeVia;
  /** 表三 row ids, most specific first; the first the format has is used. */
  rows: string[];
  /** Rows an agency may count it in instead (practice, not rule). */
  alternatives?: string[];
}

export interface ReviewKindDef { id: string; row: string; label: string }
export interface ReviewResultDef { id: string; column: string; label: string }

export interface OutcomeData {
  outcomes: OutcomeDef[];
  review: { kinds: ReviewKindDef[]; results: ReviewResultDef[]; pendingColumn: string };
  ledger: { newReceived: string; carriedOver: string; carriedForward: string };
}

/** Per agency: outcome id → 表三 rows (most specific first) replacing the default. */
export type RowOverrides = Record<string, string[]>;

let cached: OutcomeData | undefined;
const FILE = 'outcomes.yaml';

export function outcomeData(): OutcomeData {
  if (cached) return cached;
  const raw = readDataFile(FILE) as {
    outcomes?: OutcomeDef[];
    review?: { kinds: ReviewKindDef[]; results: ReviewResultDef[]; pending_column: string };
    ledger?: { new_received: string; carried_over: string; carried_forward: string };
  } | null;
  if (!raw?.outcomes || !raw.review || !raw.ledger) dataFail(FILE, '缺少 outcomes、review 或 ledger');
  const data: OutcomeData = {
    outcomes: raw.outcomes,
    review: { kinds: raw.review.kinds, results: raw.review.results, pendingColumn: raw.review.pending_column },
    ledger: { newReceived: raw.ledger.new_received, carriedOver: raw.ledger.carried_over, carriedForward: raw.ledger.carried_forward },
  };
  const ids = new Set<string>();
  for (const o of data.outcomes) {
    if (ids.has(o.id)) dataFail(FILE, `结果 ${o.id} 重复`);
    ids.add(o.id);
    if (!['reply', 'stop', 'lapse', 'withdrawal'].includes(o.via)) dataFail(FILE, `结果 ${o.id} 的 via 无效：${o.via}`);
  }
  for (const f of formats()) {
    for (const o of data.outcomes) {
      rowOf(f, o.rows, `结果 ${o.id}`);
    }
    const t4 = f.table('review_litigation');
    for (const k of data.review.kinds) if (!t4.rows.some((r) => r.id === k.row)) dataFail(FILE, `表四没有行 ${k.row}（${f.id} 年版）`);
    for (const c of [...data.review.results.map((r) => r.column), data.review.pendingColumn]) if (!t4.columns.some((x) => x.id === c)) dataFail(FILE, `表四没有列 ${c}（${f.id} 年版）`);
    const t3 = f.table('applications');
    for (const r of Object.values(data.ledger)) if (!t3.rows.some((x) => x.id === r)) dataFail(FILE, `表三没有行 ${r}（${f.id} 年版）`);
  }
  for (const o of data.outcomes) {
    for (const alt of o.alternatives ?? []) {
      if (!formats().some((f) => resultRows(f).includes(alt))) dataFail(FILE, `结果 ${o.id} 的可选行 ${alt} 不是任何格式表三“办理结果”的明细行`);
    }
  }
  cached = data;
  return data;
}

/** The first of `rows` that the format's 表三 has (must be a leaf that the results total adds up). */
function rowOf(format: Format, rows: string[], what: string): string {
  const table = format.table('applications');
  const row = rows.find((r) => table.rows.some((x) => x.id === r));
  if (!row) dataFail(FILE, `${what} 的行 ${rows.join('/')} 在 ${format.id} 年版表三中都不存在`);
  const leaves = resultRows(format);
  if (!leaves.includes(row)) dataFail(FILE, `${what} 的行 ${row} 不是 ${format.id} 年版表三“办理结果”的明细行`);
  return row;
}

/**
 * The rows that 表三's results total adds up (the outcome leaves), read off the model's relation
 * whose left side is one row and whose right side is the most rows.
 */
export function resultRows(format: Format): string[] {
  const rels = format.relations.filter((r) => r.table === 'applications' && r.each === 'column' && r.left.length === 1);
  if (!rels.length) throw new Error(`格式 ${format.id} 的表三没有“办理结果总计”关系`);
  return rels.reduce((a, b) => (b.right.length > a.right.length ? b : a)).right;
}

export function outcome(id: string): OutcomeDef {
  const o = outcomeData().outcomes.find((x) => x.id === id);
  if (!o) throw new Error(`未知的办理结果：${id}`);
  return o;
}

export function outcomeIds(via?: OutcomeVia): string[] {
  return outcomeData().outcomes.filter((o) => !via || o.via === via).map((o) => o.id);
}

/** Problems with an agency's row overrides, in Chinese (empty when each names an allowed row). */
export function overrideProblems(overrides: RowOverrides): string[] {
  const out: string[] = [];
  for (const [id, rows] of Object.entries(overrides)) {
    const o = outcomeData().outcomes.find((x) => x.id === id);
    if (!o) out.push(`未知的办理结果：${id}`);
    else if (!o.alternatives) out.push(`办理结果“${o.label}”的统计行由规定确定，不能改为 ${rows.join('/')}`);
    else {
      const bad = rows.find((r) => !o.alternatives!.includes(r));
      if (bad) out.push(`办理结果“${o.label}”只能计入 ${o.alternatives.join('、')}，不能计入 ${bad}`);
    }
  }
  return out;
}

/** The 表三 row of an outcome in a format, with an agency's overrides for the [U] outcomes. */
export function outcomeRow(outcomeId: string, formatId: string, overrides: RowOverrides = {}): string {
  const o = outcome(outcomeId);
  const f = getFormat(formatId);
  const wanted = overrides[outcomeId];
  if (wanted) {
    const problems = overrideProblems({ [outcomeId]: wanted });
    if (problems.length) throw new Error(problems.join('；'));
    return rowOf(f, wanted, `结果 ${o.id}（本机关设置）`);
  }
  return rowOf(f, o.rows, `结果 ${o.id}`);
}
