// A pool of worker threads that works through a list of tasks and gives the results back in the
// order of the list, whatever order the workers finish in. Each worker takes its tasks one at a
// time, in the order it was given them, with more queued ahead so it is never idle waiting for the
// main thread; it sends its results back several at a time (servePool), since every message wakes
// the main thread, which then takes a core from a worker.
//
// A worker that dies (an uncaught failure, running out of memory, exiting) never hangs the batch
// and costs only the task it was working on. Its unanswered tasks go back to the queue marked
// `careful`: a worker answers a careful task as soon as it is done, so when a worker dies with a
// careful task as its oldest unanswered one, that task is the one it died on, and its result is
// made by `crashed`. (With results held back, the oldest unanswered task of a worker that died may
// have finished; its tasks are then simply tried again, carefully.) A new worker takes the dead
// one's place.
//
// Protocol: the pool posts `{ id, task, careful }`; the worker answers `[[id, result], …]`. The
// worker finds the pool's `workerData` option with `poolData()`.
//
// The workers are threads, or child processes (`processes`): a process has its own JIT compiler
// and garbage collector threads, which its Node/V8 options can fit to its share of the cores
// (threads share the process's, and with a worker on every core those threads only contend).

import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { PROCESS_DATA_ENV, startModuleProcess, startModuleWorker } from '../worker-threads.ts';

export interface PoolOptions<T, R> {
  /** The worker's module; it calls servePool. */
  url: URL;
  /** Given to every worker as `workerData.data`. */
  workerData?: unknown;
  /** Number of workers (at most one per task). */
  size: number;
  /** Results a worker holds before it sends them (default 16); it also sends when it has no more tasks. */
  batch?: number;
  /** The result of a task whose worker died while working on it. */
  crashed: (task: T, reason: unknown) => R;
  /** Workers as child processes started with these Node/V8 options (default: threads). */
  processes?: { execArgv: string[] } | undefined;
}

/** What the pool uses of a worker, thread or process. */
interface PoolWorker {
  postMessage(message: unknown): void;
  on(event: 'message' | 'error' | 'exit', listener: (value: unknown) => void): unknown;
  terminate(): Promise<unknown>;
}

/** A failure a worker process reports before it exits (a thread's arrives as its 'error' event). */
interface Failure {
  failure: string;
}
const isFailure = (m: unknown): m is Failure => typeof m === 'object' && m !== null && 'failure' in m;

/** A child process seen as a worker thread: messages, its reported failure as 'error', 'exit' with its code. */
function processWorker(child: ChildProcess): PoolWorker {
  const events = new EventEmitter();
  child.on('message', (m: unknown) => (isFailure(m) ? events.emit('error', new Error(m.failure)) : events.emit('message', m)));
  child.on('error', (e) => events.emit('error', e));
  // 'close', not 'exit': every message the process sent has arrived by then.
  child.on('close', (code, signal) => events.emit('exit', code ?? `signal ${signal ?? 'unknown'}`));
  return {
    postMessage: (m) => {
      // A process that died is replaced on its 'close'; what was sent to it is retried then.
      if (child.connected) child.send(m as object, () => {});
    },
    on: (event, listener) => events.on(event, listener),
    terminate: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('close', () => resolve());
        child.kill();
      }),
  };
}

function startWorker(url: URL, data: unknown, processes: PoolOptions<unknown, unknown>['processes']): PoolWorker {
  if (processes) return processWorker(startModuleProcess(url, { execArgv: processes.execArgv, data }));
  const worker = startModuleWorker(url, { data });
  return { postMessage: (m) => worker.postMessage(m), on: (event, listener) => worker.on(event, listener), terminate: () => worker.terminate() };
}

/** The pool's `workerData` option, in a worker thread or a worker process. */
export function poolData<D>(): D {
  return (parentPort ? (workerData as { data: D }).data : JSON.parse(process.env[PROCESS_DATA_ENV] ?? 'null')) as D;
}

