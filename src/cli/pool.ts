// A pool of worker threads that works through a list of tasks and gives the results back in the
// order of the list, whatever order the workers finish in. Each worker takes its tasks one at a
// time (see src/cli/worker.ts) with a few queued ahead, so a worker is never idle waiting for the
// main thread. A worker that dies (an uncaught failure, running out of memory, exiting) costs only
// the task it was working on: that task's result is made by `crashed`, the tasks queued behind it
// go back to the queue, and a new worker takes its place — the batch never hangs.
//
// Protocol: the pool posts `{ id, task }`; the worker answers `{ id, result }` for each, in order.
// The worker finds the pool's `workerData` option as `workerData.data`.

import { Worker } from 'node:worker_threads';

export interface PoolOptions<T, R> {
  /** The worker's module. */
  url: URL;
  /** Given to every worker as `workerData.data`. */
  workerData?: unknown;
  /** Number of workers (at most one per task). */
  size: number;
  /** Tasks posted to a worker ahead of the one it works on (default 2). */
  ahead?: number;
  /** The result of a task whose worker died while working on it. */
  crashed: (task: T, reason: unknown) => R;
}

/**
 * Loads the worker's module. When the sources run as TypeScript through tsx (tests,
 * `npm run gongkai`), the worker registers tsx itself first: loader hooks of the main thread do
 * not reach worker threads (as in src/ingest/pdf/sandbox.ts).
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => { throw e; });
`;

function startWorker(url: URL, data: unknown): Worker {
  const tsx = url.pathname.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null;
  return new Worker(BOOTSTRAP, { eval: true, workerData: { entry: url.href, tsx, data } });
}

interface Slot {
  worker: Worker;
  /** Ids of the tasks posted to this worker and not yet answered, oldest first. */
  pending: number[];
  /** The failure the worker reported before it exited, if any. */
  failure?: unknown;
  /** Stopped by the pool (not a crash). */
  retired?: boolean;
}

/** Run `tasks` on a pool of workers; yields every task's result in the order of `tasks`. */
export async function* runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): AsyncGenerator<R> {
  const ahead = 1 + Math.max(0, options.ahead ?? 2);
  const results = new Map<number, R>();
  const queue: number[] = [];
  for (let i = 0; i < tasks.length; i++) queue.push(i);
  // Tasks handed back by a dead worker, taken before the rest of the queue (lowest id first).
  const retry: number[] = [];
  const slots = new Set<Slot>();
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const nextTask = (): number | undefined => (retry.length ? retry.shift() : queue.shift());

  const feed = (slot: Slot) => {
    while (slot.pending.length < ahead) {
      const id = nextTask();
      if (id === undefined) return;
      slot.pending.push(id);
      slot.worker.postMessage({ id, task: tasks[id] });
    }
  };

  const spawn = () => {
    const worker = startWorker(options.url, options.workerData);
    const slot: Slot = { worker, pending: [] };
    slots.add(slot);
    worker.on('message', (m: { id: number; result: R }) => {
      const at = slot.pending.indexOf(m.id);
      if (at >= 0) slot.pending.splice(at, 1);
      results.set(m.id, m.result);
      feed(slot);
      notify();
    });
    worker.on('error', (e) => {
      slot.failure = e;
    });
    worker.on('exit', (code) => {
      slots.delete(slot);
      if (slot.retired) return;
      const [culprit, ...rest] = slot.pending;
      if (culprit !== undefined) {
        results.set(culprit, options.crashed(tasks[culprit], slot.failure ?? new Error(`worker exited with code ${code}`)));
        retry.push(...rest);
        retry.sort((a, b) => a - b);
      }
      if (retry.length || queue.length) feed(spawn());
      notify();
    });
    return slot;
  };

  try {
    const size = Math.max(1, Math.min(options.size, tasks.length));
    for (let i = 0; i < size && queue.length; i++) feed(spawn());
    for (let next = 0; next < tasks.length; next++) {
      while (!results.has(next)) await new Promise<void>((resolve) => (wake = resolve));
      const r = results.get(next)!;
      results.delete(next);
      yield r;
    }
  } finally {
    const stopping = [...slots].map((s) => {
      s.retired = true;
      return s.worker.terminate();
    });
    await Promise.all(stopping);
  }
}
