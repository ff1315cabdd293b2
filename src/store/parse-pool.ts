// Reading and parsing the files of an import chunk, in a worker thread when the chunk is big
// enough to be worth it (parse-worker.ts): the main thread then writes one chunk while the worker
// parses the next, and the two cores are both used. The worker also does what storing a report
// needs most CPU for: the words of each section (full-text search) and the narrative prepared
// for the similarity checks. Small imports parse in the main thread (no worker to start).

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { moduleBeside, startModuleWorker } from '../worker-threads.ts';
import { bandKeys, prepare, type Prepared } from '../check/similarity.ts';
import { IngestError, type IngestErrorCode } from '../ingest/errors.ts';
import { LIMITS, formatBytes } from '../ingest/limits.ts';
import type { Report } from '../interchange/types.ts';
import { parseReport } from '../pipeline.ts';
import { cellArrays, packCellArrays, type CellArrays } from './cells.ts';
import { figureValues, figuresOf } from './figures.ts';
import { sectionWords } from './words.ts';

export interface ParseItem {
  name: string;
  path: string | null;
  upload: Uint8Array | null;
}

/** What the parse worker computes ahead for storing a report (parseItems with `ahead`). */
export interface Ahead {
  /** The sections' indexed words (sectionWords of each). */
  words: string[];
  prepared: Prepared;
  /** The narrative's MinHash bands. */
  bands: string[];
  /** The report's figures (figureValues). */
  figures: string;
  /** Its cells as cell_sets arrays (packCellArrays): the report's tables and cells are left out. */
  cells: CellArrays | string;
}

export type ParseResult =
  | { ok: true; sha256: string; bytes: Uint8Array; report: Report; ahead?: undefined }
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

/** The bytes of an item (a file named on the command line, or uploaded), size-checked. */
export async function itemBytes(item: ParseItem): Promise<Uint8Array> {
  if (item.upload) return item.upload;
  if (!item.path) throw new IngestError('unreadable', item.name, '没有文件内容');
  const info = await stat(item.path).catch(() => null);
  if (!info?.isFile()) throw new IngestError('unreadable', item.name, '文件不存在或无法打开');
  if (info.size > LIMITS.maxInputBytes) {
    throw new IngestError('too_large', item.name, `文件过大（${formatBytes(info.size)}），超过 ${formatBytes(LIMITS.maxInputBytes)} 的上限`);
  }
  return readFile(item.path);
}

/**
 * itemBytes with blocking reads (for the worker thread, where nothing else waits): one open, one
 * fstat and one read instead of the promise API's separate stat, open, fstat, read and close.
 */
export function itemBytesSync(item: ParseItem): Uint8Array {
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
 * Read and parse items one after the other; `ahead`: read with blocking calls, and also segment
 * the sections' words, prepare the narrative, compute its MinHash bands and the report's figures
 * (in the worker, where it costs the main thread nothing).
 */
export async function parseItems(items: readonly ParseItem[], ahead: boolean): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for (const item of items) {
    try {
      const bytes = ahead ? itemBytesSync(item) : await itemBytes(item);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const report = await parseReport(bytes, { name: item.name });
      if (ahead) {
        const prepared = prepare(report);
        const figures = figureValues(figuresOf(report));
        const { tables: _tables, cells: _cells, ...sent } = report;
        out.push({ ok: true, sha256, bytes, report: sent, ahead: { words: report.sections.map(sectionWords), prepared, bands: bandKeys(prepared), figures, cells: packCellArrays(cellArrays(report)) } });
      } else out.push({ ok: true, sha256, bytes, report });
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

let worker: Worker | null = null;
/** Set when the worker failed: the process parses in the main thread from then on. */
let broken = false;
let nextId = 1;
const pending = new Map<number, { items: ParseItem[]; resolve: (r: ParseResult[]) => void }>();

function spawn(): Worker {
  const w = startModuleWorker(moduleBeside(import.meta.url, 'parse-worker'));
  w.unref();
  w.on('message', (reply: ParseReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (!pending.size) w.unref();
    job.resolve(reply.results);
  });
  const fail = () => {
    if (worker !== w) return;
    worker = null;
    broken = true;
    // What was sent to the worker is parsed here instead.
    const jobs = [...pending.values()];
    pending.clear();
    for (const job of jobs) void parseItems(job.items, false).then(job.resolve);
  };
  w.on('error', fail);
  w.on('exit', fail);
  return w;
}

/** Read and parse a chunk's items: in the worker thread when the chunk is big (and `worker` allows). */
export function parseChunkItems(items: readonly ParseItem[], options: { worker?: boolean | undefined } = {}): Promise<ParseResult[]> {
  const useWorker = options.worker ?? items.length >= WORKER_FROM_ITEMS;
  if (!useWorker || broken) return parseItems(items, false);
  const w = (worker ??= spawn());
  const id = nextId++;
  const request: ParseRequest = { id, items: items.map((it) => ({ name: it.name, path: it.path, upload: it.upload })) };
  return new Promise((resolve) => {
    pending.set(id, { items: request.items, resolve });
    w.ref();
    w.postMessage(request);
  });
}
