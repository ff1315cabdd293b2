// The PDF reader's layers as text, for `gongkai inspect` on a PDF: per page the text runs
// (layer 1), ruling lines (2), lines of text (3), tables with their cells (4) and the page
// furniture left out, then the blocks the parser receives (5).

import type { Block } from '../types.ts';
import type { PdfInspection } from './index.ts';

export interface FormatOptions {
  /** Show every text run with its position (layer 1); default: a count only. */
  runs?: boolean | undefined;
  /** Show every ruling line (layer 2); default: a count only. */
  rulings?: boolean | undefined;
  /** Name of the document kind in the heading (default PDF; OFD is read through the same layers). */
  label?: string | undefined;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

function blockText(b: Block): string[] {
  if (b.type === 'paragraph') return [`  段落 L${b.line ?? '?'} 第${b.page ?? '?'}页：${JSON.stringify(b.text)}`];
  const pages = [...new Set(b.rows.flat().map((c) => c.page))].join('、');
  const out = [`  表格 ${b.table}（第 ${pages} 页，${b.rows.length} 行）`];
  for (const row of b.rows) {
    const cells = row.map((c) => `[${c.row + 1},${c.col + 1}${c.rowSpan ? `↓${c.rowSpan}` : ''}${c.colSpan ? `→${c.colSpan}` : ''}${c.page && c.page !== b.page ? ` 第${c.page}页` : ''}] ${JSON.stringify(c.text)}`);
    out.push(`    ${cells.join('  ')}`);
  }
  return out;
}

/** Every layer of an inspected PDF as Chinese text, one item per line. */
export function formatPdfInspection(insp: PdfInspection, options: FormatOptions = {}): string {
  const out: string[] = [`${options.label ?? 'PDF'}：共 ${insp.pageCount} 页${insp.title ? `，标题“${insp.title}”` : ''}`];
  for (const p of insp.pages) {
    const h = p.graphics.rulings.filter((r) => r.dir === 'h').length;
    const v = p.graphics.rulings.length - h;
    out.push('', `== 第 ${p.page} 页（${fmt(p.width)}×${fmt(p.height)} 点）`);
    out.push(`第 1 层 文字片段：${p.runs.length} 个`);
    if (options.runs) for (const r of p.runs) out.push(`  (${fmt(r.x0)},${fmt(r.baseline)})–${fmt(r.x1)} ${fmt(r.fontSize)}pt${r.diagonal ? ' 斜置（水印，不计入内容）' : r.rotated ? ' 旋转' : ''} ${JSON.stringify(r.text)}`);
    out.push(`第 2 层 表线：横线 ${h} 条，竖线 ${v} 条；填充矩形 ${p.graphics.rects.length} 个`);
    if (options.rulings) for (const r of p.graphics.rulings) out.push(`  ${r.dir === 'h' ? '横' : '竖'} (${fmt(r.x0)},${fmt(r.y0)})–(${fmt(r.x1)},${fmt(r.y1)}) 线宽 ${fmt(r.width)}`);
    out.push(`第 3 层 文字行：${p.lines.length} 行（“→”为分栏的空隙或表线）`);
    for (const l of p.lines) out.push(`  y=${fmt(l.baseline)} ${JSON.stringify(l.text).replace(/\\t/g, ' → ')}`);
    out.push(`第 4 层 表格：${p.tables.length} 张`);
    for (const t of p.tables) {
      const g = t.grid;
      out.push(`  ${g.ruled ? '有表线' : '无表线（按文字对齐）'}，${g.ys.length - 1} 行 × ${g.xs.length - 1} 列，位于 (${fmt(g.box.x0)},${fmt(g.box.y0)})–(${fmt(g.box.x1)},${fmt(g.box.y1)})`);
      for (const c of t.cells) {
        if (c.text === '' && c.rowSpan === 1 && c.colSpan === 1) continue;
        out.push(`    [${c.row + 1},${c.col + 1}${c.rowSpan > 1 ? `↓${c.rowSpan}` : ''}${c.colSpan > 1 ? `→${c.colSpan}` : ''}] ${JSON.stringify(c.text)}`);
      }
    }
    if (p.furniture.length) out.push(`页码、页眉页脚（不计入正文）：${p.furniture.map((l) => JSON.stringify(l.text)).join('、')}`);
  }
  out.push('', '== 第 5 层 交给解析器的段落与表格（跨页的表格已合并）');
  for (const b of insp.blocks) out.push(...blockText(b));
  return out.join('\n') + '\n';
}
