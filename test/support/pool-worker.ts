// A worker for test/cli-batch.test.ts's pool tests: answers each task `n` with `n * 10`, in turn,
// and dies on the tasks named 'exit' (the thread exits) and 'throw' (an uncaught exception).

import { servePool } from '../../src/cli/pool.ts';

servePool(async (task: number | 'exit' | 'throw') => {
  await new Promise((r) => setTimeout(r, 1));
  if (task === 'exit') process.exit(3);
  if (task === 'throw') throw new Error('boom');
  return task * 10;
}, 3);
