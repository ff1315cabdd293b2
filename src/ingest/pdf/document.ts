// Reading a whole PDF into page layouts (layers 1–4) in this thread: content streams checked before
// unpacking, a page cap, a time budget checked between pages, and destroy() on every exit. Errors
// become Chinese IngestErrors. sandbox.ts runs this in a worker thread that can be stopped at any
// moment (pdf.js works through a page without giving timers a chance) and whose memory is capped.

import { IngestError } from '../errors.ts';
import type { Block } from '../types.ts';
import { openDocument, pdfjs, toIngestError, type PdfDocument, type PdfLoadingTask } from './engine.ts';
import { PDF_LIMITS } from './limits.ts';
import { checkStreams } from './precheck.ts';
import { finishPages, layoutPage, type PageLayout } from './page.ts';
import { readOperators, type FontInfo, type OpCodes } from './operators.ts';

export interface PdfLayers {
  pageCount: number;
  /** Image XObjects in the file (a scan has them; a document without any is no scan). */
  images: number;
  title?: string | undefined;
  pages: PageLayout[];
}

export interface PdfInspection extends PdfLayers {
  /** Layer 5: the blocks the parser receives. */
  blocks: Block[];
}

/** What the reader needs of a document: its blocks (layer 5) and title. */
export interface PdfContent {
  pageCount: number;
  title?: string | undefined;
  blocks: Block[];
}

export interface ReadOptions {
  /** Time budget in milliseconds (default PDF_LIMITS.timeBudgetMs). */
  timeBudgetMs?: number;
  /** Read only these 1-based pages (for inspection). */
  pages?: number[];
}

/** Pages read at the same time: pdf.js interleaves their work, which hides its internal waits. */
const CONCURRENCY = 4;

class Timeout extends Error {}

async function readPage(doc: PdfDocument, n: number, ops: OpCodes, annotationsOff: number): Promise<PageLayout> {
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const list = await page.getOperatorList({ annotationMode: annotationsOff });
    const fonts = (name: string): FontInfo | null => {
      if (!page.commonObjs.has(name)) return null;
      const f = page.commonObjs.get(name) as { fontMatrix?: number[]; vertical?: boolean } | null;
      return f ? { fontMatrix: f.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0], vertical: !!f.vertical } : null;
    };
    const { runs, graphics } = readOperators(list.fnArray, list.argsArray, ops, viewport.transform, fonts);
    return layoutPage(n, viewport.width, viewport.height, runs, graphics);
  } finally {
    page.cleanup();
  }
}

/** Bytes → page layouts, in this thread. Throws IngestError (encrypted, corrupt, too_large) when it cannot. */
export async function readLayersHere(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<PdfLayers> {
  const lib = await pdfjs();
  const budget = options.timeBudgetMs ?? PDF_LIMITS.timeBudgetMs;
  let task: PdfLoadingTask | null = null;
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new Timeout());
    }, budget);
  });
  deadline.catch(() => {}); // handled by whoever races against it
  const within = <T>(p: Promise<T>): Promise<T> => Promise.race([p, deadline]);
  try {
    const { images } = await checkStreams(bytes, name);
    task = await openDocument(bytes);
    const doc = await within(task.promise);
    const pageCount = doc.numPages;
    if (pageCount > PDF_LIMITS.maxPages) {
      throw new IngestError('too_large', name, `PDF 共 ${pageCount} 页，超过 ${PDF_LIMITS.maxPages} 页的上限，不像是一份年度报告`);
    }
    const wanted = (options.pages ?? Array.from({ length: pageCount }, (_, i) => i + 1)).filter((n) => n >= 1 && n <= pageCount);
    const ops = lib.OPS as unknown as OpCodes;
    const annotationsOff = lib.AnnotationMode.DISABLE;
    const pages = new Array<PageLayout>(wanted.length);
    let next = 0;
    const worker = async () => {
      while (next < wanted.length && !expired) {
        const k = next++;
        pages[k] = await within(readPage(doc, wanted[k], ops, annotationsOff));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
    if (expired) throw new Timeout();
    finishPages(pages);
    let title: string | undefined;
    try {
      const meta = await within(doc.getMetadata());
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === 'string' && /报告/.test(t)) title = t.trim();
    } catch {
      // Metadata is optional.
    }
    return { pageCount, images, title, pages };
  } catch (e) {
    if (e instanceof Timeout || expired) {
      throw new IngestError('too_large', name, `读取 PDF 超过 ${+(budget / 1000).toFixed(3)} 秒仍未完成，已放弃（文件过于复杂或已损坏）`);
    }
    throw toIngestError(e, name);
  } finally {
    clearTimeout(timer);
    if (task) await task.destroy().catch(() => {});
  }
}
