// One import timed in a process of its own (bench/store.ts runs one per backend): cold, and
// plain JavaScript on the built package without tsx, as `gongkai import` runs — no import
// profits from code another one warmed up, none pays for a TypeScript loader.
//
//   node bench/import-process.mjs (pglite DATA_DIR | postgres URL) FILES_DIR
//
// Prints one line of JSON: the files, the seconds the queue took to drain, and each chunk's
// milliseconds per report.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('store/import.js', dist))) {
  console.error('没有找到编译后的 dist/：请先运行 npm run build（npm run bench 会自动编译）');
  process.exit(2);
}
const [backend, target, dir] = process.argv.slice(2);
if (!backend || !target || !dir || !['pglite', 'postgres'].includes(backend)) {
  console.error('用法：import-process.mjs (pglite 数据目录 | postgres 连接地址) 文件目录');
  process.exit(2);
}
// As `gongkai import DIR` does: the parsing gets ready (worker, word segmenters) while the store opens.
const { prepareParsing } = await import(new URL('store/parse-pool.js', dist).href);
prepareParsing();
const { openStore } = await import(new URL('store/open.js', dist).href);
const { createBatch } = await import(new URL('store/jobs.js', dist).href);
const { drainQueue } = await import(new URL('store/import.js', dist).href);

const store = await openStore(backend === 'pglite' ? { dataDir: target } : { url: target });
try {
  const items = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ name: e.name, path: join(e.parentPath, e.name) }));
  await createBatch(store.db, { source: 'cli' }, items);
  const chunkMs = [];
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
