// How every benchmark times its work: one untimed warm-up round (JIT tiers, libraries, fonts and
// templates loaded), then several timed rounds over the same items; the median round is the
// figure. Rates are per CPU second of this process (user + system: steady on a busy machine, and
// they count the reader's worker thread and V8's background threads, so they are per core), with
// the wall-clock rate beside them.

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ROOT } from '../test/support/seeds.ts';
import { parseReport } from './subject.ts';

export interface Rate {
  /** Items per CPU second, median round. */
  cpu: number;
  /** Items per wall-clock second, median round. */
  wall: number;
  /** Items per CPU second, fastest round. */
  best: number;
  rounds: number;
  perRound: number;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * A full garbage collection, before timing: making corpora and fixtures leaves the heap full of
 * garbage that V8 would not collect for a long while, and until then every allocation of the
 * measured code is slower (in a test, parsing ran ~20% slower after generating 10,000 reports in
 * the same process). A supervisor's `gongkai check` starts from a clean heap; so does the timing.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Run `run(i)` for i in [0, perRound) once untimed, then `rounds` timed rounds. */
export async function measure(perRound: number, run: (i: number) => unknown, rounds = 3): Promise<Rate> {
  collectGarbage();
  for (let i = 0; i < perRound; i++) await run(i);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) await run(i);
    const w = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpu.push(perRound / ((c.user + c.system) / 1e6));
    wall.push(perRound / w);
  }
  return { cpu: median(cpu), wall: median(wall), best: Math.max(...cpu), rounds, perRound };
}

/** "330 份/秒（CPU 时间…；墙钟 …）" for a rate. */
export function formatRate(r: Rate, digits = 0): string {
  return `${r.cpu.toFixed(digits)} 份/秒（CPU 时间，单核；墙钟 ${r.wall.toFixed(digits)} 份/秒）`;
}

/** The method, in one line for the section's output. */
export function methodNote(r: Rate, cpuTime = true): string {
  const best = cpuTime ? `（最快一轮 ${r.best.toFixed(r.best < 100 ? 1 : 0)} 份/秒）` : '';
  return `预热 1 轮后计时 ${r.rounds} 轮、每轮 ${r.perRound} 份，取中位数${best}`;
}

export interface Doc {
  name: string;
  bytes: Uint8Array;
}

/** The fixture files of test/fixtures/`dir` that `accept` takes, in name order. */
export function fixtureFiles(dir: string, accept: (file: string) => boolean): Doc[] {
  const path = resolve(ROOT, 'test/fixtures', dir);
  return readdirSync(path)
    .filter(accept)
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(resolve(path, f))) }));
}

/** A reader alone (bytes → paragraphs and tables), then the whole pipeline, over `docs` in turn. */
export async function readAndParse(docs: Doc[], read: (bytes: Uint8Array, name: string) => unknown, n: number): Promise<{ reads: Rate; reports: Rate }> {
  const pick = (i: number) => docs[i % docs.length];
  const reads = await measure(n, (i) => read(pick(i).bytes, pick(i).name));
  const reports = await measure(n, (i) => parseReport(pick(i).bytes, { name: pick(i).name }));
  return { reads, reports };
}
