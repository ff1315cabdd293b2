// `gongkai check` and `gongkai parse` over many files on a pool of worker threads: the same bytes
// as one file at a time, in input order, with unreadable and skipped files told as before; and the
// pool itself: results in order, a worker that dies costs only its own task, never a hang.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { busyNow, defaultJobs } from '../src/cli/batch.ts';
import { crashFailure } from '../src/cli/errors.ts';
import { runPool } from '../src/cli/pool.ts';
import { CORPUS_DIR, loadManifest } from './support/corpus.ts';
import { gongkai } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-batch-'));
const reports = join(dir, 'reports');
after(() => rmSync(dir, { recursive: true, force: true }));

before(() => {
  // 70 corpus texts of every tool, an empty file (cannot
  // be read) and a note that is no report (skipped), spread through the directory's order.
  mkdirSync(reports);
  const texts = loadManifest().texts;
  const step = Math.max(1, Math.floor(texts.length / 70));
  for (let i = 0; i < 70; i++) copyFileSync(join(CORPUS_DIR, texts[(i * step) % texts.length].file), join(reports, `${String(i).padStart(3, '0')}.txt`));
  writeFileSync(join(reports, '012-empty.txt'), '');
  writeFileSync(join(reports, '040-说明.txt'), '这个目录里是今年收集的年度报告。\n');
});

describe('gongkai check/parse --jobs', () => {
  for (const args of [['check'], ['check', '--json'], ['check', '--min-severity', 'error'], ['parse', '--json'], ['parse']]) {
    it(`${args.join(' ')}：两个工作进程与逐个处理输出完全相同，按输入顺序`, () => {
      const one = gongkai(...args, '--jobs', '1', reports);
      const two = gongkai(...args, '--jobs', '2', reports);
      const auto = gongkai(...args, reports);
      assert.ok(one.out.length > 10_000, one.err);
      assert.equal(two.out, one.out);
      assert.equal(two.err, one.err);
      assert.equal(two.code, one.code);
      assert.equal(auto.out, one.out);
      assert.equal(auto.code, one.code);
      // the empty file's Chinese error and the skipped note, each once; the other files go on
      assert.equal(two.code, 2);
      assert.equal(two.err.match(/012-empty\.txt：文件是空的/g)?.length, 1, two.err);
      assert.equal(two.err.match(/040-说明\.txt：不是年度报告，已跳过/g)?.length, 1, two.err);
    });
  }

  it('check 汇总在结果之后，文件数与逐个处理相同', () => {
    const r = gongkai('check', '--jobs', '2', reports);
    const summary = r.out.slice(r.out.indexOf('汇总：'));
    assert.match(summary, /^汇总：共 72 个文件，读取 70 份报告，跳过 1 个，无法读取 1 个/);
    assert.ok(r.out.indexOf('汇总：') > r.out.lastIndexOf('小结：'));
  });

  it('--jobs 不是正整数：中文说明，退出码非 0', () => {
    for (const bad of ['0', '-1', '1.5', '两个']) {
      const r = gongkai('check', '--jobs', bad, reports);
      assert.notEqual(r.code, 0);
      assert.match(r.err, /进程数应为正整数/);
      assert.equal(r.out, '');
    }
  });
});

describe('默认线程数', () => {
  it('文件少于 300 个时为 1；否则为核数，机器忙时减为空闲核数加一', () => {
    assert.equal(defaultJobs(299, 8, 0), 1);
    assert.equal(defaultJobs(300, 8, 0), 8);
    assert.equal(defaultJobs(4000, 2, 0.3), 2);
    assert.equal(defaultJobs(4000, 2, 1.2), 2);
    assert.equal(defaultJobs(4000, 2, 1.6), 1);
    assert.equal(defaultJobs(4000, 8, 5), 4);
    assert.equal(defaultJobs(4000, 2, 7), 1);
    assert.equal(defaultJobs(4000, 1, 0), 1);
  });

  it('忙碌程度按此刻在运行的进程计（不按滞后一分钟的平均负载）：两个空转的进程就是两个', { skip: process.platform === 'linux' ? false : '只有 Linux 有 /proc/loadavg' }, async () => {
    const spinners = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    try {
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(busyNow() >= 2, `busyNow() = ${busyNow()}`);
    } finally {
      for (const s of spinners) s.kill('SIGKILL');
    }
  });
});

for (const mode of ['threads', 'processes'] as const) describe(`runPool（${mode === 'threads' ? '工作线程' : '子进程'}）`, () => {
  const url = new URL('./support/pool-worker.ts', import.meta.url);
  const processes = mode === 'processes' ? { execArgv: ['--single-threaded'] } : undefined;
  const crashed = (task: unknown, reason: unknown) => `crashed ${String(task)}: ${reason instanceof Error ? reason.message : String(reason)}`;

  it('结果按任务顺序给出', async () => {
    const tasks = Array.from({ length: 50 }, (_, i) => i);
    const out: unknown[] = [];
    for await (const r of runPool(tasks, { url, size: 3, crashed, processes, workerData: 1 })) out.push(r);
    assert.deepEqual(out, tasks.map((n) => n * 10 + 1));
  });

  it('工作线程退出或抛出异常：只有它正在处理的任务算失败，排在其后的任务照常完成', async () => {
    const tasks: (number | 'exit' | 'throw')[] = [1, 2, 'exit', 4, 5, 'throw', 7, 8, 'exit', 'exit', 11];
    const out: unknown[] = [];
    for await (const r of runPool(tasks, { url, size: 2, batch: 3, crashed, processes })) out.push(r);
    assert.equal(out.length, tasks.length);
    tasks.forEach((t, i) => {
      if (typeof t === 'number') assert.equal(out[i], t * 10);
      else assert.match(String(out[i]), t === 'throw' ? /^crashed throw: boom/ : /^crashed exit: worker exited with code 3/);
    });
  });

  it('每个工作线程都立刻退出：每个任务都得到失败结果，不会挂起', async () => {
    const tasks = Array.from({ length: 6 }, () => 'exit' as const);
    const out: unknown[] = [];
    for await (const r of runPool(tasks, { url, size: 2, crashed, processes })) out.push(r);
    assert.deepEqual(out, tasks.map(() => 'crashed exit: worker exited with code 3'));
  });

  if (mode === 'processes')
    it('工作进程被系统终止（SIGKILL）：该文件的中文错误说明原因，其余照常', async () => {
      const tasks: (number | 'kill')[] = [1, 'kill', 3];
      const reasons: unknown[] = [];
      const out: unknown[] = [];
      for await (const r of runPool(tasks, { url, size: 1, crashed: (t, reason) => (reasons.push(reason), `crashed ${String(t)}`), processes })) out.push(r);
      assert.deepEqual(out, [10, 'crashed kill', 30]);
      assert.match(crashFailure('甲.txt', reasons[0]), /^甲\.txt：读取此文件时工作进程意外终止（被系统终止，常见原因是内存不足）/);
    });

  it('提前停止读取结果：工作线程全部结束', async () => {
    const tasks = Array.from({ length: 40 }, (_, i) => i);
    const out: unknown[] = [];
    for await (const r of runPool(tasks, { url, size: 2, crashed, processes })) {
      out.push(r);
      if (out.length === 3) break;
    }
    assert.deepEqual(out, [0, 10, 20]);
  });
});
