// A worker (a child process) of `gongkai parse` / `gongkai check` over many files (see
// src/cli/pool.ts): it reads, parses and checks one file at a time and sends back only what the
// main process prints and counts (src/cli/batch.ts), as one string, never the whole report.

import { encodeResult, processFile, type BatchOptions } from './batch.ts';
import type { InputFile } from './files.ts';
import { setColor } from './format.ts';
import { poolData, servePool } from './pool.ts';

const { options, color } = poolData<{ options: BatchOptions; color: boolean }>();
setColor(color);
servePool(async (file: InputFile) => encodeResult(await processFile(file, options)));
