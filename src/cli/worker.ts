// A worker thread of `gongkai parse` / `gongkai check` over many files (see src/cli/pool.ts): it
// reads, parses and checks one file at a time and sends back only what the main thread prints and
// counts (src/cli/batch.ts), as one string, never the whole report.

import { workerData } from 'node:worker_threads';
import { encodeResult, processFile, type BatchOptions } from './batch.ts';
import type { InputFile } from './files.ts';
import { setColor } from './format.ts';
import { servePool } from './pool.ts';

const { options, color } = (workerData as { data: { options: BatchOptions; color: boolean } }).data;
setColor(color);
servePool(async (file: InputFile) => encodeResult(await processFile(file, options)));
