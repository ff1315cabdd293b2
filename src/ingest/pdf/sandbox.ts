// The PDF reader runs in a worker thread, so that a hostile file cannot hold the program: pdf.js
// parses a page in one go without letting a timer run, and a file of a few kilobytes can make it
// build millions of operators (forms drawing forms drawing forms). The worker is stopped when a
// document's time budget runs out, and its heap is capped; either way the document is refused
// and the next one gets a fresh worker. One document at a time; the worker is kept between
// documents (pdf.js loads once) and does not keep the process alive when idle.

import type { Worker } from 'node:worker_threads';
import { moduleBeside, startModuleWorker } from '../../worker-threads.ts';
import { IngestError } from '../errors.ts';
import type { PdfContent, PdfInspection, ReadOptions } from './document.ts';
import { PDF_LIMITS } from './limits.ts';
import type { SandboxReply, SandboxRequest } from './worker.ts';

interface Job {
  bytes: Uint8Array;
  name: string;
  options: ReadOptions;
  want: SandboxRequest['want'];
  resolve: (result: PdfContent | PdfInspection) => void;
  reject: (e: unknown) => void;
}

let worker: Worker | null = null;
/** Resolves when the current worker has loaded pdf.js. */
let ready: Promise<void> = Promise.resolve();
let nextId = 1;
const queue: Job[] = [];
let busy = false;

function spawn(): Worker {
  // worker.ts (built: worker.js)
  const w = startModuleWorker(moduleBeside(import.meta.url, 'worker'), {
    resourceLimits: { maxOldGenerationSizeMb: PDF_LIMITS.maxHeapMb, maxYoungGenerationSizeMb: 64 },
  });
  w.unref();
  ready = new Promise((resolve) => {
    const onReady = (m: SandboxReply) => {
      if (m.id !== 0) return;
      w.off('message', onReady);
      resolve();
    };
    w.on('message', onReady);
    // A worker that fails while starting: the job waiting for it is refused at once.
    w.once('error', (e) => dead.set(w, e));
    w.once('exit', () => {
      if (!dead.has(w)) dead.set(w, new Error('exited'));
      resolve();
    });
  });
  return w;
}

/** Workers that have stopped, with the reason. */
const dead = new WeakMap<Worker, Error>();

function kill(): void {
  const w = worker;
  worker = null;
  if (w) void w.terminate();
}

function runNext(): void {
  if (busy) return;
  const job = queue.shift();
  if (!job) return;
  busy = true;
  const w = (worker ??= spawn());
  w.ref(); // a document being read keeps the process alive
  void ready.then(() => start(w, job));
}

function start(w: Worker, job: Job): void {
  const failed = dead.get(w);
  if (failed) {
    if (worker === w) worker = null;
    busy = false;
    job.reject(new Error(`PDF 读取线程无法启动：${failed.message}`));
    runNext();
    return;
  }
  const id = nextId++;
  const budget = job.options.timeBudgetMs ?? PDF_LIMITS.timeBudgetMs;
  let settled = false;
  const finish = (f: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    clearInterval(watch);
    w.off('message', onMessage);
    w.off('error', onError);
    w.off('exit', onExit);
    if (worker === w) w.unref();
    busy = false;
    f();
    runNext();
  };
  const onMessage = (reply: SandboxReply) => {
    if (reply.id !== id || 'ready' in reply) return;
    finish(() => {
      if (reply.ok) job.resolve(reply.result);
      else if ('code' in reply.error) job.reject(new IngestError(reply.error.code, job.name, reply.error.message.slice(reply.error.file.length + 1)));
      else job.reject(new Error(reply.error.internal));
    });
  };
  const onError = (e: Error & { code?: string }) => {
    kill();
    finish(() =>
      job.reject(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new IngestError('too_large', job.name, `读取 PDF 所需内存超过 ${PDF_LIMITS.maxHeapMb} MB 的上限，已放弃（文件过于复杂或是恶意构造的）`)
          : new Error(`PDF 读取线程出错：${e.message}`),
      ),
    );
  };
  const onExit = () => {
    if (worker === w) worker = null;
    finish(() => job.reject(new IngestError('too_large', job.name, '读取 PDF 时读取线程意外退出，已放弃（文件过于复杂或是恶意构造的）')));
  };
  const timer = setTimeout(() => {
    kill();
    finish(() => job.reject(new IngestError('too_large', job.name, `读取 PDF 超过 ${+(budget / 1000).toFixed(3)} 秒仍未完成，已放弃（文件过于复杂或已损坏）`)));
  }, budget);
  // The heap cap does not see typed arrays (pdf.js unpacks streams into them): the process's
  // resident memory is watched too, from this thread, which stays free while the worker works.
  const rssBefore = process.memoryUsage.rss();
  const watch = setInterval(() => {
    if (process.memoryUsage.rss() - rssBefore <= PDF_LIMITS.maxRssGrowthMb * 1024 * 1024) return;
    kill();
    finish(() => job.reject(new IngestError('too_large', job.name, `读取 PDF 所需内存超过 ${PDF_LIMITS.maxRssGrowthMb} MB 的上限，已放弃（文件过于复杂或是恶意构造的）`)));
  }, PDF_LIMITS.memoryWatchMs);
  w.on('message', onMessage);
  w.on('error', onError);
  w.on('exit', onExit);
  const request: SandboxRequest = { id, bytes: job.bytes, name: job.name, options: job.options, want: job.want };
  w.postMessage(request);
}

/**
 * Read a PDF in the worker thread within the time and memory bounds: its blocks (text layer
 * checked) or, for inspection, all its layers.
 */
export function readInSandbox(bytes: Uint8Array, name: string, options: ReadOptions, want: 'document'): Promise<PdfContent>;
export function readInSandbox(bytes: Uint8Array, name: string, options: ReadOptions, want: 'layers'): Promise<PdfInspection>;
export function readInSandbox(bytes: Uint8Array, name: string, options: ReadOptions, want: SandboxRequest['want']): Promise<PdfContent | PdfInspection> {
  return new Promise((resolve, reject) => {
    queue.push({ bytes, name, options, want, resolve, reject });
    runNext();
  });
}

/** Stop the worker thread (it is started again when needed). */
export function closePdfSandbox(): void {
  kill();
}
