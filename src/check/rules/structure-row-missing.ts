import { rowName } from '../../model/names.ts';
import type { CellDef } from '../../model/types.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import { structureRowMissing as meta } from '../../diagnostics/parse-rules.ts';
import type { Rule } from '../rule.ts';

export const structureRowMissing: Rule = {
  // Shared with the parser, which raises the rule for rows printed but unreadable.
  meta,
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
      out.push(createDiagnostic(meta, 'absent', `${t.name}缺少${rows.length}行：${rows.map((r) => `“${rowName(r)}”`).join('、')}（这些单元格为空值）`, { cells: addresses, line: null }));
    }
    return out;
  },
};
