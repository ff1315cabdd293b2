// Speed of the Word renderer: reports rendered to .docx per second on one core. The reports are
// the five seeds, parsed once beforehand (parsing is not timed), rendered in turn, drafts and
// final copies alternating. Timing: measure.ts.

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Report } from '../src/interchange/types.ts';
import { SEEDS_DIR } from '../test/support/seeds.ts';
import { formatRate, measure, methodNote, type Rate } from './measure.ts';
import { parseFile, renderDocx } from './subject.ts';

export interface DocxRenderBench {
  rate: Rate;
  /** Average size of a rendered file, in bytes. */
  averageBytes: number;
}

async function seedReports(): Promise<Report[]> {
  const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map((f) => parseFile(resolve(SEEDS_DIR, f))));
}

/** Render `n` reports per round to .docx. */
export async function benchRenderDocx(n = 200): Promise<DocxRenderBench> {
  const reports = await seedReports();
  let bytes = 0;
  let count = 0;
  const rate = await measure(n, async (i) => {
    bytes += (await renderDocx(reports[i % reports.length], { draft: i % 2 === 1 })).length;
    count++;
  });
  return { rate, averageBytes: bytes / count };
}

/** Lines for `npm run bench`. */
export async function renderDocxSection(n?: number): Promise<string[]> {
  const b = await benchRenderDocx(n);
  return [
    `Word（.docx）生成：${formatRate(b.rate, 1)}（目标 ≥ 50 份/秒），平均 ${(b.averageBytes / 1024).toFixed(1)} KB/份`,
    `  五份种子报告轮流，草稿与正式稿交替；${methodNote(b.rate)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await renderDocxSection(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(line);
}
