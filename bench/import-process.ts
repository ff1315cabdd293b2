// One import timed in a process of its own (bench/store.ts runs one per backend): cold, as
// `gongkai import` runs, so that no import profits from code another one warmed up.
//
//   node --import tsx bench/import-process.ts (pglite DATA_DIR | postgres URL) FILES_DIR
//
// Prints one line of JSON: the files, the seconds the queue took to drain, and each chunk's
// milliseconds per report.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBatch, drainQueue, openStore } from './subject.ts';

const [backend, target, dir] = process.argv.slice(2);
if (!backend || !target || !dir || !['pglite', 'postgres'].includes(backend)) {
  console.error('用法：import-process.ts (pglite 数据目录 | postgres 连接地址) 文件目录');
  process.exit(2);
}
const store = await openStore(backend === 'pglite' ? { dataDir: target } : { url: target });
try {
  const items = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ name: e.name, path: join(e.parentPath, e.name) }));
  await createBatch(store.db, { source: 'cli' }, items);
  const chunkMs: number[] = [];
  let last = performance.now();
  const start = last;
  await drainQueue(store, {
    onChunk: (results) => {
      const now = performance.now();
      chunkMs.push((now - last) / results.length);
      last = now;
    },
  });
  console.log(JSON.stringify({ files: items.length, seconds: (performance.now() - start) / 1000, chunkMs }));
} finally {
  await store.close();
}
