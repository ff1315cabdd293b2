import { cellNameOf } from '../../model/names.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'notANumber'> = {
  id: 'cell.not_a_number',
  severity: 'error',
  stage: 'check',
  title: '单元格不是数字',
  description: '应填数字的单元格里印的是文字（既不是数字，也不是“/”或空白）。取值为空，原文保留在来源中。',
  messages: { notANumber: { origin: 'check', example: '表三“予以公开”行“自然人”列印作“未统计”，不是数字（第50行）' } },
};

export const cellNotANumber: Rule = {
  meta,
  check({ format, values, provenance }) {
    const out = [];
    for (const def of format.cells) {
      const c = provenance[def.index];
      if (c?.status === 'read' && c.raw && values[def.index] === null) {
        const name = cellNameOf(def.table, def.row, def.column);
        out.push(createDiagnostic(meta, 'notANumber', `${name}印作“${c.raw}”，不是数字${c.line ? `（第${c.line}行）` : ''}`, { cells: [def.address], line: c.line }));
      }
    }
    return out;
  },
};
