// history.carry_over: this year's 上年结转 equals last year's 结转下年度, column by column — also
// across the 2020→2021 format change (both formats have the rows and the same column ids).

import type { Diagnostic, Report } from '../../interchange/types.ts';
import { history } from '../../model/history.ts';
import { getFormat } from '../../model/load.ts';
import { columnName } from '../../model/names.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleMeta } from '../rule.ts';

export const historyCarryOverMeta: RuleMeta<'mismatch'> = {
  id: 'history.carry_over',
  severity: 'warning',
  stage: 'check',
  title: '上年结转与上一年度报告不符',
  description: '同一机关：本年表三“上年结转政府信息公开申请数量”应等于上一年度报告的“结转下年度继续办理”，逐列比较（跨越2020→2021格式变化同样适用）。',
  messages: { mismatch: { origin: 'check', example: '表三“自然人”列：本年上年结转为2，而2022年度报告的结转下年度为3，相差1' } },
};

export function historyCarryOver(current: Report, previous: Report): Diagnostic[] {
  if (!current.year || previous.year !== current.year - 1) return [];
  const { table, previous_row, current_row } = history().carry_over;
  const cur = current.tables[table]?.[current_row];
  const prev = previous.tables[table]?.[previous_row];
  if (!cur || !prev) return [];
  const format = getFormat(current.format);
  const out: Diagnostic[] = [];
  for (const col of format.table(table as 'applications').columns) {
    if (!(col.id in cur) || !(col.id in prev)) continue;
    const a = cur[col.id];
    const b = prev[col.id];
    if (a === null && b === null) continue;
    if ((a ?? 0) === (b ?? 0)) continue;
    const shown = (v: number | null) => (v === null ? '空(按0计)' : String(v));
    out.push(
      createDiagnostic(
        historyCarryOverMeta,
        'mismatch',
        `表三“${columnName(col)}”列：本年上年结转为${shown(a)}，而${previous.year}年度报告的结转下年度为${shown(b)}，相差${Math.abs((a ?? 0) - (b ?? 0))}`,
        { cells: [`${table}.${current_row}.${col.id}`], line: current.cells[`${table}.${current_row}.${col.id}`]?.line ?? null },
      ),
    );
  }
  return out;
}
