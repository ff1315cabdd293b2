import { cellNameOf } from '../../model/names.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'negative'> = {
  id: 'cell.negative',
  severity: 'error',
  stage: 'check',
  title: '数值为负',
  description: '件数和金额不能为负数（2019年版表二的“本年增/减”除外）。',
  messages: { negative: { origin: 'check', example: '表二“行政许可”为负数（-3）（第12行）' } },
};

export const cellNegative: Rule = {
  meta,
  check({ format, values, provenance }) {
    const out = [];
    for (const def of format.cells) {
      const v = values[def.index];
      if (typeof v === 'number' && v < 0 && def.column.type !== 'signed_integer') {
        const line = provenance[def.index]?.line ?? null;
        out.push(createDiagnostic(meta, 'negative', `${cellNameOf(def.table, def.row, def.column)}为负数（${v}）${line ? `（第${line}行）` : ''}`, { cells: [def.address], line }));
      }
    }
    return out;
  },
};
