// Comparing a parsed report with the generated truth, for the property and damage tests.

import { getFormat } from '../../src/model/index.ts';
import type { Report } from '../../src/interchange/types.ts';
import type { GeneratedReport } from './generate.ts';

/** Addresses whose parsed value differs from the generated one, with both values. */
export function mismatches(truth: GeneratedReport, parsed: Report): { address: string; want: number; got: number | null | undefined }[] {
  const out: { address: string; want: number; got: number | null | undefined }[] = [];
  const format = getFormat(truth.format);
  for (const t of format.tables) {
    for (const row of t.rows) {
      for (const col of row.columns) {
        const want = truth.tables[t.id][row.id][col.id];
        const got = parsed.tables[t.id]?.[row.id]?.[col.id];
        if (got !== want) out.push({ address: `${t.id}.${row.id}.${col.id}`, want, got });
      }
    }
  }
  return out;
}

/** Relation rules (declared by the format) that the parsed report violates, by table. */
function tablesWithRelationErrors(parsed: Report): Set<string> {
  const format = getFormat(parsed.format);
  const relationIds = new Map(format.relations.map((r) => [r.id, r.table]));
  const out = new Set<string>();
  for (const d of parsed.diagnostics) {
    const table = relationIds.get(d.rule);
    if (table && d.severity === 'error') out.add(table);
  }
  return out;
}

/**
 * "Never a wrong number without a diagnostic", precisely: every cell whose parsed value differs
 * from the truth must be
 *   (a) null (the parser did not claim a value), or
 *   (b) named in the `cells` of an error or warning diagnostic, or
 *   (c) in a table for which a relation error (applications.balance, …) is reported.
 * Returns the cells that break this, with what was parsed and what was true.
 */
export function silentlyWrong(truth: GeneratedReport, parsed: Report): { address: string; want: number; got: number | null | undefined }[] {
  const covered = new Set<string>();
  for (const d of parsed.diagnostics) {
    if (d.severity === 'error' || d.severity === 'warning') for (const c of d.cells ?? []) covered.add(c);
  }
  const flagged = tablesWithRelationErrors(parsed);
  // A cell the parsed report does not have (another format was detected) claims no value.
  return mismatches(truth, parsed).filter(
    (m) => m.got !== null && m.got !== undefined && !covered.has(m.address) && !flagged.has(m.address.split('.')[0]),
  );
}

/** Error diagnostics of a parsed report (for messages). */
export function errors(parsed: Report): string[] {
  return parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`);
}
