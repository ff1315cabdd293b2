// One input file of `gongkai parse` or `gongkai check`, read, parsed and turned into exactly what
// the command prints for it. The same function runs on the main thread (one file at a time) and in
// the worker threads of a pool (src/cli/worker.ts), so both paths print the same bytes; what it
// returns is small and plain (strings and a few flags), cheap to send between threads.

import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { BATCH_JIT_FLAGS } from '../batch-jit.ts';
import type { Diagnostic, Severity } from '../interchange/types.ts';
import { IngestError } from '../ingest/errors.ts';
import type * as Pipeline from '../pipeline.ts';
import { readFailure } from './errors.ts';
import type { InputFile } from './files.ts';
import { describeReport, formatCheck, formatTables } from './format.ts';

export interface BatchOptions {
  command: 'parse' | 'check';
  json?: boolean | undefined;
  format?: string | undefined;
  /** parse: run the checker (default true; `--no-check` sets false). */
  check?: boolean | undefined;
  /** check: the lowest severity shown (all are counted in the summary). */
  minSeverity?: Severity | undefined;
}

/** What one file gives: exactly one of `skipped`, `error` or `out`. */
export interface FileResult {
  /** Readable but no annual report (a README in a directory), or a folder walked already. */
  skipped?: string;
  /** Could not be read: the Chinese explanation, starting with the path. */
  error?: string;
  /** The text printed on stdout for this file. */
  out?: string;
  /** The report's diagnostics as the batch summary needs them: one per rule and severity. */
  marks?: Pick<Diagnostic, 'rule' | 'severity'>[];
}

/**
 * Files from which a pool of worker processes repays its start-up: each loads the parser and warms
 * up its own compiled code (on 2 cores, 200 real texts: 1.1 s in one process, 1.25 s on two; 500:
 * 2.0 s and 1.7 s).
 */
const POOL_MIN_FILES = 300;

/**
 * Worker processes by default: one per core, but no more than the cores other processes leave idle, plus
 * one. Threads beyond the idle cores only take turns with the busy ones: on a machine whose two
 * cores ran six other processes, two threads took half as much CPU again as one and finished
 * later. `busy`: the cores other processes keep busy now (busyNow).
 */
export function defaultJobs(files: number, cores = availableParallelism(), busy?: number): number {
  if (files < POOL_MIN_FILES) return 1;
  // Read only now: a small batch never waits for the readings.
  return Math.max(1, Math.min(cores, Math.round(cores - (busy ?? busyNow())) + 1));
}

/**
 * How many other processes are running now. On Linux, the run queue of /proc/loadavg (its fourth
 * field, "running/all", counts this process too), the least of a few readings a millisecond
 * apart so that a passing task does not count. The one-minute load average (elsewhere) lags: a
 * command that had just finished, such as the previous `gongkai check`, still weighed on it and
 * made the next run choose one process (measured: 4,000 texts in 4.8 s instead of 3.7 s).
 */
