import { residual } from '../../model/load.ts';
import { cellNameOf } from '../../model/names.ts';
import type { CellDef, Format, RowDef } from '../../model/types.ts';
import { formatNumber } from '../cells.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleContext, RuleMeta } from '../rule.ts';

/** The value a relation implies for a blank cell, when the cell is that relation's only gap. */
function implied(ctx: RuleContext, format: Format, cell: number): number | null {
  const { values } = ctx;
  for (const eq of format.equations) {
    const at = eq.terms.indexOf(cell);
    if (at < 0) continue;
    if (eq.terms.some((i) => i !== cell && (values[i] === null || values[i] === undefined))) continue;
    // The residual without the blank cell: sign·x + rest = 0.
    const rest = residual(eq, (i) => (i === cell ? null : values[i]))!;
    const x = -rest / eq.signs[at];
    if (x >= 0) return x;
  }
  return null;
}

const meta: RuleMeta<'blank'> = {
  id: 'cell.blank',
  severity: 'warning',
  stage: 'check',
  title: '单元格空白',
  description: '表格中应填数字的单元格留空（格式要求没有的填0）。取值保持为空，不会被当作0写入数据；提示中给出勾稽关系推算的值供核对。',
  messages: {
    blank: { origin: 'check', example: '表三“结转下年度”行“总计”列（按勾稽关系应为0）为空白；取值保持为空，没有按0处理（第40行）' },
  },
};

export const cellBlank: Rule = {
  meta,
  check(ctx) {
    const { format, provenance } = ctx;
    const out = [];
    // Blank cells grouped by row, in table order.
    const rows = new Map<RowDef, CellDef[]>();
    for (const def of format.cells) {
      if (provenance[def.index]?.status !== 'blank') continue;
      const list = rows.get(def.row);
      if (list) list.push(def);
      else rows.set(def.row, [def]);
    }
    for (const blanks of rows.values()) {
      const parts = blanks.map((c) => {
        const v = implied(ctx, format, c.index);
        return `${cellNameOf(c.table, c.row, c.column)}${v === null ? '' : `（按勾稽关系应为${formatNumber(v)}）`}`;
      });
      const line = provenance[blanks[0].index]?.line ?? null;
      out.push(createDiagnostic(meta, 'blank', `${parts.join('、')}为空白；取值保持为空，没有按0处理${line ? `（第${line}行）` : ''}`, { cells: blanks.map((c) => c.address), line }));
    }
    return out;
  },
};
