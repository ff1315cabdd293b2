// `gongkai inspect`: every layer of the parse made visible (tokens → table regions → rows and the
// values each row received → readings), so a developer can see where a table went wrong.

import { readFile } from 'node:fs/promises';
import { IngestError } from '../ingest/errors.ts';
import { readInput } from '../ingest/index.ts';
import { getFormat } from '../model/load.ts';
import { rowName } from '../model/names.ts';
import { detectFormat } from '../parse/detect-format.ts';
import { interpretUnit } from '../parse/interpret.ts';
import { readTables } from '../parse/read-tables.ts';
import { TextStream } from '../parse/stream.ts';
import { tokenize } from '../parse/tokenize.ts';
import type { Token } from '../parse/tokens.ts';

function tokenText(t: Token): string {
  const where = [t.line ? `L${t.line}` : '', t.page ? `p${t.page}` : '', t.table ? `t${t.table}r${t.row}c${t.col}` : ''].filter(Boolean).join(' ');
  const flags = [t.glued ? '粘连' : '', t.numberingFollows ? '后接编号' : '', t.structural ? '版式空格' : '', t.strong ? '行尾' : ''].filter(Boolean).join(',');
  return `${String(t.index).padStart(5)} ${where.padEnd(14)} ${t.kind.padEnd(5)} ${JSON.stringify(t.raw)}${flags ? ` (${flags})` : ''}`;
}

export async function inspectFile(path: string, opts: { tokens?: boolean; format?: string; runs?: boolean; rulings?: boolean }): Promise<string> {
  const bytes = await readFile(path).catch(() => {
    throw new IngestError('unreadable', path, '文件不存在或无法打开');
  });
  const read = await readInput(bytes, path);
  if (!read.document) return `${path}：这是交换格式 JSON，没有解析过程可看\n`;
  const doc = read.document;
  const tokens = tokenize(doc.blocks);
  const stream = new TextStream(tokens);
  const decision = opts.format ? { format: getFormat(opts.format), via: 'option', evidence: 0 } : detectFormat(stream, null);
  const out: string[] = [];
  out.push(`${path}：${doc.kind}${doc.encoding ? `（${doc.encoding}）` : ''}，${doc.blocks.length} 个段落/表格，${tokens.length} 个单元格`);
  out.push(`格式版本：${decision.format.id}（依据：${decision.via === 'labels' ? `找到 ${decision.evidence} 个该版本特有的标签` : decision.via === 'year' ? '报告年度' : decision.via === 'option' ? '命令行指定' : '默认'}）`);
  if (doc.kind === 'pdf') {
    // The PDF reader's own layers first: glyph runs → ruling lines → text lines → cells.
    const { inspectPdf } = await import('../ingest/pdf/index.ts');
    const { formatPdfInspection } = await import('../ingest/pdf/inspect.ts');
    out.push('', formatPdfInspection(await inspectPdf(bytes, path), { runs: opts.runs, rulings: opts.rulings }));
  } else if (doc.kind === 'ofd') {
    // OFD is read through the same layers (its text objects and paths are layers 1 and 2).
    const { inspectOfd } = await import('../ingest/ofd.ts');
    const { formatPdfInspection } = await import('../ingest/pdf/inspect.ts');
    out.push('', formatPdfInspection(inspectOfd(bytes, path), { runs: opts.runs, rulings: opts.rulings, label: 'OFD' }));
  }
  if (opts.tokens) {
    out.push('', '== 单元格（token）');
    for (const t of tokens) if (t.kind !== 'break' || t.strong) out.push(tokenText(t));
  }
  for (const reading of readTables(tokens, stream, decision.format)) {
    const t = reading.table;
    out.push('', `== ${t.name}（${t.id}）：${reading.found ? `第 ${reading.start}–${reading.end} 个单元格` : '未找到'}`);
    if (!reading.found) continue;
    for (const unit of reading.units) {
      const ui = interpretUnit(unit);
      const name = unit.rows.length === 1 ? rowName(unit.rows[0]) : unit.rows.map(rowName).join(' / ');
      const values = unit.slots.map((s) => (s.kind === 'blank' ? '□' : s.kind === 'text' ? `「${s.raw}」` : s.raw)).join(' ');
      const verdict = !unit.found ? '未找到' : ui.exact ? (ui.exact.how === 'blanks' ? '含空白格' : '照原文读取') : ui.tooAmbiguous ? '读法过多' : `${ui.candidates.length} 种读法待勾稽关系判定`;
      out.push(`  ${name.padEnd(24, '　')} L${String(unit.line).padEnd(5)} ${unit.addresses.length}格 ← ${values || '（无）'}  [${verdict}]`);
    }
    for (const d of reading.diagnostics) out.push(`  · ${d.message}`);
  }
  return out.join('\n') + '\n';
}
