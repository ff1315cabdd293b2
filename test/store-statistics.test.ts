// The planner's statistics during an import (src/store/statistics.ts): the lookup tables are
// analyzed once the reports have doubled, on both backends.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { drainQueue } from '../src/store/import.ts';
import { createBatch } from '../src/store/jobs.ts';
import { IMPORT_LOOKUP_TABLES, ImportStatistics } from '../src/store/statistics.ts';
import { SEEDS_DIR, seedFiles } from './support/seeds.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

for (const backend of BACKENDS) {
  describe(`planner statistics during an import (${backend})`, () => {
    let store: TestStore;
    before(async () => {
      store = await freshStore(backend);
    });
    after(async () => {
      await store.close();
    });

    /** The rows ANALYZE last counted in each lookup table (-1: never analyzed). */
    const counted = async () => {
      const rows = await sql<{ relname: string; reltuples: number }>`
        SELECT relname, reltuples FROM pg_class WHERE relname = ANY(${[...IMPORT_LOOKUP_TABLES]}::text[]) AND relkind = 'r'`.execute(store.db);
      return Object.fromEntries(rows.rows.map((r) => [r.relname, Number(r.reltuples)]));
    };

    test('the lookup tables are analyzed when the reports have doubled, not before', async () => {
      const files = seedFiles().slice(0, 3);
      const batch = await createBatch(store.db, { source: 'cli' }, files.map((name) => ({ name, path: join(SEEDS_DIR, name) })));
      // Three reports: far below the import's threshold, nothing analyzed.
      await drainQueue(store, { batchId: batch });
      assert.equal((await counted()).reports, -1);
      const stats = new ImportStatistics(2);
      // Counted at the first call: 3 reports, none of them new.
      assert.equal(await stats.stored(store.db, 0), false);
      // 3 + 2 = 5 < 2 × 3.
      assert.equal(await stats.stored(store.db, 2), false);
      assert.equal((await counted()).reports, -1);
      // 3 + 2 + 1 = 6: doubled.
      assert.equal(await stats.stored(store.db, 1), true);
      const after = await counted();
      assert.equal(after.reports, 3, 'ANALYZE counted the three stored reports');
      assert.equal(after.report_versions, 3);
      assert.deepEqual(Object.keys(after).sort(), [...IMPORT_LOOKUP_TABLES].sort());
      // Not again until they double once more.
      assert.equal(await stats.stored(store.db, 5), false);
    });
  });
}
