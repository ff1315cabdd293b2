// PDF reader: bytes → SourceDocument (paragraphs and tables with their pages), built in layers
// that can each be inspected (like pdfplumber):
//   1. text runs with positions            (glyphs.ts)
//   2. ruling lines and rectangles         (rulings.ts)
//   3. lines of text, gap-aware joining    (lines.ts)
//   4. table grids and their cells         (grid.ts, cells.ts; page.ts puts a page together)
//   5. the document's blocks, tables merged across pages, page furniture left out (assemble.ts)
// `inspectPdf` returns every layer; `readPdf` is the reader registered for kind 'pdf'.

import { sha256 } from '../text.ts';
import { IngestError } from '../errors.ts';
import type { Block, SourceDocument } from '../types.ts';
import { assemble } from './assemble.ts';
import type { PdfLayers, ReadOptions } from './document.ts';
import { readLayers } from './sandbox.ts';

export type { PdfLayers, ReadOptions } from './document.ts';
export { closePdfSandbox } from './sandbox.ts';
export type { PageLayout } from './page.ts';

/** Characters a text layer without a usable encoding decodes to (private use, replacement, controls). */
function isGarbage(c: number): boolean {
  return (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13);
}

/** Refuse documents whose text layer is missing (a scan) or undecodable. */
function checkTextLayer(layers: PdfLayers, name: string): void {
  let chars = 0;
  let garbage = 0;
  for (const p of layers.pages) {
    for (const r of p.runs) {
      for (let i = 0; i < r.text.length; i++) {
        const c = r.text.charCodeAt(i);
        if (c <= 32 || c === 0x3000) continue;
        chars++;
        if (isGarbage(c)) garbage++;
      }
    }
  }
  // A page of an annual report holds hundreds of characters; a scan at most a page number.
  if (chars < 20 * Math.max(1, layers.pages.length)) {
    throw new IngestError('scanned', name, '这是扫描件（PDF 中没有可读取的文字层），需要先做文字识别（OCR）才能读取');
  }
  if (garbage > chars * 0.3) {
    throw new IngestError('unreadable', name, 'PDF 的文字无法解码（字体缺少编码映射，提取出的是乱码），需要先做文字识别（OCR）才能读取');
  }
}

export interface PdfInspection extends PdfLayers {
  /** Layer 5: the blocks the parser receives. */
  blocks: Block[];
}

/** Every layer of a PDF, for `gongkai inspect` and for debugging a misread document. */
export async function inspectPdf(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<PdfInspection> {
  const layers = await readLayers(bytes, name, options);
  return { ...layers, blocks: assemble(layers.pages) };
}

export async function readPdf(bytes: Uint8Array, name: string): Promise<SourceDocument> {
  const layers = await readLayers(bytes, name);
  checkTextLayer(layers, name);
  const doc: SourceDocument = { name, kind: 'pdf', sha256: sha256(bytes), size: bytes.length, blocks: assemble(layers.pages) };
  if (layers.title) doc.metadata = { title: layers.title };
  return doc;
}
