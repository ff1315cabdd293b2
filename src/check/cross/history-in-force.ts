// history.in_force: 现行有效件数 (Y) ≈ 现行有效件数 (Y−1) + 本年制发 − 本年废止, for 规章 and
// 行政规范性文件; per format, the stock and flow columns come from history.yaml.

import type { Diagnostic, Report } from '../../interchange/types.ts';
import { history } from '../../model/history.ts';
import { getFormat } from '../../model/load.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleMeta } from '../rule.ts';

export const historyInForceMeta: RuleMeta<'mismatch'> = {
  id: 'history.in_force',
  severity: 'info',
  stage: 'check',
  title: '现行有效件数与上年不衔接',
  description: '同一机关：本年“现行有效件数”应约等于上年现行有效件数加本年制发件数减本年废止件数（规章、行政规范性文件分别计算）；两年格式的存量指标不同时不比较。',
  messages: { mismatch: { origin: 'check', example: '表二“规章”：2022年现行有效件数(10)+本年制发件数(2)−本年废止件数(1)=11，本年报告为12，相差1' } },
};

export function historyInForce(current: Report, previous: Report): Diagnostic[] {
  if (!current.year || previous.year !== current.year - 1) return [];
  const spec = history().in_force.find((s) => s.format === current.format);
  const prevSpec = history().in_force.find((s) => s.format === previous.format);
  if (!spec || !prevSpec || spec.stock !== prevSpec.stock) return [];
  const format = getFormat(current.format);
  const out: Diagnostic[] = [];
  for (const row of spec.rows) {
    const cur = current.tables[spec.table]?.[row];
    const prev = previous.tables[spec.table]?.[row];
    if (!cur || !prev) continue;
    const stock = cur[spec.stock];
    const before = prev[prevSpec.stock];
    if (stock === null || stock === undefined || before === null || before === undefined) continue;
    const added = spec.added.reduce((s, c) => s + (cur[c] ?? 0), 0);
    const removed = spec.removed.reduce((s, c) => s + (cur[c] ?? 0), 0);
    const expected = before + added - removed;
    if (expected === stock) continue;
    const rowDef = format.table(spec.table as 'active').rows.find((r) => r.id === row)!;
    const cols = format.table(spec.table as 'active').columns;
    const name = (id: string) => cols.find((c) => c.id === id)?.short ?? id;
    const flows = [...spec.added.map((c) => `+${name(c)}(${cur[c] ?? 0})`), ...spec.removed.map((c) => `−${name(c)}(${cur[c] ?? 0})`)].join('');
    out.push(
      createDiagnostic(
        historyInForceMeta,
        'mismatch',
        `表二“${rowDef.short}”：${previous.year}年${name(prevSpec.stock)}(${before})${flows}=${expected}，本年报告为${stock}，相差${Math.abs(expected - stock)}`,
        { cells: [`${spec.table}.${row}.${spec.stock}`], line: current.cells[`${spec.table}.${row}.${spec.stock}`]?.line ?? null },
      ),
    );
  }
  return out;
}
