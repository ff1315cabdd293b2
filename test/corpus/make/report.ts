// A generated report (test/support/generate.ts) as an interchange report, for Gongkai's own
// renderers, and as the truth a corpus text is scored against (test/support/corpus.ts).

import type { Report } from '../../../src/interchange/types.ts';
import { asInterchange, type GeneratedReport } from '../../support/generate.ts';
import type { Truth, TruthTables } from '../../support/corpus.ts';

/** The interchange report of a generated one: every cell printed as generated. */
export function toReport(g: GeneratedReport, name: string): Report {
  return asInterchange(g, { name, sha256: '0'.repeat(64), kind: 'json' });
}

/** The truth of a document printed from `g`: its values as printed (null for cells it does not print). */
export function truthOf(id: string, g: GeneratedReport, seed: number, tables: TruthTables = g.tables): Truth {
  return { id, seed, format: g.format, agency: g.agency, year: g.year, published: g.published, tables };
}
