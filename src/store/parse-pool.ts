// Reading and parsing the files of an import chunk, in a worker thread when the chunk is big
// enough to be worth it (parse-worker.ts): the main thread then writes one chunk while the worker
// parses the next, and the two cores are both used. A chunk goes to the worker in small slices,
// and when the main thread has nothing to write it parses the slices the worker has not reached
// (while the worker starts, and whenever writing is ahead of parsing). Both also do what storing
// a report needs most CPU for: the words of each section (full-text search), the narrative
// prepared for the similarity checks, the figures. Small imports parse in the main thread only
// (no worker to start).

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { useBatchJit } from '../batch-jit.ts';
import { moduleBeside, startModuleWorker } from '../worker-threads.ts';
import { bandKeys, prepare, type Prepared } from '../check/similarity.ts';
import { IngestError, type IngestErrorCode } from '../ingest/errors.ts';
import { LIMITS, formatBytes } from '../ingest/limits.ts';
import type { Report } from '../interchange/types.ts';
import { parseReport } from '../pipeline.ts';
import { cellArrays, packCellArrays, type CellArrays } from './cell-arrays.ts';
import { figureValues, figuresOf } from './figures.ts';
import { loadSegmenter, sectionWords } from './words.ts';

export interface ParseItem {
  name: string;
  path: string | null;
  upload: Uint8Array | null;
}

/** What parsing computes ahead for storing a report (parseItems). */
export interface Ahead {
  /** The sections' indexed words (sectionWords of each). */
  words: string[];
  prepared: Prepared;
  /** The narrative's MinHash bands. */
  bands: string[];
  /** The report's figures (figureValues). */
  figures: string;
  /** Its cells as cell_sets arrays (packed as JSON when sent by the worker): the report's tables and cells are left out. */
  cells: CellArrays | string;
}

export type ParseResult =
  | { ok: true; sha256: string; bytes: Uint8Array; report: Omit<Report, 'tables' | 'cells'>; ahead: Ahead }
  | { ok: false; error: { code: IngestErrorCode; file: string; message: string } | { internal: string } };

export interface ParseRequest {
  id: number;
  items: ParseItem[];
}

export interface ParseReply {
  id: number;
  results: ParseResult[];
}

/**
 * The bytes of an item (a file named on the command line, or uploaded), size-checked. Blocking
 * reads: one open, one fstat and one read instead of the promise API's separate stat, open,
 * fstat, read and close; the thread reading would parse the file next anyway.
 */
