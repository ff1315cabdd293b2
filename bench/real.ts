// Speed on real layouts: every text of the extraction corpus (test/corpus), the seed reports
// (../shared/seeds) and the fixtures (test/fixtures/text and html) parsed and checked one at a
// time, with p50, p99 and the maximum per report — not only a mean, since a few slow reports are
// what a supervisor waits on. Then the whole process: `gongkai check` over a directory of 4,000
// real-text reports (the corpus texts, copied round outside the repository), start-up included.
// Targets of issue 9: p99 < 5 ms per report, ≥ 1,000 reports/s whole-process.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultJobs } from '../src/cli/batch.ts';
import { CORPUS_DIR, loadManifest } from '../test/support/corpus.ts';
import { ROOT, SEEDS_DIR, seedFiles } from '../test/support/seeds.ts';
import { collectGarbage } from './measure.ts';
import { parseReport } from './subject.ts';

interface Item {
  group: string;
  name: string;
  bytes: Uint8Array;
}

function items(): Item[] {
  const out: Item[] = [];
  for (const t of loadManifest().texts) out.push({ group: `语料·${t.tool}`, name: t.file, bytes: new Uint8Array(readFileSync(join(CORPUS_DIR, t.file))) });
  try {
    for (const f of seedFiles()) out.push({ group: '种子报告', name: f, bytes: new Uint8Array(readFileSync(join(SEEDS_DIR, f))) });
  } catch {
    // No seeds beside the repository: the section says so below.
  }
  for (const dir of ['text', 'html']) {
    const path = resolve(ROOT, 'test/fixtures', dir);
    for (const f of readdirSync(path).filter((x) => /\.(txt|html)$/.test(x)).sort()) {
      out.push({ group: `样例·${dir}`, name: f, bytes: new Uint8Array(readFileSync(join(path, f))) });
    }
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function stats(ms: number[]): string {
  const s = ms.slice().sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5).toFixed(2)} ms，p99 ${quantile(s, 0.99).toFixed(2)} ms，最长 ${s[s.length - 1].toFixed(1)} ms`;
}

/** Each item's time (ms, parse + check): the median of `rounds` timed passes after one untimed. */
export async function timeItems(list: Item[], rounds = 3): Promise<number[]> {
  collectGarbage();
  for (const it of list) await parseReport(it.bytes, { name: it.name });
  const times = list.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < list.length; i++) {
      const t0 = performance.now();
      await parseReport(list[i].bytes, { name: list[i].name });
      times[i].push(performance.now() - t0);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]);
}

/**
 * `gongkai check` (the built CLI) over a directory of `n` corpus texts: reports per second,
 * start-up included, by the wall clock and by the process's CPU time (user + system, which a
 * busy shared machine disturbs less; the shell's `times` gives the child's).
 */
export function wholeProcess(n: number, args: string[] = []): { seconds: number; perSecond: number; cpuSeconds: number; perCpuSecond: number; files: number } {
  const texts = loadManifest().texts.filter((t) => !t.tool.startsWith('tesseract'));
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-real-'));
  try {
    mkdirSync(join(dir, 'reports'));
    for (let i = 0; i < n; i++) copyFileSync(join(CORPUS_DIR, texts[i % texts.length].file), join(dir, 'reports', `${String(i).padStart(5, '0')}.txt`));
    const cli = resolve(ROOT, 'dist/cli/main.js');
    const out = join(dir, 'out.jsonl');
    const t0 = performance.now();
    // The output goes to a file, as `gongkai check --json DIR > file` would; `times` then prints
    // the shell's and its children's user and system time ("0m9.825s 0m1.109s" on its second line).
    const script = `"$0" "$@" > "$OUT" 2>/dev/null; times`;
    const r = spawnSync('/bin/sh', ['-c', script, process.execPath, cli, 'check', '--json', ...args, join(dir, 'reports')], { encoding: 'utf8', env: { ...process.env, OUT: out } });
    const seconds = (performance.now() - t0) / 1000;
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
    if (lines !== n) throw new Error(`gongkai check 只输出了 ${lines} 份（应为 ${n} 份）：${r.stderr.slice(0, 300)}`);
    const child = r.stdout.trim().split('\n')[1] ?? '';
    const cpuSeconds = [...child.matchAll(/(\d+)m([\d.]+)s/g)].reduce((t, m) => t + Number(m[1]) * 60 + Number(m[2]), 0);
    return { seconds, perSecond: n / seconds, cpuSeconds, perCpuSecond: cpuSeconds > 0 ? n / cpuSeconds : NaN, files: n };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines for `npm run bench`; `n` is the size of the whole-process directory (default 4,000). */
export async function realSection(n = 4000): Promise<string[]> {
  const list = items();
  const times = await timeItems(list);
  const lines = [`真实版式，逐份解析+核查（${list.length} 份；预热 1 轮后计时 3 轮，每份取中位数；目标 p99 < 5 ms）：`];
  const groups = new Map<string, number[]>();
  list.forEach((it, i) => {
    const key = it.group.startsWith('语料') ? '抽取语料（全部）' : it.group;
    groups.set(key, [...(groups.get(key) ?? []), times[i]]);
    if (it.group.startsWith('语料')) groups.set(it.group, [...(groups.get(it.group) ?? []), times[i]]);
  });
  if (!list.some((it) => it.group === '种子报告')) lines.push(`  （没有找到种子报告目录 ${SEEDS_DIR}，此项略去）`);
  lines.push(`  全部                            ${stats(times)}`);
  for (const [k, ms] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`  ${k.padEnd(28)}${String(ms.length).padStart(4)} 份  ${stats(ms)}`);
  const slow = list.map((it, i) => ({ it, ms: times[i] })).sort((a, b) => b.ms - a.ms).slice(0, 5);
  lines.push(`  最慢的 5 份：${slow.map((s) => `${s.it.name}（${s.ms.toFixed(1)} ms）`).join('；')}`);
  // The worker processes the CLI will choose (cores, fewer when other processes keep them busy).
  const threads = defaultJobs(n);
  const load = loadavg()[0];
  const w = wholeProcess(n);
  lines.push(
    `整个进程：gongkai check --json 读一个目录的 ${w.files} 份真实版式文本（语料轮流复制；默认 ${threads === 1 ? '在本进程逐个处理' : `${threads} 个工作进程`}，${availableParallelism()} 核，当时 1 分钟负载 ${load.toFixed(1)}），含启动 ${w.seconds.toFixed(1)} 秒，${Math.round(w.perSecond)} 份/秒（墙钟；目标 ≥ 1000 份/秒）；` +
      `按进程的 CPU 时间 ${w.cpuSeconds.toFixed(1)} 秒，${Math.round(w.perCpuSecond)} 份/秒`,
  );
  // The other way of the two, for comparison: in one process, or a worker per core when the load chose one.
  const other = threads > 1 ? 1 : availableParallelism();
  if (other !== threads) {
    const o = wholeProcess(n, ['--jobs', String(other)]);
    lines.push(`  同一目录 --jobs ${other}：${o.seconds.toFixed(1)} 秒，${Math.round(o.perSecond)} 份/秒（墙钟）；CPU 时间 ${o.cpuSeconds.toFixed(1)} 秒，${Math.round(o.perCpuSecond)} 份/秒`);
  }
  return lines;
}
