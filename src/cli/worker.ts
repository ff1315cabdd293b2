// A worker thread of `gongkai parse` / `gongkai check` over many files (see src/cli/pool.ts): it
// reads, parses and checks one file at a time and sends back only what the main thread prints and
// counts (src/cli/batch.ts), never the whole report.

import { parentPort, workerData } from 'node:worker_threads';
import { processFile, type BatchOptions } from './batch.ts';
import type { InputFile } from './files.ts';
import { setColor } from './format.ts';

const { options, color } = (workerData as { data: { options: BatchOptions; color: boolean } }).data;
setColor(color);

// Messages are taken strictly in turn, so the oldest unanswered task is the one being worked on
// (the pool blames that one if this thread dies).
let turn: Promise<void> = Promise.resolve();
parentPort!.on('message', (m: { id: number; task: InputFile }) => {
  turn = turn.then(async () => {
    parentPort!.postMessage({ id: m.id, result: await processFile(m.task, options) });
  });
});