interface Slot {
  worker: PoolWorker;
  /** Ids of the tasks posted to this worker and not yet answered, oldest first. */
  pending: number[];
  /** The failure the worker reported before it exited, if any. */
  failure?: unknown;
  /** Stopped by the pool (not a crash). */
  retired?: boolean;
}

/** Run `tasks` on a pool of workers; yields every task's result in the order of `tasks`. */
export async function* runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): AsyncGenerator<R> {
  const batch = Math.max(1, options.batch ?? 16);
  const size = Math.max(1, Math.min(options.size, tasks.length));
  const results = new Map<number, R>();
  const careful = new Set<number>();
  let next = 0;
  // Tasks handed back by a dead worker, taken before the rest (lowest id first).
  const retry: number[] = [];
  const slots = new Set<Slot>();
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const feed = (slot: Slot) => {
    // Twice a batch in flight keeps a worker busy; near the end, fewer, so that no worker is left
    // with a long queue while the others have finished.
    const left = retry.length + tasks.length - next;
    const inFlight = Math.max(1, Math.min(2 * batch, Math.ceil(left / size)));
    while (slot.pending.length < inFlight) {
      const id = retry.length ? retry.shift() : next < tasks.length ? next++ : undefined;
      if (id === undefined) return;
      slot.pending.push(id);
      slot.worker.postMessage({ id, task: tasks[id], careful: careful.has(id) });
    }
  };

  const spawn = () => {
    const worker = startWorker(options.url, options.workerData, options.processes);
    const slot: Slot = { worker, pending: [] };
    slots.add(slot);
    worker.on('message', (answers) => {
      for (const [id, result] of answers as [number, R][]) {
        const at = slot.pending.indexOf(id);
        if (at >= 0) slot.pending.splice(at, 1);
        results.set(id, result);
      }
      feed(slot);
      notify();
    });
    worker.on('error', (e: unknown) => {
      slot.failure = e;
    });
    worker.on('exit', (code) => {
      slots.delete(slot);
      if (slot.retired) return;
      const [oldest, ...rest] = slot.pending;
      if (oldest !== undefined && careful.has(oldest)) {
        results.set(oldest, options.crashed(tasks[oldest], slot.failure ?? new Error(`worker exited with code ${String(code)}`)));
        retry.push(...rest);
      } else retry.push(...slot.pending);
      for (const id of slot.pending) careful.add(id);
      retry.sort((a, b) => a - b);
      if (retry.length || next < tasks.length) feed(spawn());
      notify();
    });
    return slot;
  };

  try {
    for (let i = 0; i < size; i++) feed(spawn());
    for (let i = 0; i < tasks.length; i++) {
      while (!results.has(i)) await new Promise<void>((resolve) => (wake = resolve));
      const r = results.get(i)!;
      results.delete(i);
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

/**
 * The worker's side: `handle` each task in turn, in the order posted, and send the results back
 * `batch` at a time, or as soon as there is no task left to start, or right after a careful task.
 */
export function servePool<T, R>(handle: (task: T) => Promise<R> | R, batch = 16): void {
  const port = parentPort ?? processPort();
  let waiting = 0;
  let held: [number, R][] = [];
  let turn: Promise<void> = Promise.resolve();
  port.on('message', (message: unknown) => {
    const m = message as { id: number; task: T; careful: boolean };
    waiting++;
    turn = turn.then(async () => {
      const result = await handle(m.task);
      waiting--;
      held.push([m.id, result]);
      if (m.careful || waiting === 0 || held.length >= batch) {
        port.postMessage(held);
        held = [];
      }
    });
  });
}

/** A worker process's side of the pool: messages over IPC; a failure reported, then the exit. */
function processPort(): { on(event: 'message', listener: (m: unknown) => void): unknown; postMessage(m: unknown): void } {
  process.on('uncaughtException', (e) => {
    process.send!({ failure: e instanceof Error ? e.message : String(e) } satisfies Failure, () => process.exit(1));
  });
  // The pool is gone (its process ended): nothing is left to do.
  process.on('disconnect', () => process.exit(0));
  return {
    on: (_event, listener) => process.on('message', listener),
    postMessage: (m) => process.send!(m),
  };
}
