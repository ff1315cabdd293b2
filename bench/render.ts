// Speed of the renderers other than Word: reports rendered per second to a web page, PDF,
// spreadsheet and Markdown. The reports are the five seeds and generated reports of both formats,
// parsed or generated once beforehand (not timed), rendered in turn, drafts and final copies
// alternating. Timing: measure.ts. HTML, XLSX and Markdown run in this thread, so their figure is
// per CPU second; PDF printing happens in Chromium's own processes, so its figure is wall-clock,
// one report at a time through the shared browser (launching it is not timed).

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Report } from '../src/interchange/types.ts';
import { sampleReport } from '../test/support/render-reports.ts';
import { SEEDS_DIR } from '../test/support/seeds.ts';
import { measure, methodNote, type Rate } from './measure.ts';
import { closeBrowser, parseFile, renderHtml, renderMarkdown, renderPdf, renderXlsx } from './subject.ts';

export type BenchTarget = 'html' | 'pdf' | 'xlsx' | 'md';

export interface RenderBench {
  target: BenchTarget;
  rate: Rate;
  /** Whether the figure is CPU time of this process (false for PDF: wall clock). */
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

/** Render `n` reports per round to `target`. */
export async function benchRender(target: BenchTarget, n: number, reports?: Report[]): Promise<RenderBench> {
  const list = reports ?? (await benchReports());
  const render = RENDER[target];
  let bytes = 0;
  let count = 0;
  const rate = await measure(n, async (i) => {
    bytes += await render(list[i % list.length], i % 2 === 1);
    count++;
  });
  return { target, rate, cpuTime: target !== 'pdf', averageBytes: bytes / count };
}

export const benchRenderHtml = (n = 500, reports?: Report[]) => benchRender('html', n, reports);
export const benchRenderMarkdown = (n = 1000, reports?: Report[]) => benchRender('md', n, reports);
export const benchRenderXlsx = (n = 60, reports?: Report[]) => benchRender('xlsx', n, reports);
export async function benchRenderPdf(n = 10, reports?: Report[]): Promise<RenderBench> {
  try {
    return await benchRender('pdf', n, reports);
  } finally {
    await closeBrowser();
  }
}

const NAMES: Record<BenchTarget, string> = { html: '网页（HTML）', pdf: 'PDF（Chromium 打印）', xlsx: 'Excel（.xlsx）', md: 'Markdown' };

function line(b: RenderBench): string {
  const r = b.rate;
  const rate = b.cpuTime
    ? `${r.cpu.toFixed(1)} 份/秒（CPU 时间，单核；墙钟 ${r.wall.toFixed(1)} 份/秒）`
    : `${r.wall.toFixed(1)} 份/秒（墙钟，共用一个浏览器、逐份打印）`;
  return `${NAMES[b.target]}生成：${rate}，平均 ${(b.averageBytes / 1024).toFixed(1)} KB/份；${methodNote(r, b.cpuTime)}`;
}

/** Lines for `npm run bench`: every renderer here, `n` reports each (PDF: a tenth of n, at least 10). */
export async function renderSection(n?: number): Promise<string[]> {
  const reports = await benchReports();
  const out = [
    line(await benchRenderHtml(n ?? 500, reports)),
    line(await benchRenderMarkdown(n ?? 1000, reports)),
    line(await benchRenderXlsx(n ?? 60, reports)),
  ];
  try {
    out.push(line(await benchRenderPdf(n ? Math.max(5, Math.round(n / 10)) : 10, reports)));
  } catch (e) {
    out.push(`PDF 生成：未测（${(e as Error).message}）`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await renderSection(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(l);
}
