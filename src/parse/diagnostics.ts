// The label-variant diagnostic: a label printed differently from the official wording (the other
// diagnostics the parser raises are made where their cause is known, in read-tables.ts and
// build-tables.ts). Rule ids, message ids and severities come from diagnostics/parse-rules.ts.

import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { structureLabelVariant } from '../diagnostics/parse-rules.ts';
import type { Diagnostic } from '../interchange/types.ts';
import type { ColumnDef, Labelled, RowDef, TableDef } from '../model/types.ts';
import type { LabelHit } from './locate.ts';

function isRow(item: Labelled): item is RowDef {
  return 'parents' in item;
}

export function labelVariantDiagnostic(table: TableDef, item: RowDef | ColumnDef | Labelled, hit: LabelHit, line: number, group?: string): Diagnostic {
  const what = isRow(item) ? `“${item.short}”行的标签` : group ? `“${group}”的列标题` : '列标题';
  const cells = isRow(item)
    ? item.columns.map((c) => `${table.id}.${item.id}.${c.id}`)
    : 'id' in item
      ? table.rows.filter((r) => r.columns.some((c) => c.id === (item).id)).map((r) => `${table.id}.${r.id}.${(item).id}`)
      : [];
  const kind = hit.kind === 'fuzzy' ? '与规定写法不同（疑似错字或漏字）' : '是旧的或非规定的写法';
  // A label interleaved with other text (a header repeated at a page break) is shown abridged.
  const printed = hit.printed.length > item.label.length + 8 ? `${hit.printed.slice(0, 12)}…${hit.printed.slice(-8)}` : hit.printed;
  return createDiagnostic(structureLabelVariant, hit.kind === 'fuzzy' ? 'misprint' : 'variant', `${table.name}${what}印作“${printed}”，${kind}；规定写法为“${item.label}”（第${line}行）`, {
    cells,
    line,
  });
}
