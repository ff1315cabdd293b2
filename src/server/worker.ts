// The server's import worker: drains the queue when poked (after an upload) and every few seconds
// (items left by a killed process, or queued by another one on the same server database).

import type { FastifyInstance } from 'fastify';
import { drainQueue } from '../store/import.ts';
import type { Store } from '../store/open.ts';

const POLL_MS = 5000;

export function startWorker(app: FastifyInstance, store: Store) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const controller = new AbortController();
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drainQueue(store, { signal: controller.signal });
        } catch (e) {
          if (!stopped) app.log.error(e, '导入任务出错');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, POLL_MS);
  timer.unref();
  setImmediate(run);
  return {
    poke: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      controller.abort();
      await running;
    },
  };
}
