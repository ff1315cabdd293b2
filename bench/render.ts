// Speed of the renderers other than Word: reports rendered per second to a web page, PDF,
// spreadsheet and Markdown. The reports are the five seeds and generated reports of both formats,
// parsed or generated once beforehand (not timed), rendered in turn, drafts and final copies
// alternating. HTML, XLSX and Markdown run in this thread: their rate is over the process's CPU
// time (user + system), so a busy machine does not make them look slower, with the wall-clock
// rate beside it. PDF printing happens in Chromium's own processes, so its rate is wall-clock,
// one page at a time through the shared browser (launching it is not timed).

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Report } from '../src/interchange/types.ts';
import { parseFile } from '../src/pipeline.ts';
import { closeBrowser } from '../src/render/browser.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { renderXlsx } from '../src/render/xlsx.ts';
import { sampleReport } from '../test/support/render-reports.ts';
import { SEEDS_DIR } from '../test/support/seeds.ts';

export type BenchTarget = 'html' | 'pdf' | 'xlsx' | 'md';

export interface RenderBench {
  target: BenchTarget;
  reports: number;
  /** Reports per CPU second of this process (html, xlsx, md), or per wall-clock second (pdf). */
  reportsPerSecond: number;
  /** Reports per wall-clock second. */
  reportsPerWallSecond: number;
  /** Whether reportsPerSecond is CPU time of this process (false for PDF). */
  cpuTime: boolean;
  /** Average size of a rendered file, in bytes. */
  averageBytes: number;
}

const RENDER: Record<BenchTarget, (r: Report, draft: boolean) => Promise<number> | number> = {
  html: (r, draft) => Buffer.byteLength(renderHtml(r, { draft })),
  md: (r, draft) => Buffer.byteLength(renderMarkdown(r, { draft })),
  xlsx: async (r, draft) => (await renderXlsx(r, { draft })).length,
  pdf: async (r, draft) => (await renderPdf(r, { draft })).length,
};

/** The seeds (parsed) and generated reports of both formats. */
export async function benchReports(): Promise<Report[]> {
  const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
  const seeds = await Promise.all(files.map((f) => parseFile(resolve(SEEDS_DIR, f))));
  return [...seeds, sampleReport('2021', 1), sampleReport('2021', 2), sampleReport('2019', 1), sampleReport('2019', 2)];
}

/** Render `n` reports to `target`; returns reports per second. */
export async function benchRender(target: BenchTarget, n: number, reports?: Report[]): Promise<RenderBench> {
  const list = reports ?? (await benchReports());
  const render = RENDER[target];
  // Warm-up (libraries loaded, JIT, the browser launched) before timing.
  for (const r of list.slice(0, 3)) await render(r, true);
  let bytes = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) bytes += await render(list[i % list.length], i % 2 === 1);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const cpuTime = target !== 'pdf';
  return { target, reports: n, reportsPerSecond: n / (cpuTime ? cpuSeconds : wall), reportsPerWallSecond: n / wall, cpuTime, averageBytes: bytes / n };
}

export const benchRenderHtml = (n = 500, reports?: Report[]) => benchRender('html', n, reports);
export const benchRenderMarkdown = (n = 1000, reports?: Report[]) => benchRender('md', n, reports);
export const benchRenderXlsx = (n = 100, reports?: Report[]) => benchRender('xlsx', n, reports);
export async function benchRenderPdf(n = 20, reports?: Report[]): Promise<RenderBench> {
  try {
    return await benchRender('pdf', n, reports);
  } finally {
    await closeBrowser();
  }
}

const NAMES: Record<BenchTarget, string> = { html: '网页（HTML）', pdf: 'PDF（Chromium 打印）', xlsx: 'Excel（.xlsx）', md: 'Markdown' };

function line(b: RenderBench): string {
  const rate = b.cpuTime
    ? `${b.reportsPerSecond.toFixed(1)} 份/秒（CPU 时间，单核；墙钟 ${b.reportsPerWallSecond.toFixed(1)} 份/秒）`
    : `${b.reportsPerWallSecond.toFixed(1)} 份/秒（墙钟，共用一个浏览器、逐份打印）`;
  return `${NAMES[b.target]}生成：${rate}，共 ${b.reports} 份，平均 ${(b.averageBytes / 1024).toFixed(1)} KB/份`;
}

/** Lines for `npm run bench`: every renderer here, `n` reports each (PDF: a tenth of n, at least 10). */
export async function renderSection(n?: number): Promise<string[]> {
  const reports = await benchReports();
  const out = [
    line(await benchRenderHtml(n ?? 500, reports)),
    line(await benchRenderMarkdown(n ?? 1000, reports)),
    line(await benchRenderXlsx(n ?? 100, reports)),
  ];
  try {
    out.push(line(await benchRenderPdf(n ? Math.max(10, Math.round(n / 10)) : 20, reports)));
  } catch (e) {
    out.push(`PDF 生成：未测（${(e as Error).message}）`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await renderSection(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(l);
}