export function itemBytes(item: ParseItem): Uint8Array {
  if (item.upload) return item.upload;
  if (!item.path) throw new IngestError('unreadable', item.name, '没有文件内容');
  let fd: number;
  try {
    fd = openSync(item.path, 'r');
  } catch {
    throw new IngestError('unreadable', item.name, '文件不存在或无法打开');
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new IngestError('unreadable', item.name, '文件不存在或无法打开');
    if (info.size > LIMITS.maxInputBytes) {
      throw new IngestError('too_large', item.name, `文件过大（${formatBytes(info.size)}），超过 ${formatBytes(LIMITS.maxInputBytes)} 的上限`);
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read and parse items one after the other, and do ahead what storing them needs: segment the
 * sections' words, prepare the narrative, compute its MinHash bands and the report's figures.
 * `pack`: the cell arrays as JSON, to send to another thread (the worker's replies).
 */
export async function parseItems(items: readonly ParseItem[], options: { pack?: boolean } = {}): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for (const item of items) {
    try {
      const bytes = itemBytes(item);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const report = await parseReport(bytes, { name: item.name });
      const prepared = prepare(report);
      const figures = figureValues(figuresOf(report));
      const { tables: _tables, cells: _cells, ...sent } = report;
      const cells = cellArrays(report);
      out.push({ ok: true, sha256, bytes, report: sent, ahead: { words: report.sections.map(sectionWords), prepared, bands: bandKeys(prepared), figures, cells: options.pack ? packCellArrays(cells) : cells } });
    } catch (e) {
      out.push({ ok: false, error: e instanceof IngestError ? { code: e.code, file: e.file, message: e.message } : { internal: (e as Error).message } });
    }
  }
  return out;
}

/** The error a failed result stands for (an IngestError as the reader raised it, or another). */
export function errorOf(result: Extract<ParseResult, { ok: false }>): Error {
  const e = result.error;
  if ('internal' in e) return new Error(e.internal);
  return new IngestError(e.code, e.file, e.message.slice(e.file.length + 1));
}

/** Chunks from this many items on are parsed in the worker thread. */
export const WORKER_FROM_ITEMS = 16;
/**
 * Items per message to the worker: a chunk goes over in slices, so that the main thread can take
 * the slices the worker has not reached yet when it has nothing else to do (ChunkParse.help).
 */
export const SLICE_ITEMS = 4;
/**
 * Slices sent to the worker before it replies: enough that it never waits for the main thread,
 * which answers only between two of its own slices.
 */
export const SLICES_IN_FLIGHT = 3;

interface Slice {
  job: ChunkParse;
  /** The slice's first item in its chunk. */
  from: number;
  items: ParseItem[];
}

let worker: Worker | null = null;
/** Set when the worker has loaded its modules (its first message): slices go to it from then on. */
let ready = false;
/** Resolved when the worker is ready (true) or has failed (false). */
let readiness: Promise<boolean> = Promise.resolve(false);
let becameReady: (ok: boolean) => void = () => undefined;
/** Set when the worker failed: the process parses in the main thread from then on. */
let broken = false;
let nextId = 1;
/** Slices sent to the worker, by request id. */
const inFlight = new Map<number, Slice>();
/** Slices waiting, oldest chunk first: the worker takes them from the front, the main thread a chunk's from its back. */
const waiting: Slice[] = [];

function spawn(): Worker {
  // An import is batch work: the worker, and the main thread's share, with the JIT tuned for it.
  useBatchJit();
  readiness = new Promise((r) => (becameReady = r));
  const w = startModuleWorker(moduleBeside(import.meta.url, 'parse-worker'));
  w.unref();
  w.on('message', (reply: ParseReply) => {
    if (reply.id === 0) {
      ready = true;
      becameReady(true);
      pump();
      return;
    }
    const slice = inFlight.get(reply.id);
    if (!slice) return;
    inFlight.delete(reply.id);
    slice.job.bySlices.worker++;
    slice.job.settle(slice, reply.results);
    pump();
  });
  const fail = () => {
    if (worker !== w) return;
    worker = null;
    ready = false;
    broken = true;
    becameReady(false);
    // What was sent to the worker is parsed here instead (by the chunks' help).
    waiting.unshift(...inFlight.values());
    inFlight.clear();
    for (const job of new Set(waiting.map((s) => s.job))) job.wake();
  };
  w.on('error', fail);
  w.on('exit', fail);
  return w;
}

/**
 * Get an import's parsing ready ahead (`gongkai import` does, before it opens the store): start
 * the worker thread (it loads its modules and the word segmenter) unless it runs or failed, and,
 * on the next turn of the event loop, load this thread's segmenter too (it parses slices as well).
 * Both load while the store opens and the batch is written, mostly waiting on the database,
 * instead of in the first chunk.
 */
export function prepareParsing(): void {
  if (!worker && !broken) worker = spawn();
  setTimeout(() => {
    try {
      loadSegmenter();
    } catch {
      // Only a head start: the import's own parsing meets the same failure and reports it per file.
    }
  }, 0);
}

/** The worker thread, once started and while it runs (for tests: it can be stopped to see the main thread take over). */
export function runningParseWorker(): Worker | null {
  return worker;
}

/** Whether the worker thread has started and is ready for slices (false if it failed or never started). */
export function parseWorkerReady(): Promise<boolean> {
  return readiness;
}

/** Send waiting slices to the worker while it holds fewer than SLICES_IN_FLIGHT. */
function pump(): void {
  const w = worker;
  if (!w || !ready) return;
  while (inFlight.size < SLICES_IN_FLIGHT && waiting.length) {
    const slice = waiting.shift()!;
    const id = nextId++;
    inFlight.set(id, slice);
    w.postMessage({ id, items: slice.items } satisfies ParseRequest);
  }
  if (inFlight.size) w.ref();
  else w.unref();
}

/**
 * The parsing of one chunk's items: by the worker thread, slice after slice, and by the main
 * thread too when it calls `help` (it then parses the slices the worker has not reached, from the
 * chunk's end). The results are in the items' order whoever parsed them; both run the same
 * functions (parseItems), so they are the same results.
 */
export class ChunkParse {
  readonly results: ParseResult[];
  /** Slices the worker parsed, and the main thread. */
  bySlices = { worker: 0, main: 0 };
  private left: number;
  private readonly finished: Promise<ParseResult[]>;
  private resolve!: (r: ParseResult[]) => void;
  /** Wakes `help` when the worker failed and its slices came back. */
  private nudge: (() => void) | null = null;

  constructor(readonly items: readonly ParseItem[], useWorker: boolean) {
    this.results = new Array<ParseResult>(items.length);
    this.finished = new Promise((r) => (this.resolve = r));
    const slices: Slice[] = [];
    for (let from = 0; from < items.length; from += SLICE_ITEMS) {
      slices.push({ job: this, from, items: items.slice(from, from + SLICE_ITEMS).map((it) => ({ name: it.name, path: it.path, upload: it.upload })) });
    }
    this.left = slices.length;
    if (!slices.length) this.resolve(this.results);
    waiting.push(...slices);
    if (useWorker && !broken) {
      worker ??= spawn();
      pump();
    }
  }

  /** All results, when the last slice is parsed (by either thread). */
  done(): Promise<ParseResult[]> {
    return this.finished;
  }

  /** A slice's results, from the worker or the main thread. */
  settle(slice: Slice, results: ParseResult[]): void {
    results.forEach((r, i) => (this.results[slice.from + i] = r));
    if (--this.left === 0) this.resolve(this.results);
  }

  wake(): void {
    this.nudge?.();
  }

  /**
   * Parse this chunk's waiting slices in the main thread, last first, until none is left, then
   * wait for the worker's; returns all results. Between two slices the worker's replies are taken
   * (and more slices sent to it).
   */
  async help(): Promise<ParseResult[]> {
    for (;;) {
      let at = -1;
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i].job === this) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        if (!this.left) return this.results;
        // The worker holds the rest: wait for it, or for its failure to hand them back.
        await new Promise<void>((r) => {
          this.nudge = r;
          void this.finished.then(() => r());
        });
        this.nudge = null;
        continue;
      }
      const [slice] = waiting.splice(at, 1);
      this.bySlices.main++;
      this.settle(slice, await parseItems(slice.items));
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}

/**
 * Start parsing a chunk's items: in the worker thread when the chunk is big (and `worker` allows),
 * with the main thread's help when it calls `help`; small chunks only by the main thread.
 */
export function startChunkParse(items: readonly ParseItem[], options: { worker?: boolean | undefined } = {}): ChunkParse {
  return new ChunkParse(items, options.worker ?? items.length >= WORKER_FROM_ITEMS);
}

/** Read and parse a chunk's items (the worker and the main thread sharing them), and wait for all. */
export function parseChunkItems(items: readonly ParseItem[], options: { worker?: boolean | undefined } = {}): Promise<ParseResult[]> {
  return startChunkParse(items, options).help();
}
