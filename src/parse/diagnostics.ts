// The label-variant diagnostic (a label printed differently from the official wording) and the
// mixed-encoding diagnostics of a text read by the line (the other
// diagnostics the parser raises are made where their cause is known, in read-tables.ts and
// build-tables.ts). Rule ids, message ids and severities come from diagnostics/parse-rules.ts.

import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { sourceEncodingMixed, structureLabelVariant } from '../diagnostics/parse-rules.ts';
import type { Diagnostic } from '../interchange/types.ts';
import type { ColumnDef, Labelled, RowDef, TableDef } from '../model/types.ts';
import type { LabelHit } from './locate.ts';
import type { MixedLines } from '../ingest/decode.ts';

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

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', gb18030: 'GBK（GB18030）', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

/** Lines as "第3、17、20行" (the first few, then how many more). */
function lineList(lines: number[]): string {
  const shown = lines.slice(0, 8).join('、');
  return lines.length > 8 ? `第${shown}行等 ${lines.length} 行` : `第${shown}行`;
}

/** The source.encoding_mixed diagnostics of a text read by the line (decode.ts): one for each kind of line. */
export function encodingDiagnostics(mixed: MixedLines, encoding: string): Diagnostic[] {
  const main = ENCODING_NAMES[encoding] ?? encoding;
  const out: Diagnostic[] = [];
  if (mixed.other.length) {
    const message = `文件按 ${main} 编码读取，其中${lineList(mixed.other)}是 ${ENCODING_NAMES[mixed.otherEncoding]} 编码（可能是从别处复制粘贴的），已按该编码读取，请核实`;
    out.push(createDiagnostic(sourceEncodingMixed, 'otherEncoding', message, { line: mixed.other[0] }));
  }
  if (mixed.invalid.length) {
    const message = `文件按 ${main} 编码读取，${lineList(mixed.invalid)}有无法识别的字节（显示为“\ufffd”），这些位置的文字可能缺失，请对照原文核实`;
    out.push(createDiagnostic(sourceEncodingMixed, 'invalidBytes', message, { line: mixed.invalid[0] }));
  }
  return out;
}

/**
 * A group of rows (（六）其他处理) printed as one row without its sub-rows, as the 2019 format
 * prints it: its numbers are read into the group's catch-all sub-row, the others are null.
 */
export function groupAsRowDiagnostic(table: TableDef, catchAll: RowDef, others: RowDef[], group: string, line: number): Diagnostic {
  const names = others.map((r) => `“${r.short}”`).join('、');
  return createDiagnostic(
    structureLabelVariant,
    'groupAsRow',
    `${table.name}“${group}”印成一行、没有分项（2019年版的写法）：印出的数计入“${catchAll.label}”，${names}${others.length}行为空值（第${line}行）`,
    { cells: [catchAll, ...others].flatMap((r) => r.addresses), line },
  );
}
