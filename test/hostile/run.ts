// Running one hostile case through the built command line in a child process, as a user would
// meet it: its exit code, what it printed, and the peak resident memory and wall time the
// operating system measured (GNU time's maximum resident set size, which counts the PDF worker
// thread too). When the tests run as root the child runs as `nobody`, so that missing read
// permissions mean what they mean for a user.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../support/seeds.ts';

export const CLI = resolve(ROOT, 'dist/cli/main.js');
export const TIME = '/usr/bin/time';

/** Bounds every case must keep. */
export const BOUNDS = { peakRssBytes: 1024 * 1024 * 1024, wallMs: 20_000 };

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size in bytes, as the kernel accounted it. */
  peakRss: number;
  wallMs: number;
  /** The run was stopped for taking far longer than the bound. */
  killed: boolean;
}

/** The unprivileged user to run as when the tests run as root. */
export const NOBODY = 65534;

/** Whether `nobody` can run the built CLI here (a checkout in a private folder it cannot enter). */
function nobodyCanRun(): boolean {
  const r = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(CLI)}, require('node:fs').constants.R_OK)`], { uid: NOBODY, gid: NOBODY, stdio: 'ignore' });
  return r.status === 0;
}

let nobody: boolean | undefined;
/** Children run as `nobody`: the tests run as root and `nobody` can read the checkout. */
export function asNobody(): boolean {
  nobody ??= process.getuid?.() === 0 && existsSync(CLI) && nobodyCanRun();
  return nobody;
}

/** Missing read permissions mean something to the child: it does not run as root. */
export function permissionsHold(): boolean {
  return process.getuid?.() !== 0 || asNobody();
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/ when it is missing or older than the sources (the harness runs the built CLI). */
export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newest(resolve(ROOT, 'src'))) return;
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

let coverage: string | null | undefined;
/** Where coverage is collected, made writable for a child running as nobody; null when not measured. */
function coverageDir(): string | null {
  if (coverage !== undefined) return coverage;
  coverage = process.env.NODE_V8_COVERAGE ?? null;
  if (coverage && asNobody()) {
    mkdirSync(coverage, { recursive: true });
    chmodSync(coverage, 0o777);
  }
  return coverage;
}

/** Run `gongkai ...args` in `cwd`; stopped after three times the wall bound. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const timeFile = join(cwd, `.time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(TIME, ['-o', timeFile, '-f', '%M', process.execPath, CLI, ...args], {
      cwd,
      // npm test measures coverage (NODE_V8_COVERAGE, which Node passes on to children whatever env
      // says): the child writes there too, mapped back to src/ through dist's source maps.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, NO_COLOR: '1', LANG: 'C.UTF-8', ...(coverageDir() ? { NODE_V8_COVERAGE: coverageDir()! } : {}), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asNobody() ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes < 4 * 1024 * 1024) out.push(b); // a report's JSON is kept; a flood is not
    });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, BOUNDS.wallMs * 3);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let peakRss = NaN;
      if (existsSync(timeFile)) {
        // GNU time prints "Command exited with non-zero status N" before the figure.
        const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
        peakRss = Number(lines[lines.length - 1]) * 1024;
        rmSync(timeFile, { force: true });
      }
      // GNU time passes the child's exit status on (128+n for a signal).
      done({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), peakRss, wallMs, killed });
    });
  });
}
