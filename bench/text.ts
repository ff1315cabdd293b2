// Speed of the text pipeline: parse + check of a generated corpus in mixed layouts, on one core.
// The corpus is generated in memory before timing (deterministic seed); each layout's share is
// roughly what users bring (mostly text copied from web pages, some PDF extractions).

import { generateReport } from '../test/support/generate.ts';
import { LAYOUTS, RUN_LAYOUTS, renderReport, type Layout } from '../test/support/layouts.ts';
import { collectGarbage } from './measure.ts';
import { parseText } from './subject.ts';

/** Share of each layout in the corpus (weights). */
const MIX: Record<Layout, number> = {
  'cells-per-line': 24,
  'tab-rows': 14,
  paragraphs: 10,
  pipe: 8,
  markdown: 8,
  'pdf-lines': 10,
  'pdf-before': 5,
  spaces: 13,
  glued: 8,
};

const LAYOUT_NAMES: Record<Layout, string> = {
  'cells-per-line': '每格一行（制表符缩进）',
  'tab-rows': '制表符分隔行',
  paragraphs: '每格一段',
  pipe: '竖线分隔',
  markdown: 'Markdown 表格',
  'pdf-lines': 'PDF 文本（逐行）',
  'pdf-before': 'PDF 文本（数在标签前）',
  spaces: '空格对齐（pdftotext -layout）',
  glued: '分隔符全部丢失',
};

export interface TextBenchResult {
  reports: number;
  bytes: number;
  /** Wall-clock time of the median round of the timed loop (parse + check), seconds, on this one thread. */
  seconds: number;
  /** Wall-clock time of the fastest round. */
  bestSeconds: number;
  rounds: number;
  /** CPU time of the process in the loop (includes V8's background GC threads), seconds. */
  cpuSeconds: number;
  /** Wall-clock time of a second pass that only parses (check: false), seconds. */
  parseOnlySeconds: number;
  generateSeconds: number;
  perLayout: { layout: Layout; name: string; reports: number; bytes: number; seconds: number }[];
}

interface Item {
  text: string;
  bytes: number;
  layout: Layout;
}

function corpus(n: number, seed: number): Item[] {
  const total = Object.values(MIX).reduce((a, b) => a + b, 0);
  const items: Item[] = [];
  for (let i = 0; i < n; i++) {
    // Deterministic layout assignment by weight.
    let slot = (i * 7919) % total;
    let layout: Layout = LAYOUTS[0];
    for (const l of LAYOUTS) {
      if (slot < MIX[l]) {
        layout = l;
        break;
      }
      slot -= MIX[l];
    }
    const runs = RUN_LAYOUTS.includes(layout);
    // Text that lost every separator can only be split where each number is one digit; such
    // reports are the ones a parser can recover, and the ones the corpus holds for this layout.
    const report = generateReport(seed + i, { singleDigits: runs, noNegatives: runs });
    const text = renderReport(report, layout, seed + i).text;
    items.push({ text, bytes: Buffer.byteLength(text, 'utf8'), layout });
  }
  return items;
}

/**
 * Parse and check `n` generated reports; all timing on this thread (one core). The corpus is
 * timed in `rounds` rounds (virtual machines' CPU speed varies from second to second); the
 * median round is the headline figure, the fastest is shown beside it.
 */
export function benchText(n = 10_000, seed = 20_240_101, rounds = 3): TextBenchResult {
  const g0 = performance.now();
  const items = corpus(n, seed);
  const generateSeconds = (performance.now() - g0) / 1000;
  collectGarbage();
  // Warm-up (JIT, model load) on reports outside the corpus.
  for (const it of corpus(1000, seed + n)) parseText(it.text);

  const perLayout = new Map<Layout, { reports: number; bytes: number; seconds: number }>();
  const bytes = items.reduce((a, it) => a + it.bytes, 0);
  const cpu0 = process.cpuUsage();
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (const it of items) {
      const t0 = performance.now();
      parseText(it.text);
      const dt = performance.now() - t0;
      const s = perLayout.get(it.layout) ?? { reports: 0, bytes: 0, seconds: 0 };
      s.reports++;
      s.bytes += it.bytes;
      s.seconds += dt / 1000;
      perLayout.set(it.layout, s);
    }
    times.push((performance.now() - start) / 1000);
  }
  const cpu = process.cpuUsage(cpu0);
  const sorted = times.slice().sort((a, b) => a - b);
  // The parser alone (no check stage), for telling the two stages' costs apart (median round).
  const parseTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const p0 = performance.now();
    for (const it of items) parseText(it.text, { check: false });
    parseTimes.push((performance.now() - p0) / 1000);
  }
  parseTimes.sort((a, b) => a - b);
  return {
    reports: n,
    bytes,
    seconds: sorted[sorted.length >> 1],
    bestSeconds: sorted[0],
    rounds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6 / rounds,
    parseOnlySeconds: parseTimes[parseTimes.length >> 1],
    generateSeconds,
    perLayout: LAYOUTS.filter((l) => perLayout.has(l)).map((l) => ({ layout: l, name: LAYOUT_NAMES[l], ...perLayout.get(l)! })),
  };
}

function mb(bytes: number): number {
  return bytes / 1024 / 1024;
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

function padRight(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** The section's lines for bench/run.ts. */
export function textSection(n = 10_000): string[] {
  const r = benchText(n);
  const rate = (reports: number, seconds: number) => Math.round(reports / seconds);
  const lines = [
    `文本解析+核查：${r.reports} 份，${rate(r.reports, r.seconds)} 份/秒，${(mb(r.bytes) / r.seconds).toFixed(1)} MB/秒（Node ${process.version}，单核；${r.rounds} 轮的中位数，最快一轮 ${rate(r.reports, r.bestSeconds)} 份/秒）`,
    `  仅解析（不核查）：${rate(r.reports, r.parseOnlySeconds)} 份/秒，${(mb(r.bytes) / r.parseOnlySeconds).toFixed(1)} MB/秒；` +
      `核查约占 ${Math.max(0, Math.round((1 - r.parseOnlySeconds / r.seconds) * 100))}% 的时间`,
    `  每轮进程 CPU 时间 ${r.cpuSeconds.toFixed(2)} 秒（含 V8 后台垃圾回收线程），中位轮墙钟 ${r.seconds.toFixed(2)} 秒；机器繁忙时墙钟偏慢`,
    `  语料：${r.reports} 份，${r.perLayout.length} 种版式，共 ${mb(r.bytes).toFixed(1)} MB，计时前在内存中生成（${r.generateSeconds.toFixed(1)} 秒），随机种子固定`,
    `  按版式（解析+核查，${r.rounds} 轮合计）：`,
  ];
  const w = Math.max(...r.perLayout.map((p) => width(p.name))) + 2;
  for (const p of r.perLayout) {
    lines.push(
      `    ${padRight(p.name, w)}${String(p.reports).padStart(6)} 份 ${String(rate(p.reports, p.seconds)).padStart(7)} 份/秒 ${(mb(p.bytes) / p.seconds).toFixed(1).padStart(6)} MB/秒`,
    );
  }
  return lines;
}
