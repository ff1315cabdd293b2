// Speed of the Word renderer: reports rendered to .docx per second on one core. The reports are
// the five seeds, parsed once beforehand (parsing is not timed), rendered in turn, drafts and
// final copies alternating. The rate is taken over the process's CPU time (user + system), so a
// busy machine does not make it look slower than it is; the wall-clock rate is given beside it.

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Report } from '../src/interchange/types.ts';
import { parseFile } from '../src/pipeline.ts';
import { renderDocx } from '../src/render/docx.ts';
import { SEEDS_DIR } from '../test/support/seeds.ts';

export interface DocxRenderBench {
  reports: number;
  /** Reports per CPU second. */
  reportsPerSecond: number;
  /** Reports per wall-clock second. */
  reportsPerWallSecond: number;
  /** Average size of a rendered file, in bytes. */
  averageBytes: number;
}

async function seedReports(): Promise<Report[]> {
  const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map((f) => parseFile(resolve(SEEDS_DIR, f))));
}

/** Render `n` reports to .docx; returns reports per second (CPU time, one core). */
export async function benchRenderDocx(n = 300): Promise<DocxRenderBench> {
  const reports = await seedReports();
  // Warm up the library, the JIT and the per-format table templates before timing.
  for (const r of reports) await renderDocx(r, { draft: true });
  let bytes = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) bytes += (await renderDocx(reports[i % reports.length], { draft: i % 2 === 1 })).length;
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  return { reports: n, reportsPerSecond: n / seconds, reportsPerWallSecond: n / wall, averageBytes: bytes / n };
}

/** Lines for `npm run bench`. */
export async function renderDocxSection(n?: number): Promise<string[]> {
  const b = await benchRenderDocx(n);
  return [
    `Word（.docx）生成：${b.reportsPerSecond.toFixed(1)} 份/秒（CPU 时间，单核；墙钟 ${b.reportsPerWallSecond.toFixed(1)} 份/秒），共 ${b.reports} 份，平均 ${(b.averageBytes / 1024).toFixed(1)} KB/份`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await renderDocxSection(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(line);
}
