import { cellName } from '../../model/names.ts';
import { valueAt } from '../cells.ts';
import { diagnostic, type Rule } from '../rule.ts';

export const cellNotANumber: Rule = {
  meta: {
    id: 'cell.not_a_number',
    severity: 'error',
    stage: 'check',
    title: '单元格不是数字',
    description: '应填数字的单元格里印的是文字（既不是数字，也不是“/”或空白）。取值为空，原文保留在来源中。',
  },
  check({ report, format }) {
    const out = [];
    for (const a of format.addresses) {
      const c = report.cells[a];
      if (c?.status === 'read' && c.raw && valueAt(report, a) === null) {
        out.push(diagnostic(this.meta, `${cellName(format, a)}印作“${c.raw}”，不是数字${c.line ? `（第${c.line}行）` : ''}`, { cells: [a], line: c.line }));
      }
    }
    return out;
  },
};