export function busyNow(samples = 3): number {
  let least = Infinity;
  try {
    for (let i = 0; i < samples; i++) {
      if (i > 0) Atomics.wait(PAUSE, 0, 0, 1);
      const running = Number(/ (\d+)\//.exec(readFileSync('/proc/loadavg', 'latin1'))?.[1]);
      if (!Number.isFinite(running)) return loadavg()[0];
      least = Math.min(least, Math.max(0, running - 1));
    }
    return least;
  } catch {
    return loadavg()[0];
  }
}
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * The Node/V8 options of the pool's worker processes (`size` of them on `cores` cores): the JIT
 * tuned for batch work (batch-jit.ts: a worker lives for one batch, its warm-up is much of its
 * work). When the workers fill the cores, each also runs its compiler and garbage collector on
 * its own thread: their background threads would only take turns with the workers. Over 4,000
 * texts (`npm run bench -- real`): 5.3 s wall and 9.7 s CPU with none of these, 4.5 s and 8.1 s
 * with `--single-threaded` and the inlining budget; threads in one process: 6.3 s and 11.4 s.
 */
export function workerFlags(size: number, cores = availableParallelism()): string[] {
  return [...(size >= cores ? ['--single-threaded'] : []), ...BATCH_JIT_FLAGS];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Whether a file needs reading at all (a note or an error from the directory walk does not). */
export function needsReading(file: InputFile): boolean {
  return !file.note && !file.error;
}

/** The result of a file the directory walk already decided about (see `needsReading`). */
export function walkResult(file: InputFile): FileResult {
  return file.note ? { skipped: `${file.path}：${file.note}` } : { error: `${file.path}：${file.error}` };
}

// The pipeline (parser, readers, checker) is loaded when the first file is read: the main thread
// of a batch run on worker threads never needs it.
let pipeline: typeof Pipeline | undefined;

/** Read, parse (and check) one file and format its output; never throws for a bad file. */
export async function processFile(file: InputFile, opts: BatchOptions): Promise<FileResult> {
  if (!needsReading(file)) return walkResult(file);
  const { parseFile } = (pipeline ??= await import('../pipeline.ts'));
  const check = opts.command === 'check' || opts.check !== false;
  let report;
  try {
    report = await parseFile(file.path, { format: opts.format, check });
  } catch (e) {
    if (e instanceof IngestError && e.code === 'no_report' && file.fromDirectory) return { skipped: `${file.path}：不是年度报告，已跳过` };
    return { error: readFailure(file.path, e) };
  }
  if (opts.command === 'parse') {
    return { out: opts.json ? JSON.stringify(report) + '\n' : `${file.path}  ${describeReport(report)}\n${formatTables(report)}\n\n` };
  }
  const seen = new Set<string>();
  const marks: FileResult['marks'] = [];
  for (const d of report.diagnostics) {
    const key = `${d.severity} ${d.rule}`;
    if (!seen.has(key)) {
      seen.add(key);
      marks.push({ rule: d.rule, severity: d.severity });
    }
  }
  const least = RANK[opts.minSeverity ?? 'info'];
  const shown = { ...report, diagnostics: report.diagnostics.filter((d) => RANK[d.severity] <= least) };
  const out = opts.json
    ? JSON.stringify({ file: file.path, agency: report.agency, year: report.year, format: report.format, diagnostics: shown.diagnostics }) + '\n'
    : formatCheck(file.path, shown) + '\n\n';
  return { out, marks };
}

const SEVERITY_CODE: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };
const CODE_SEVERITY: Record<string, Severity> = { E: 'error', W: 'warning', I: 'info' };

/**
 * A result as one string, to cross from a worker thread: a string is copied whole, where an
 * object is taken apart and rebuilt field by field (a tenth of a worker's time went there).
 * The first character says which field is set; an output is preceded by its marks, one
 * severity letter and rule id per line, and a NUL.
 */
export function encodeResult(r: FileResult): string {
  if (r.skipped !== undefined) return `s${r.skipped}`;
  if (r.error !== undefined) return `e${r.error}`;
  const marks = (r.marks ?? []).map((m) => SEVERITY_CODE[m.severity] + m.rule).join('\n');
  return `${r.marks ? 'm' : 'o'}${marks}\u0000${r.out ?? ''}`;
}

export function decodeResult(s: string): FileResult {
  const kind = s[0];
  if (kind === 's') return { skipped: s.slice(1) };
  if (kind === 'e') return { error: s.slice(1) };
  const nul = s.indexOf('\u0000');
  const out = s.slice(nul + 1);
  if (kind === 'o') return { out };
  const list = s.slice(1, nul);
  const marks = list ? list.split('\n').map((l) => ({ severity: CODE_SEVERITY[l[0]], rule: l.slice(1) })) : [];
  return { out, marks };
}
