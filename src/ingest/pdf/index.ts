// PDF reader: bytes → SourceDocument (paragraphs and tables with their pages), built in layers
// that can each be inspected (like pdfplumber):
//   1. text runs with positions            (glyphs.ts)
//   2. ruling lines and rectangles         (rulings.ts)
//   3. lines of text, gap-aware joining    (lines.ts)
//   4. table grids and their cells         (grid.ts, cells.ts; page.ts puts a page together)
//   5. the document's blocks, tables merged across pages, page furniture left out (assemble.ts)
// `inspectPdf` returns every layer; `readPdf` is the reader registered for kind 'pdf'.

import { sha256 } from '../text.ts';
import type { SourceDocument } from '../types.ts';
import type { PdfInspection, ReadOptions } from './document.ts';
import { readInSandbox } from './sandbox.ts';

export type { PdfInspection, PdfLayers, ReadOptions } from './document.ts';
export { closePdfSandbox } from './sandbox.ts';
export type { PageLayout } from './page.ts';

/** Every layer of a PDF, for `gongkai inspect` and for debugging a misread document. */
export async function inspectPdf(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<PdfInspection> {
  return (await readInSandbox(bytes, name, options, 'layers'));
}

/** The reader for kind 'pdf'. Refuses scans, undecodable text, encrypted, corrupt and oversized files. */
export async function readPdf(bytes: Uint8Array, name: string): Promise<SourceDocument> {
  const read = await readInSandbox(bytes, name, {}, 'document');
  const doc: SourceDocument = { name, kind: 'pdf', sha256: sha256(bytes), size: bytes.length, blocks: read.blocks };
  if (read.title) doc.metadata = { title: read.title };
  return doc;
}
