// What a rule is: an id, metadata (severity, stage, Chinese title and description) and, for
// check-stage rules, a function from a report to diagnostics. Parse-stage rules (label variants,
// reconstructed values) are raised by the parser while it reads the source; they are listed here
// so the catalogue is complete.

import type { CellProvenance, Diagnostic, Report, Severity } from '../interchange/types.ts';
import type { Sentence } from './sentences.ts';
import type { Format } from '../model/types.ts';

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** parse: raised while reading the source; check: computed from the report data. */
  stage: 'parse' | 'check';
  /** Short Chinese title. */
  title: string;
  /** What the rule checks and why, in Chinese. */
  description: string;
}

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

export function diagnostic(meta: RuleMeta, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { rule: meta.id, severity: meta.severity, message, ...extra };
}
