// A generated report (test/support/generate.ts) as an interchange report, for Gongkai's own
// renderers, and as the truth a corpus text is scored against (test/support/corpus.ts).

import { getFormat } from '../../../src/model/index.ts';
import { REPORT_SCHEMA, type CellProvenance, type Report, type TableValues } from '../../../src/interchange/types.ts';
import type { GeneratedReport } from '../../support/generate.ts';
import type { Truth, TruthTables } from '../../support/corpus.ts';

/** The interchange report of a generated one: every cell printed as generated. */
export function toReport(g: GeneratedReport, name: string): Report {
  const format = getFormat(g.format);
  const cells: Record<string, CellProvenance> = {};
  const tables: Record<string, TableValues> = {};
  for (const t of format.tables) {
    tables[t.id] = {};
    for (const row of t.rows) {
      tables[t.id][row.id] = {};
      for (const col of row.columns) {
        const v = g.tables[t.id][row.id][col.id];
        tables[t.id][row.id][col.id] = v;
        cells[`${t.id}.${row.id}.${col.id}`] = { raw: String(v), line: null, status: 'read' };
      }
    }
  }
  return {
    schema: REPORT_SCHEMA,
    source: { name, sha256: '0'.repeat(64), kind: 'json' },
    agency: g.agency,
    year: g.year,
    format: g.format,
    published: g.published,
    sections: g.sections.map((s) => {
      const def = format.section(s.id);
      return { id: s.id, title: `${def.numeral}、${def.label}`, text: s.paragraphs.join('\n') };
    }),
    tables,
    cells,
    diagnostics: [],
  };
}

/** The truth of a document printed from `g`: its values as printed (null for cells it does not print). */
export function truthOf(id: string, g: GeneratedReport, seed: number, tables: TruthTables = g.tables): Truth {
  return { id, seed, format: g.format, agency: g.agency, year: g.year, published: g.published, tables };
}
