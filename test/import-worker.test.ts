// The import parses big chunks in a worker thread (and small ones in the main thread): both give
// the same stored rows — words for search, findings across reports with their passages, MinHash
// bands, item states and messages for files that fail or hold no report.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { drainQueue } from '../src/store/import.ts';
import { createBatch } from '../src/store/jobs.ts';
import { openStore, type Store } from '../src/store/open.ts';
import { writeCorpusFiles } from './support/corpus-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-import-worker-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every row an import writes, with report ids replaced by their first document's hash. */
async function stored(store: Store): Promise<string[]> {
  const rows = async (q: ReturnType<typeof sql>) => (await q.execute(store.db)).rows as Record<string, unknown>[];
  const ids = new Map<string, string>();
  for (const r of await rows(sql`SELECT report_id, document_sha256 FROM report_versions WHERE version = 1`)) ids.set(r.report_id as string, r.document_sha256 as string);
  const lines: string[] = [];
  const add = (table: string, list: Record<string, unknown>[]) => {
    for (const r of list) lines.push(`${table} ${JSON.stringify(r).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (id) => ids.get(id) ?? 'agency')}`);
  };
  add('section', await rows(sql`SELECT report_id, version, position, title, body, words::text AS words FROM sections`));
  add('diagnostic', await rows(sql`SELECT report_id, version, position, rule, severity, origin, message, cells, related_report_id FROM diagnostics`));
  add('band', await rows(sql`SELECT report_id, version, band, bucket FROM narrative_bands`));
  add('report', await rows(sql`SELECT r.id, a.name, r.year, r.current_version, r.status, r.error_count, r.warning_count, r.rules FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id`));
  add('item', await rows(sql`SELECT position, state, sha256, report_id, version, message FROM import_items`));
  return lines.sort();
}

test('chunks parsed in the worker thread and in the main thread are stored alike', async () => {
  writeCorpusFiles(join(dir, 'files'), 60, 4_200_000);
  writeFileSync(join(dir, 'files', 'not-a-report.txt'), '这是一份会议通知，与政府信息公开年度报告无关。\n');
  const items = readdirSync(join(dir, 'files'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ name: e.name, path: join(e.parentPath, e.name) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  items.push({ name: 'gone.txt', path: join(dir, 'gone.txt') });
  const outcomes: string[][] = [];
  for (const parseWorker of [true, false]) {
    const store = await openStore({ dataDir: 'memory' });
    try {
      await createBatch(store.db, { source: 'cli' }, items);
      assert.equal(await drainQueue(store, { parseWorker }), items.length);
      outcomes.push(await stored(store));
    } finally {
      await store.close();
    }
  }
  const [inWorker, inMain] = outcomes;
  assert.ok(inWorker.some((l) => l.startsWith('item') && l.includes('"state":"skipped"')), 'the file without a report is skipped');
  assert.ok(inWorker.some((l) => l.startsWith('item') && l.includes('"state":"failed"')), 'the missing file fails');
  assert.ok(inWorker.some((l) => l.startsWith('section') && /"words":"'/.test(l)), 'sections have their words');
  assert.deepEqual(inWorker, inMain);
});
