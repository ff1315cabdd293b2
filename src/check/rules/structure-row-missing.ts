import { rowName } from '../../model/names.ts';
import type { CellDef } from '../../model/types.ts';
import { diagnostic, type Rule } from '../rule.ts';

export const structureRowMissing: Rule = {
  meta: {
    id: 'structure.row_missing',
    severity: 'error',
    stage: 'check',
    title: '表中缺少行或数据',
    description: '表格存在，但其中某些行没有找到，或某行的数据无法确定地读出（此时由解析器说明原因）。缺失的单元格为空值，不按0处理。',
  },
  check({ format, provenance }) {
    const out = [];
    // Absent cells have no source line; cells of rows printed but unreadable keep theirs and
    // are explained by the parser's own structure.row_missing.
    const absent = (c: CellDef) => {
      const p = provenance[c.index];
      return p?.status === 'missing' && !p.line;
    };
    for (const t of format.tables) {
      const cells = t.cells;
      if (!cells.some(absent)) continue;
      if (cells.every(absent)) continue; // the whole table: structure.table_missing
      const rows = t.rows.filter((r) => cells.every((c) => c.row !== r || absent(c)));
      if (rows.length === 0) continue;
      const addresses = cells.filter((c) => rows.includes(c.row)).map((c) => c.address);
      out.push(diagnostic(this.meta, `${t.name}缺少${rows.length}行：${rows.map((r) => `“${rowName(r)}”`).join('、')}（这些单元格为空值）`, { cells: addresses, line: null }));
    }
    return out;
  },
};
