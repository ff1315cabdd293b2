// A worker for test/cli-batch.test.ts's pool tests: answers each task `n` with `n * 10`, in turn,
// and dies on the tasks named 'exit' (the thread exits) and 'throw' (an uncaught exception).

import { parentPort } from 'node:worker_threads';

let turn: Promise<void> = Promise.resolve();
parentPort!.on('message', (m: { id: number; task: number | 'exit' | 'throw' }) => {
  turn = turn.then(async () => {
    await new Promise((r) => setTimeout(r, 1));
    if (m.task === 'exit') process.exit(3);
    if (m.task === 'throw') throw new Error('boom');
    parentPort!.postMessage({ id: m.id, result: m.task * 10 });
  });
});
