// Speed of the HTML reader: the portal-page fixtures (test/fixtures/html) parsed and checked in
// turn, on one core; also the reader alone (bytes → paragraphs and tables). Timing: measure.ts.

import { fixtureFiles, formatRate, methodNote, readAndParse, type Rate } from './measure.ts';
import { readHtml } from './subject.ts';

export interface HtmlBench {
  pages: number;
  /** Average page size, bytes. */
  averageBytes: number;
  /** Reports read, parsed and checked. */
  reports: Rate;
  /** Pages read into paragraphs and tables (reader alone). */
  reads: Rate;
}

export async function htmlBench(n = 1000): Promise<HtmlBench> {
  const docs = fixtureFiles('html', (f) => f.endsWith('.html'));
  const { reads, reports } = await readAndParse(docs, readHtml, n);
  const averageBytes = docs.reduce((a, d) => a + d.bytes.length, 0) / docs.length;
  return { pages: docs.length, averageBytes, reports, reads };
}

/** Lines for `npm run bench`. */
export async function htmlSection(n = 1000): Promise<string[]> {
  const r = await htmlBench(n);
  return [
    `HTML：读取、解析并核查 ${formatRate(r.reports)}（目标 ≥ 300 份/秒）`,
    `  只读取（字节 → 段落与表格）：${formatRate(r.reads)}`,
    `  ${r.pages} 个门户网页样例轮流（平均 ${(r.averageBytes / 1024).toFixed(1)} KB）；${methodNote(r.reports)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await htmlSection(Number(process.argv[2] ?? 1000))) console.log(line);
}
