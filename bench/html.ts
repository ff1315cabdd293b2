// Speed of the HTML reader: the portal-page fixtures (test/fixtures/html) parsed and checked in
// turn, on one core; also the reader alone (bytes → paragraphs and tables).

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { readHtml } from '../src/ingest/html.ts';
import { parseReport } from '../src/pipeline.ts';
import { ROOT } from '../test/support/seeds.ts';

function pages(): { name: string; bytes: Uint8Array }[] {
  const dir = resolve(ROOT, 'test/fixtures/html');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(resolve(dir, f))) }));
}

export interface HtmlBench {
  pages: number;
  reports: number;
  bytes: number;
  /** Reports parsed and checked per second. */
  reportsPerSecond: number;
  /** Pages read into paragraphs and tables per second (reader alone). */
  readsPerSecond: number;
}

export async function htmlBench(n = 1000): Promise<HtmlBench> {
  const docs = pages();
  for (const d of docs) await parseReport(d.bytes, { name: d.name }); // warm-up (JIT, model load)
  let bytes = 0;
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length];
    readHtml(d.bytes, d.name);
    bytes += d.bytes.length;
  }
  const readSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length];
    await parseReport(d.bytes, { name: d.name });
  }
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  return { pages: docs.length, reports: n, bytes, reportsPerSecond: n / seconds, readsPerSecond: n / readSeconds };
}

/** Parse and check `n` HTML reports (the fixtures in turn); returns reports per second. */
export async function benchHtml(n = 1000): Promise<number> {
  return (await htmlBench(n)).reportsPerSecond;
}

/** Lines for `npm run bench`. */
export async function htmlSection(n = 1000): Promise<string[]> {
  const r = await htmlBench(n);
  const kb = r.bytes / r.reports / 1024;
  return [
    `HTML：解析＋核查 ${r.reportsPerSecond.toFixed(0)} 份/秒；仅读取为段落与表格 ${r.readsPerSecond.toFixed(0)} 份/秒（${r.pages} 个门户网页样例轮流，平均 ${kb.toFixed(1)} KB，共 ${r.reports} 份）`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await htmlSection(Number(process.argv[2] ?? 1000))) console.log(line);
}
