// Speed of the PDF reader: the PDF report fixtures (test/fixtures/pdf, 2–4 pages each) parsed and
// checked in turn, one at a time; also the reader alone (bytes → paragraphs and tables). Timed in
// CPU seconds of this process — which include the reader's worker thread, busy while this one
// waits — in five rounds of which the fastest counts, so that other work on the machine disturbs
// the figure as little as possible.

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPdf } from '../src/ingest/pdf/index.ts';
import { parseReport } from '../src/pipeline.ts';
import { ROOT } from '../test/support/seeds.ts';

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** The PDF fixtures that are reports (not the scan or the encrypted file). */
export function pdfReports(): { name: string; bytes: Uint8Array }[] {
  const dir = resolve(ROOT, 'test/fixtures/pdf');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pdf') && !/scan|encrypt/.test(f))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(resolve(dir, f))) }));
}

export interface PdfBench {
  documents: number;
  pages: number;
  /** Reports read, parsed and checked per second. */
  reportsPerSecond: number;
  /** Documents read into paragraphs and tables per second (reader alone). */
  readsPerSecond: number;
}

/** Reports per second over `n` runs in `batches` rounds: the fastest round (the least disturbed by other work). */
async function rate(n: number, batches: number, run: (i: number) => Promise<unknown>): Promise<number> {
  let best = 0;
  const per = Math.max(1, Math.round(n / batches));
  for (let b = 0; b < batches; b++) {
    const t = cpuSeconds();
    for (let i = 0; i < per; i++) await run(b * per + i);
    best = Math.max(best, per / (cpuSeconds() - t));
  }
  return best;
}

export async function benchPdfDetail(n = 100): Promise<PdfBench> {
  const docs = pdfReports();
  let pages = 0;
  for (const d of docs) {
    const report = await parseReport(d.bytes, { name: d.name }); // warm-up (JIT, fonts, model)
    if (!report.tables) throw new Error(`${d.name} 没有读出表格`);
    const doc = await readPdf(d.bytes, d.name);
    pages += Math.max(...doc.blocks.map((b) => b.page ?? 0));
  }
  const readsPerSecond = await rate(n, 5, (i) => readPdf(docs[i % docs.length].bytes, docs[i % docs.length].name));
  const reportsPerSecond = await rate(n, 5, (i) => parseReport(docs[i % docs.length].bytes, { name: docs[i % docs.length].name }));
  return { documents: docs.length, pages, reportsPerSecond, readsPerSecond };
}

/** Read, parse and check `n` PDF reports (the fixtures in turn); returns reports per second. */
export async function benchPdf(n = 100): Promise<number> {
  return (await benchPdfDetail(n)).reportsPerSecond;
}

/** Lines for `npm run bench`. */
export async function pdfSection(n = 100): Promise<string[]> {
  const b = await benchPdfDetail(n);
  return [
    `PDF：${b.documents} 份样例（共 ${b.pages} 页，每份 ${(b.pages / b.documents).toFixed(1)} 页），读取、解析并核查 ${n} 份（分 5 轮，取最快一轮）`,
    `  ${b.reportsPerSecond.toFixed(1)} 份/秒（目标 ≥ 20 份/秒）`,
    `  只读取（字节 → 段落与表格）：${b.readsPerSecond.toFixed(1)} 份/秒`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await pdfSection(Number(process.argv[2]) || 100)) console.log(line);
}
