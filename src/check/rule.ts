// What a rule is: its metadata (id, severity, stage, Chinese title and description, its messages;
// see diagnostics/diagnostic.ts) and, for check-stage rules, a function from a report to
// diagnostics. Parse-stage rules (label variants, reconstructed values) are raised by the parser
// while it reads the source; their metadata lives below both stages (diagnostics/parse-rules.ts)
// and is listed in the catalogue so that it is complete.

import type { RuleMeta } from '../diagnostics/diagnostic.ts';
import type { CellProvenance, Diagnostic, Report } from '../interchange/types.ts';
import type { Sentence } from './sentences.ts';
import type { Format } from '../model/types.ts';

export type { RuleMeta } from '../diagnostics/diagnostic.ts';

export interface RuleContext {
  report: Report;
  format: Format;
  /** The report's values by CellDef.index (read once per check). */
  values: (number | null | undefined)[];
  /** The report's cell provenance by CellDef.index. */
  provenance: (CellProvenance | undefined)[];
  /** The narrative split into sentences (computed on first use, once per check). */
  sentences(): Sentence[];
}

export interface Rule {
  meta: RuleMeta;
  check?: (ctx: RuleContext) => Diagnostic[];
}
