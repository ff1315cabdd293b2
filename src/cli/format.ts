// Printing reports and diagnostics for people (Chinese, grouped by file, each where the user finds
// it: the line of a text, the page and table cell of a document).

import type { RuleMeta } from '../diagnostics/diagnostic.ts';
import type { Diagnostic, Report, Severity, Stage } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import { rowName } from '../model/names.ts';

let useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;

/** Whether output is coloured: a worker thread has no terminal of its own and takes the main thread's. */
export function colorEnabled(): boolean {
  return useColor;
}

export function setColor(on: boolean): void {
  useColor = on;
}
const paint = (code: string, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

export const STAGE_LABEL: Record<Stage, string> = { parse: '解析时', check: '核查时' };

/** One rule for `gongkai rules ID`: what it checks, then each of its messages with an example. */
export function formatRule(meta: RuleMeta): string {
  const lines = [
    `${paint('1', meta.id)}  ${SEVERITY_LABEL[meta.severity]}  ${STAGE_LABEL[meta.stage]}  ${meta.title}`,
    `  ${meta.description}`,
    '',
    '  消息（诊断中的 messageId）：',
  ];
  for (const [id, m] of Object.entries(meta.messages)) {
    lines.push(`  ${paint('1', id)}（${STAGE_LABEL[m.origin]}）`, `    例：${m.example}`);
  }
  return lines.join('\n');
}

export function describeReport(r: Report): string {
  const format = getFormat(r.format);
  const parts = [r.agency ?? '（未写明机关）', r.year ? `${r.year}年度` : '（年度不明）', format.name];
  if (r.published) parts.push(`日期 ${r.published}`);
  return parts.join(' · ');
}

/**
 * Where a diagnostic points, as the user finds it in the document they gave: in text, the line;
 * in a PDF, Word, HTML or OFD document, the page (PDF, OFD) and the table, row and column of its
 * first cell (the document's own tables, counted from 1), else the page of its line, else the
 * paragraph. '' when it points at nothing.
 */
export function locationOf(d: Diagnostic, r?: Report): string {
  const kind = r?.source?.kind ?? 'text';
  if (kind === 'text' || kind === 'json' || !r) return d.line ? `第${d.line}行` : '';
  for (const a of d.cells ?? []) {
    const p = r.cells[a];
    if (p?.table && p.row && p.col) return `${p.page ? `第${p.page}页` : ''}第${p.table}个表格第${p.row}行第${p.col}列`;
  }
  if (d.page) return `第${d.page}页`;
  if (!d.line) return '';
  for (const p of Object.values(r.cells)) if (p.line === d.line && p.page) return `第${p.page}页`;
  return `第${d.line}段`;
}

export function formatDiagnostic(d: Diagnostic, r?: Report): string {
  const where = locationOf(d, r);
  const label = paint(SEVERITY_COLOR[d.severity], SEVERITY_LABEL[d.severity]);
  // The message may end with the same line reference; the column already shows where.
  const message = d.line ? d.message.replace(new RegExp(`（第${d.line}行）$`), '') : d.message;
  return `  ${label}  ${where ? `${where}  `.padEnd(8) : ''.padEnd(8)}${message}  ${paint('2', `[${d.rule}]`)}`;
}

export function summary(ds: Diagnostic[]): string {
  const n = (s: Severity) => ds.filter((d) => d.severity === s).length;
  return `${n('error')} 个错误，${n('warning')} 个警告，${n('info')} 条提示`;
}

export function formatCheck(name: string, r: Report): string {
  const lines = [paint('1', `${name}`) + `  ${describeReport(r)}`];
  for (const d of r.diagnostics) lines.push(formatDiagnostic(d, r));
  lines.push(`  小结：${summary(r.diagnostics)}`);
  return lines.join('\n');
}

/** The report's tables as aligned text (for `gongkai parse` without --json). */
export function formatTables(r: Report): string {
  const format = getFormat(r.format);
  const out: string[] = [];
  for (const t of format.tables) {
    out.push(`  ${t.name}`);
    for (const row of t.rows) {
      const cells = row.columns.map((c) => {
        const a = `${t.id}.${row.id}.${c.id}`;
        const v = r.tables[t.id]?.[row.id]?.[c.id];
        const st = r.cells[a]?.status;
        const mark = st === 'reconstructed' ? '*' : st === 'blank' ? '' : st === 'not_applicable' ? '/' : st === 'missing' ? '?' : '';
        return (v === null || v === undefined ? (st === 'blank' ? '空' : st === 'not_applicable' ? '/' : '?') : String(v) + mark).padStart(6);
      });
      out.push(`    ${rowName(row).padEnd(16, '　').slice(0, 16)} ${cells.join('')}`);
    }
  }
  out.push('  （* 由勾稽关系推算；空 空白；/ 不适用；? 缺失或无法确定）');
  return out.join('\n');
}
