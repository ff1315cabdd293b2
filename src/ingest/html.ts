// HTML reader: a web page (typically a 政府信息公开 column page) → paragraphs and tables.
// Encoding from BOM, declaration or content; markup parsed within bounds; the report located
// inside the page chrome; page-layout tables flattened; data tables as grids with spans
// resolved; page metadata (发布机构, 发文日期, 索引号, title) kept aside. Nothing is fetched and
// nothing is executed.

import { IngestError } from './errors.ts';
import { garbageRatio } from './decode.ts';
import { LIMITS, formatBytes } from './limits.ts';
import { sha256 } from './text.ts';
import type { Block, SourceDocument } from './types.ts';
import { locateReport } from './html/content.ts';
import { lineIndex, parsePage } from './html/dom.ts';
import { decodePage } from './html/encoding.ts';
import { GRID_LIMITS, GridTooLarge } from './html/grid.ts';
import { finishMetadata, readLineMetadata, readPageMetadata } from './html/metadata.ts';
import { Walker } from './html/walk.ts';

export function readHtml(bytes: Uint8Array, name: string): SourceDocument {
  if (bytes.length > LIMITS.maxTextBytes) {
    throw new IngestError('too_large', name, `网页过大（${formatBytes(bytes.length)}），超过 ${formatBytes(LIMITS.maxTextBytes)} 的上限；一份年度报告的网页通常不超过 1 MB`);
  }
  const { text, encoding } = decodePage(bytes);
  if (garbageRatio(text) > 0.1) {
    throw new IngestError('binary', name, '网页内容无法解码成文字（像是二进制数据或编码无法识别），无法作为年度报告读取');
  }
  const doc = parsePage(text, name);
  const page = readPageMetadata(doc);
  let items;
  try {
    items = new Walker(lineIndex(text), page.tables).walk(doc.children).items;
  } catch (e) {
    if (e instanceof GridTooLarge) {
      throw new IngestError('too_large', name, `网页中的表格过大（超过 ${GRID_LIMITS.maxPositions.toLocaleString('en-US')} 个单元格位置），像是损坏或恶意构造的文件，无法读取`);
    }
    throw e;
  }
  const located = locateReport(items, page.pageTitle);
  readLineMetadata(page.collector, located.around);
  const metadata = finishMetadata(page.collector, located.title);

  const blocks: Block[] = [];
  let tables = 0;
  for (const it of located.items) {
    if (it.kind === 'paragraph') blocks.push({ type: 'paragraph', text: it.text, line: it.line });
    else blocks.push({ type: 'table', table: ++tables, rows: it.rows, ...(it.caption ? { caption: it.caption } : {}) });
  }
  if (blocks.length === 0) throw new IngestError('empty', name, '网页中没有可读的文字');
  return { name, kind: 'html', sha256: sha256(bytes), size: bytes.length, encoding, blocks, metadata };
}
