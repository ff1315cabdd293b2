// An import chunk is parsed by the worker thread and the main thread together: whoever parses a
// slice, the results are those of parsing every item in the main thread, in the items' order,
// failures included; when the worker dies mid-chunk, the main thread parses what it held.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseItems, parseWorkerReady, runningParseWorker, startChunkParse, type ParseItem, type ParseResult } from '../src/store/parse-pool.ts';
import { writeCorpusFiles } from './support/corpus-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-parse-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function items(count: number, seed: number): ParseItem[] {
  const paths = writeCorpusFiles(join(dir, String(seed)), count, seed);
  const list: ParseItem[] = paths.map((p) => ({ name: p.split('/').pop()!, path: p, upload: null }));
  writeFileSync(join(dir, `note-${seed}.txt`), '这是一份会议通知，与政府信息公开年度报告无关。\n');
  list.splice(5, 0, { name: 'note.txt', path: join(dir, `note-${seed}.txt`), upload: null });
  list.splice(11, 0, { name: 'gone.txt', path: join(dir, 'gone.txt'), upload: null });
  return list;
}

/** What a result stands for, whichever thread made it (typed arrays compared by content). */
function summary(r: ParseResult): unknown {
  if (!r.ok) return r.error;
  const { ahead } = r;
  return {
    sha256: r.sha256,
    report: r.report,
    words: ahead?.words,
    bands: ahead?.bands,
    figures: ahead?.figures,
    cells: typeof ahead?.cells === 'string' ? (JSON.parse(ahead.cells) as unknown) : ahead?.cells,
    offsets: ahead && [...ahead.prepared.offsets],
    hashes: ahead && [...ahead.prepared.shingles.hashes],
  };
}

test('the worker and the main thread share a chunk and give the main thread’s results, in order', async () => {
  const list = items(60, 5_100_000);
  const expected = (await parseItems(list)).map(summary);
  // Asked at once: the worker is still starting, so the main thread parses every slice.
  const first = startChunkParse(list, { worker: true });
  assert.deepEqual((await first.help()).map(summary), expected);
  assert.equal(await parseWorkerReady(), true);
  // The worker ready: it takes slices from the front, the main thread from the back.
  const parse = startChunkParse(list, { worker: true });
  const results = await parse.help();
  assert.equal(results.length, list.length);
  assert.ok(parse.bySlices.worker >= 1 && parse.bySlices.main >= 1, JSON.stringify(parse.bySlices));
  assert.deepEqual(results.map(summary), expected);
  assert.equal((results[5].ok ? null : results[5].error) !== null, true, 'the notice is a failed item in its place');
  assert.ok(runningParseWorker(), 'the worker was started');
  // A second chunk, the worker warm: the same again.
  const again = await startChunkParse(list, { worker: true }).help();
  assert.deepEqual(again.map(summary), expected);
});

test('a worker that dies mid-chunk leaves its slices to the main thread', { timeout: 60_000 }, async () => {
  const list = items(40, 5_200_000);
  const expected = (await parseItems(list)).map(summary);
  if (!runningParseWorker()) startChunkParse(list.slice(0, 1), { worker: true });
  assert.equal(await parseWorkerReady(), true);
  const w = runningParseWorker();
  assert.ok(w);
  // Stopping: the slices sent to it now are never parsed there.
  const stopped = w.terminate();
  const parse = startChunkParse(list, { worker: true });
  await stopped;
  const results = await parse.help();
  assert.deepEqual(results.map(summary), expected);
  assert.equal(parse.bySlices.worker, 0);
  assert.equal(runningParseWorker(), null);
  // From then on the process parses in the main thread.
  assert.deepEqual((await startChunkParse(list, { worker: true }).help()).map(summary), expected);
});
