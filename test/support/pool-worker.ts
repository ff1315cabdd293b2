// A worker for test/cli-batch.test.ts's pool tests (as a thread or as a process): answers each
// task `n` with `n * 10 + offset` (offset: the pool's workerData), in turn, and dies on the tasks
// named 'exit' (it exits) and 'throw' (an uncaught exception); a worker process dies on 'kill'
// (killed by SIGKILL, as the system kills a process short of memory).

import { poolData, servePool } from '../../src/cli/pool.ts';

const offset = poolData<number | null>() ?? 0;
servePool(async (task: number | 'exit' | 'throw' | 'kill') => {
  await new Promise((r) => setTimeout(r, 1));
  if (task === 'exit') process.exit(3);
  if (task === 'throw') throw new Error('boom');
  if (task === 'kill') process.kill(process.pid, 'SIGKILL');
  return (task as number) * 10 + offset;
}, 3);
