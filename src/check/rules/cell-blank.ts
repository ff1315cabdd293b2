import { cellName } from '../../model/names.ts';
import type { Format } from '../../model/types.ts';
import type { Report } from '../../interchange/types.ts';
import { formatNumber, valueAt } from '../cells.ts';
import { diagnostic, type Rule } from '../rule.ts';

/** The value a relation implies for a blank cell, when the cell is that relation's only gap. */
function implied(report: Report, format: Format, address: string): number | null {
  for (const eq of format.equations) {
    const all = [...eq.left, ...eq.right];
    if (!all.includes(address)) continue;
    if (all.some((a) => a !== address && (valueAt(report, a) === null || valueAt(report, a) === undefined))) continue;
    let sum = 0;
    let sign = 0;
    for (const a of eq.left) {
      if (a === address) sign = 1;
      else sum += valueAt(report, a) as number;
    }
    for (const a of eq.right) {
      if (a === address) sign = -1;
      else sum -= valueAt(report, a) as number;
    }
    const x = -sum / sign;
    if (x >= 0) return x;
  }
  return null;
}

export const cellBlank: Rule = {
  meta: {
    id: 'cell.blank',
    severity: 'warning',
    stage: 'check',
    title: '单元格空白',
    description: '表格中应填数字的单元格留空（格式要求没有的填0）。取值保持为空，不会被当作0写入数据；提示中给出勾稽关系推算的值供核对。',
  },
  check(ctx) {
    const { report, format } = ctx;
    const out = [];
    // Blank cells grouped by row, in table order.
    const rows = new Map<string, string[]>();
    for (const def of format.cells) {
      if (ctx.provenance[def.index]?.status !== 'blank') continue;
      const key = `${def.table.id}.${def.row.id}`;
      const list = rows.get(key);
      if (list) list.push(def.address);
      else rows.set(key, [def.address]);
    }
    for (const blanks of rows.values()) {
      const parts = blanks.map((a) => {
        const v = implied(report, format, a);
        return `${cellName(format, a)}${v === null ? '' : `（按勾稽关系应为${formatNumber(v)}）`}`;
      });
      const line = report.cells[blanks[0]]?.line ?? null;
      out.push(diagnostic(this.meta, `${parts.join('、')}为空白；取值保持为空，没有按0处理${line ? `（第${line}行）` : ''}`, { cells: blanks, line }));
    }
    return out;
  },
};
