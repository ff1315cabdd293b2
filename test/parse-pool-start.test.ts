// The parse worker started ahead of an import (`gongkai import` starts it before it opens the
// store): ready before the first chunk, used by it, started once, and its results the main
// thread's. A file of its own: the worker is one per process.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseItems, parseWorkerReady, runningParseWorker, startChunkParse, prepareParsing, type ParseItem, type ParseResult } from '../src/store/parse-pool.ts';
import { writeCorpusFiles } from './support/corpus-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-parse-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const summary = (r: ParseResult) => (r.ok ? { sha256: r.sha256, report: r.report, words: r.ahead.words, bands: r.ahead.bands, figures: r.ahead.figures } : r.error);

test('a worker started ahead is ready for the first chunk and shares it', async () => {
  assert.equal(runningParseWorker(), null, 'no worker before an import asks for one');
  prepareParsing();
  const worker = runningParseWorker();
  assert.ok(worker);
  assert.equal(await parseWorkerReady(), true);
  prepareParsing();
  assert.equal(runningParseWorker(), worker, 'started once');
  const list: ParseItem[] = writeCorpusFiles(dir, 40, 5_300_000).map((p) => ({ name: p.split('/').pop()!, path: p, upload: null }));
  const parse = startChunkParse(list, { worker: true });
  const results = await parse.help();
  assert.ok(parse.bySlices.worker >= 1, JSON.stringify(parse.bySlices));
  assert.deepEqual(results.map(summary), (await parseItems(list)).map(summary));
});
