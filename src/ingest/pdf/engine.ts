// The PDF engine: pdf.js (legacy build, for Node 20), loaded once, with its packaged CJK
// character maps and standard fonts read from the installed package. No network, no eval, no
// font faces, no worker thread (pdf.js runs its bundled worker code on the main thread), and
// images are never decoded (text and ruling lines are all the reader needs).

import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { IngestError } from '../errors.ts';
import { PDF_LIMITS } from './limits.ts';

import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;
export type PdfDocument = PDFDocumentProxy;
export type PdfPage = PDFPageProxy;
export type PdfLoadingTask = PDFDocumentLoadingTask;

let engine: Promise<PdfJs> | null = null;

/**
 * The legacy build bundles core-js, which replaces a few built-ins that Node 20 already has
 * (Array.prototype.push, JSON.parse/stringify, Function.prototype.toString) with slower,
 * spec-pedantic versions for the whole thread (pdf.js is loaded in the reader's worker thread,
 * see sandbox.ts). None of those changes is needed, so the native versions are put back after
 * loading; polyfills that only add missing features stay.
 */
const GUARDED: [object, string][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

async function load(): Promise<PdfJs> {
  const require = createRequire(import.meta.url);
  const saved = GUARDED.map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)] as const);
  try {
    const pdfjs = (await import(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'))) as PdfJs;
    // Loading the worker code here sets globalThis.pdfjsWorker, which pdf.js then runs in this thread.
    await import(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'));
    return pdfjs;
  } finally {
    for (const [o, k, d] of saved) if (d) Object.defineProperty(o, k, d);
  }
}

export function pdfjs(): Promise<PdfJs> {
  engine ??= load();
  return engine;
}

let dataDirs: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } | null = null;

/** Directories of the installed pdfjs-dist data (file paths with a trailing separator, as pdf.js on Node wants). */
function packageData(): { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } {
  if (!dataDirs) {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    dataDirs = {
      cMapUrl: join(root, 'cmaps') + sep,
      standardFontDataUrl: join(root, 'standard_fonts') + sep,
      wasmUrl: join(root, 'wasm') + sep,
    };
  }
  return dataDirs;
}

/** Start loading a document. The caller must destroy the returned task. */
export async function openDocument(bytes: Uint8Array): Promise<PdfLoadingTask> {
  const lib = await pdfjs();
  return lib.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
    data: new Uint8Array(bytes),
    ...packageData(),
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    maxImageSize: PDF_LIMITS.maxImagePixels,
    stopAtErrors: false,
    verbosity: 0,
  });
}

/** Map an exception from pdf.js while opening or reading a document to a Chinese IngestError. */
export function toIngestError(e: unknown, name: string): IngestError {
  if (e instanceof IngestError) return e;
  const err = e as { name?: string; message?: string; code?: number };
  if (err?.name === 'PasswordException') {
    return new IngestError('encrypted', name, 'PDF 文件设有打开密码（已加密），无法读取；请提供未加密的文件');
  }
  if (err?.name === 'InvalidPDFException') {
    return new IngestError('corrupt', name, 'PDF 文件已损坏或不完整，无法读取（找不到有效的文档结构）');
  }
  return new IngestError('corrupt', name, 'PDF 文件已损坏，无法读取（文档结构或页面内容有误）');
}
