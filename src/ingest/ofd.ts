// OFD reader: a 版式文档 in the national format GB/T 33190 (a ZIP package of XML: OFD.xml →
// Document.xml → pages of TextObjects and PathObjects with their positions) → paragraphs and
// tables, through the same layers as the PDF reader: glyph runs (layer 1) and ruling lines (2)
// from the page content (ofd/page.ts), then lines, table grids and cells, page furniture and
// tables continued across pages by src/ingest/pdf's layout code (layers 3–5). The package is
// checked before anything is inflated (docx/zip.ts); pages, glyphs and path operations are capped
// as for PDF (pdf/limits.ts); parts with a DTD are refused.

import { IngestError } from './errors.ts';
import { sha256 } from './text.ts';
import type { SourceDocument } from './types.ts';
import { assemble } from './pdf/assemble.ts';
import type { PdfInspection, PdfLayers } from './pdf/document.ts';
import { finishPages, layoutPage, type PageLayout } from './pdf/page.ts';
import { readOfdPackage, readPart, WHAT } from './ofd/package.ts';
import { combine, PT, readPageContent, type PageContent } from './ofd/page.ts';

function detail(e: unknown): string {
  const m = (e as Error)?.message ?? '';
  return /[\u4e00-\u9fa5]/.test(m) ? `（${m}）` : '';
}

/** Every layer of an OFD document (pages 1–4 as for PDF). Throws IngestError. */
export function readOfdLayers(bytes: Uint8Array, name: string): PdfLayers & { images: number } {
  try {
    const doc = readOfdPackage(bytes, name);
    const templateCache = new Map<string, PageContent | null>();
    const template = (id: string): PageContent | null => {
      if (!templateCache.has(id)) {
        const part = doc.templates.get(id);
        const xml = part ? readPart(doc.zip, part, name) : null;
        templateCache.set(id, xml ? readPageContent(xml, doc.fonts, name, part!) : null);
      }
      return templateCache.get(id) ?? null;
    };
    const pages: PageLayout[] = [];
    let images = 0;
    doc.pages.forEach((p, i) => {
      const xml = readPart(doc.zip, p.part, name);
      if (!xml) throw new IngestError('corrupt', name, `${WHAT}已损坏：缺少第 ${i + 1} 页的内容 ${p.part}`);
      let content = readPageContent(xml, doc.fonts, name, p.part);
      for (const id of content.templates) {
        const t = template(id);
        if (t) content = combine(t, content);
      }
      images += content.images;
      const [, , w, h] = content.box ?? doc.box;
      pages.push(layoutPage(i + 1, w * PT, h * PT, content.runs, content.graphics));
    });
    finishPages(pages);
    return { pageCount: pages.length, title: doc.title, pages, images };
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('corrupt', name, `${WHAT}已损坏，无法读取${detail(e)}`);
  }
}

/** Every layer and the blocks, for `gongkai inspect`. */
export function inspectOfd(bytes: Uint8Array, name: string): PdfInspection {
  const layers = readOfdLayers(bytes, name);
  return { pageCount: layers.pageCount, title: layers.title, pages: layers.pages, blocks: assemble(layers.pages) };
}

/** The reader for kind 'ofd'. Refuses scans (pages of images only), corrupt and oversized files. */
export function readOfd(bytes: Uint8Array, name: string): SourceDocument {
  const layers = readOfdLayers(bytes, name);
  const chars = layers.pages.reduce((n, p) => n + p.runs.reduce((m, r) => m + r.text.replace(/\s/g, '').length, 0), 0);
  if (chars < 20 * Math.max(1, layers.pageCount)) {
    if (layers.images > 0) throw new IngestError('scanned', name, `${WHAT}中只有图片、没有文字（可能是扫描件），需要先做文字识别（OCR）才能读取`);
    throw new IngestError('empty', name, `${WHAT}中没有文字`);
  }
  const doc: SourceDocument = { name, kind: 'ofd', sha256: sha256(bytes), size: bytes.length, blocks: assemble(layers.pages) };
  if (layers.title && /报告/.test(layers.title)) doc.metadata = { title: layers.title };
  return doc;
}
