// The import's parse worker (a worker thread): reads, parses and checks the files of a chunk, and
// prepares what storing them needs most CPU for (the words of each section for full-text search,
// the narrative prepared for the similarity checks), while the main thread writes the previous
// chunk. Started by parse-pool.ts; the same functions run in the main thread for small imports.

import { parentPort } from 'node:worker_threads';
import { parseItems, type ParseReply, type ParseRequest } from './parse-pool.ts';
import { loadSegmenter } from './words.ts';

const port = parentPort;
if (port) {
  port.on('message', (m: ParseRequest) => {
    void parseItems(m.items, { pack: true }).then((results) => {
      const reply: ParseReply = { id: m.id, results };
      // The bytes and the prepared narrative's typed arrays are moved, not copied.
      const transfer = results.flatMap((r) => {
        if (!r.ok) return [];
        const p = r.ahead?.prepared;
        const s = p?.shingles;
        const arrays = p && s ? [p.offsets, s.hashes, s.next, s.unique, s.uniqueOf, s.sorted, s.sortedUnique] : [];
        return [r.bytes, ...arrays].map((a) => a.buffer as ArrayBuffer);
      });
      port.postMessage(reply, transfer);
    });
  });
  port.postMessage({ id: 0, results: [] } satisfies ParseReply);
  // The word segmenter's dictionary (~150 ms to load) before the first slice arrives, not in it.
  loadSegmenter();
}
