// `npm run corpus:score`: parses every text of the extraction corpus with the current parser and
// scores each cell against the truth it came from (test/support/corpus.ts): per tool, per failure
// class and per document kind, cells exact / null with an error / null without one / wrong but
// flagged / wrong without a diagnostic; then the worst texts.
//
//   npm run corpus:score                       the tables and the 15 worst texts
//   npm run corpus:score -- --worst 40         more of the worst
//   npm run corpus:score -- --text texts/2021-01/gk-pdf.pdftotext.txt    every cell of one text
//   npm run corpus:score -- --json             one JSON object per text

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReport } from '../../src/pipeline.ts';
import {
  addTally,
  CORPUS_DIR,
  emptyTally,
  FAILURE_CLASSES,
  loadManifest,
  loadTruth,
  scoreReport,
  tallyOf,
  type CellScore,
  type CorpusText,
  type FailureClass,
  type Tally,
} from '../support/corpus.ts';

const { values: args } = parseArgs({ options: { worst: { type: 'string', default: '15' }, text: { type: 'string' }, json: { type: 'boolean', default: false } } });

interface Scored {
  text: CorpusText;
  cells: CellScore[];
  tally: Tally;
  ms: number;
  error?: string;
}

const manifest = loadManifest();
const chosen = args.text ? manifest.texts.filter((t) => t.file === args.text || t.file.endsWith(args.text!)) : manifest.texts;
if (chosen.length === 0) {
  console.error(`语料中没有这份文本：${args.text}`);
  process.exit(2);
}

const scored: Scored[] = [];
for (const text of chosen) {
  const truth = loadTruth(text.truth);
  const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, text.file)));
  const t0 = performance.now();
  try {
    const report = await parseReport(bytes, { name: text.file });
    const ms = performance.now() - t0;
    const cells = scoreReport(truth, report);
    scored.push({ text, cells, tally: tallyOf(cells), ms });
  } catch (e) {
    // An unreadable text claims no value: every cell null, with the reader's error.
    const cells = scoreReport(truth, { format: truth.format, tables: {}, diagnostics: [{ rule: 'ingest', severity: 'error', message: String(e) }] } as never);
    scored.push({ text, cells, tally: tallyOf(cells), ms: performance.now() - t0, error: (e as Error).message });
  }
}

if (args.json) {
  for (const s of scored) console.log(JSON.stringify({ file: s.text.file, tool: s.text.tool, classes: s.text.classes, ...s.tally, ms: +s.ms.toFixed(2) }));
  process.exit(0);
}

if (args.text && scored.length === 1) {
  const s = scored[0];
  console.log(`${s.text.file}（${s.text.tool}，${s.text.document}）`);
  if (s.error) console.log(`  无法读取：${s.error}`);
  for (const c of s.cells) if (c.verdict !== 'exact') console.log(`  ${c.verdict.padEnd(12)} ${c.address.padEnd(52)} 应为 ${c.want ?? '空'}，读出 ${c.got ?? '空'}`);
  console.log(line('合计', s.tally));
  process.exit(0);
}

function pct(n: number, total: number): string {
  return total ? `${((100 * n) / total).toFixed(1)}%` : '-';
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

function line(name: string, t: Tally, texts?: number): string {
  const total = t.exact + t.nullError + t.nullSilent + t.wrongFlagged + t.wrongSilent;
  return (
    `  ${pad(name, 30)}${texts === undefined ? '' : String(texts).padStart(5)} ${String(total).padStart(7)}` +
    `  ${pct(t.exact, total).padStart(6)}  ${pct(t.nullError, total).padStart(6)}  ${pct(t.nullSilent, total).padStart(6)}  ${pct(t.wrongFlagged, total).padStart(6)}  ${String(t.wrongSilent).padStart(6)}`
  );
}

const HEAD = `  ${pad('', 30)}${'文本'.padStart(3)} ${'单元格'.padStart(4)}    精确  空+报错  空无报错  错+诊断  错无诊断`;

function group(title: string, key: (s: Scored) => string[]): void {
  const by = new Map<string, { tally: Tally; texts: number }>();
  for (const s of scored) {
    for (const k of key(s)) {
      const g = by.get(k) ?? { tally: emptyTally(), texts: 0 };
      addTally(g.tally, s.tally);
      g.texts++;
      by.set(k, g);
    }
  }
  console.log(`\n${title}`);
  console.log(HEAD);
  for (const [k, g] of [...by].sort((a, b) => a[0].localeCompare(b[0]))) console.log(line(k, g.tally, g.texts));
}

const all = emptyTally();
for (const s of scored) addTally(all, s.tally);
const reports = new Set(scored.map((s) => s.text.truth.replace(/-agency$/, ''))).size;
console.log(`抽取语料：${scored.length} 份文本，来自 ${reports} 份生成的报告（${manifest.generated}）`);
console.log('每个单元格对照真值：精确 / 为空且有错误说明 / 为空而无错误 / 数错了但有诊断 / 数错了且没有任何诊断（最要紧的缺陷，列出的是个数）');
console.log(HEAD);
console.log(line('全部', all, scored.length));
group('按提取工具：', (s) => [s.text.tool]);
group('按失败类别（一份文本可属多类）：', (s) => (s.text.classes.length ? s.text.classes.map((c: FailureClass) => FAILURE_CLASSES[c]) : ['（无）']));
group('按来源文档：', (s) => [s.text.file.split('/')[2].split('.')[0]]);

const worst = scored
  .filter((s) => s.tally.exact < s.cells.length)
  .sort((a, b) => b.tally.wrongSilent - a.tally.wrongSilent || a.tally.exact - b.tally.exact)
  .slice(0, Number(args.worst));
console.log(`\n最差的 ${worst.length} 份文本（先按错无诊断，再按精确数）：`);
for (const s of worst) {
  const example = s.cells.find((c) => c.verdict === 'wrongSilent') ?? s.cells.find((c) => c.verdict !== 'exact');
  const eg = example ? `；例：${example.address} 应为 ${example.want ?? '空'}，读出 ${example.got ?? '空'}` : '';
  console.log(`  ${s.text.file}：精确 ${s.tally.exact}/${s.cells.length}，错无诊断 ${s.tally.wrongSilent}${s.error ? `，无法读取（${s.error}）` : ''}${eg}`);
}
const times = scored.map((s) => s.ms).sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
console.log(`\n解析+核查耗时（含首次加载，仅供参考；计时见 npm run bench）：p50 ${q(0.5)} ms，p99 ${q(0.99)} ms，最长 ${times[times.length - 1].toFixed(1)} ms`);
