import { cellName } from '../../model/names.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'notApplicable'> = {
  id: 'cell.not_applicable',
  severity: 'info',
  stage: 'check',
  title: '单元格标为不适用',
  description: '单元格印的是“/”“—”“无”等不适用标记。取值为空，计算勾稽关系时按0处理。',
  messages: { notApplicable: { origin: 'check', example: '表二“行政事业性收费”印作“/”（不适用），取值为空' } },
};

export const cellNotApplicable: Rule = {
  meta,
  check({ format, provenance }) {
    const out = [];
    for (const t of format.tables) {
      const cells = t.cells.filter((c) => provenance[c.index]?.status === 'not_applicable');
      if (!cells.length) continue;
      const addresses = cells.map((c) => c.address);
      const marks = [...new Set(cells.map((c) => provenance[c.index]!.raw))].map((m) => `“${m}”`).join('');
      const names = cells.length <= 3 ? addresses.map((a) => cellName(format, a)).join('、') : `${cellName(format, addresses[0])}等${cells.length}个单元格`;
      out.push(createDiagnostic(meta, 'notApplicable', `${names}印作${marks}（不适用），取值为空`, { cells: addresses, line: provenance[cells[0].index]!.line }));
    }
    return out;
  },
};
