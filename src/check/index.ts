// The check stage: a report → diagnostics, by the rules of the catalogue. Pure: no I/O.

import { flatten, type FlatCells } from '../interchange/flat-cells.ts';
import type { Diagnostic, Report } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import { rules } from './catalogue.ts';
import type { RuleContext } from './rule.ts';
import { sentences, type Sentence } from './sentences.ts';

export { rules, rule } from './catalogue.ts';
export type { Rule, RuleMeta } from './rule.ts';
export type { MessageMeta } from '../diagnostics/diagnostic.ts';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The check-stage diagnostics for a report (the parser's own diagnostics are not repeated).
 * `cells`: the report's cells by index as the parser produced them beside it (saves reading them
 * off the report again); it must be the view of this very report, unchanged since.
 */
export function checkReport(report: Report, cells?: FlatCells): Diagnostic[] {
  const format = getFormat(report.format);
  const { values, provenance } = cells ?? flatten(report, format);
  let split: Sentence[] | undefined;
  const ctx: RuleContext = { report, format, values, provenance, sentences: () => (split ??= sentences(report)) };
  const out: Diagnostic[] = [];
  for (const r of rules()) {
    if (!r.check) continue;
    for (const d of r.check.call(r, ctx)) out.push(d);
  }
  return out;
}

/** Parse-stage diagnostics of a report (raised while reading the source): those whose origin is parse. */
export function parseDiagnostics(report: Report): Diagnostic[] {
  if (report.diagnostics.every((d) => d.origin)) return report.diagnostics.filter((d) => d.origin === 'parse');
  // A report written before diagnostics carried their origin: told by the rule's stage.
  // structure.row_missing is raised by the parser too, for rows printed but unreadable: their
  // cells are missing yet keep the line where the row was printed (absent rows have no line).
  const parseRules = new Set(rules().filter((r) => r.meta.stage === 'parse').map((r) => r.meta.id));
  const printedButUnread = (d: Diagnostic) =>
    d.rule === 'structure.row_missing' && !!d.cells?.length && d.cells.every((a) => report.cells[a]?.status === 'missing' && report.cells[a]?.line);
  return report.diagnostics.filter((d) => (d.origin ? d.origin === 'parse' : parseRules.has(d.rule) || printedButUnread(d)));
}

/** The report with its check-stage diagnostics recomputed (parse-stage ones kept); `cells` as for checkReport. */
export function withChecks(report: Report, cells?: FlatCells): Report {
  const kept = parseDiagnostics(report);
  return { ...report, diagnostics: sortDiagnostics([...kept, ...checkReport({ ...report, diagnostics: kept }, cells)]) };
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || (a.d.line ?? 1e9) - (b.d.line ?? 1e9) || a.i - b.i)
    .map((x) => x.d);
}
