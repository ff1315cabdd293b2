import { cellName } from '../../model/names.ts';
import { valueAt } from '../cells.ts';
import { diagnostic, type Rule } from '../rule.ts';

export const cellNotInteger: Rule = {
  meta: {
    id: 'cell.not_integer',
    severity: 'error',
    stage: 'check',
    title: '件数不是整数',
    description: '件数、项数必须是整数；只有金额（如“本年收费金额（单位：万元）”）可以有小数。',
  },
  check({ report, format }) {
    const out = [];
    for (const a of format.addresses) {
      const v = valueAt(report, a);
      const def = format.cell(a)!;
      if (typeof v === 'number' && !Number.isInteger(v) && def.column.type !== 'decimal') {
        const line = report.cells[a]?.line ?? null;
        out.push(diagnostic(this.meta, `${cellName(format, a)}为${v}，件数应为整数${line ? `（第${line}行）` : ''}`, { cells: [a], line }));
      }
    }
    return out;
  },
};
