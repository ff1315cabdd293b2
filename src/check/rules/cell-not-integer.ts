import { cellNameOf } from '../../model/names.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'notInteger'> = {
  id: 'cell.not_integer',
  severity: 'error',
  stage: 'check',
  title: '件数不是整数',
  description: '件数、项数必须是整数；只有金额（如“本年收费金额（单位：万元）”）可以有小数。',
  messages: { notInteger: { origin: 'check', example: '表二“行政处罚”为2.5，件数应为整数（第14行）' } },
};

export const cellNotInteger: Rule = {
  meta,
  check({ format, values, provenance }) {
    const out = [];
    for (const def of format.cells) {
      const v = values[def.index];
      if (typeof v === 'number' && !Number.isInteger(v) && def.column.type !== 'decimal') {
        const line = provenance[def.index]?.line ?? null;
        out.push(createDiagnostic(meta, 'notInteger', `${cellNameOf(def.table, def.row, def.column)}为${v}，件数应为整数${line ? `（第${line}行）` : ''}`, { cells: [def.address], line }));
      }
    }
    return out;
  },
};
