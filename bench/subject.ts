// What the benchmarks measure: the built package in dist/, the JavaScript that `npx gongkai` and
// `import 'gongkai'` run (`npm run bench` builds it first). The types come from the sources.
// Corpora and fixtures are still made by the test support code under tsx; only the measured
// stages come from here.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Pipeline from '../src/pipeline.ts';
import type * as HtmlReader from '../src/ingest/html.ts';
import type * as DocxReader from '../src/ingest/docx.ts';
import type * as DocReader from '../src/ingest/doc.ts';
import type * as PdfReader from '../src/ingest/pdf/index.ts';
import type * as Browser from '../src/render/browser.ts';
import type * as RenderDocx from '../src/render/docx.ts';
import type * as RenderHtml from '../src/render/html.ts';
import type * as RenderMarkdown from '../src/render/markdown.ts';
import type * as RenderPdf from '../src/render/pdf.ts';
import type * as RenderXlsx from '../src/render/xlsx.ts';

const DIST = new URL('../dist/', import.meta.url);

/** A module of the built package; a clear message when the package has not been built. */
async function built<T>(path: string): Promise<T> {
  const url = new URL(path, DIST);
  const file = fileURLToPath(url);
  if (!existsSync(file)) throw new Error(`没有找到编译后的 ${file}：请先运行 npm run build（npm run bench 会自动编译）`);
  return (await import(url.href)) as T;
}

export const { parseText, parseReport, parseFile } = await built<typeof Pipeline>('pipeline.js');
export const { readHtml } = await built<typeof HtmlReader>('ingest/html.js');
export const { readDocx } = await built<typeof DocxReader>('ingest/docx.js');
export const { readDoc } = await built<typeof DocReader>('ingest/doc.js');
export const { readPdf } = await built<typeof PdfReader>('ingest/pdf/index.js');
export const { closeBrowser } = await built<typeof Browser>('render/browser.js');
export const { renderDocx } = await built<typeof RenderDocx>('render/docx.js');
export const { renderHtml } = await built<typeof RenderHtml>('render/html.js');
export const { renderMarkdown } = await built<typeof RenderMarkdown>('render/markdown.js');
export const { renderPdf } = await built<typeof RenderPdf>('render/pdf.js');
export const { renderXlsx } = await built<typeof RenderXlsx>('render/xlsx.js');

// The corpus store (bench/store.ts).
import type * as StoreOpen from '../src/store/open.ts';
import type * as StoreJobs from '../src/store/jobs.ts';
import type * as StoreImport from '../src/store/import.ts';
import type * as StoreSearch from '../src/store/search.ts';
import type * as StoreAggregates from '../src/store/aggregates.ts';
import type * as StoreFigures from '../src/store/figures.ts';
export const { openStore } = await built<typeof StoreOpen>('store/open.js');
export const { createBatch } = await built<typeof StoreJobs>('store/jobs.js');
export const { drainQueue, CHUNK_SIZE } = await built<typeof StoreImport>('store/import.js');
export const { listReports } = await built<typeof StoreSearch>('store/search.js');
export const { measureFigures, ruleShares, agenciesWithMostOpen } = await built<typeof StoreAggregates>('store/aggregates.js');
export const { figuresKey } = await built<typeof StoreFigures>('store/figures.js');
