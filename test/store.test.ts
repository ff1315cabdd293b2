// The corpus store on both backends: the same schema from the same migrations, seeds imported
// and read back exactly, idempotent re-import, versions, the append-only audit log, the lock on
// an embedded data directory.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { parseReport } from '../src/pipeline.ts';
import { recordAudit } from '../src/store/audit.ts';
import { drainQueue } from '../src/store/import.ts';
import { createBatch, batchStatus } from '../src/store/jobs.ts';
import { openStore } from '../src/store/open.ts';
import { loadReport } from '../src/store/reports.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

const SEEDS = new URL('../../shared/seeds/', import.meta.url);
const seedFiles = readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();

async function schemaOf(store: TestStore) {
  const columns = await sql<{ t: string; c: string; type: string; nullable: string; def: string | null }>`
    SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable, column_default AS def
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`.execute(store.db);
  const indexes = await sql<{ name: string; def: string }>`
    SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`.execute(store.db);
  // PostgreSQL 18 and later list NOT NULL as constraints too; columns.nullable covers them.
  const constraints = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1`.execute(store.db);
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

test('migrations give the same schema on PGlite and on the PostgreSQL server', async () => {
  const a = await freshStore('pglite');
  const b = await freshStore('postgres');
  try {
    const [sa, sb] = [await schemaOf(a), await schemaOf(b)];
    assert.ok(sa.columns.length > 80, 'the schema has its tables');
    assert.deepEqual(sa.columns, sb.columns);
    assert.deepEqual(sa.indexes, sb.indexes);
    assert.deepEqual(sa.constraints, sb.constraints);
  } finally {
    await a.close();
    await b.close();
  }
});

for (const backend of BACKENDS) {
  describe(`store on ${backend}`, () => {
    let store: TestStore;
    before(async () => {
      store = await freshStore(backend);
    });
    after(async () => {
      await store.close();
    });

    test('the seeds are imported, each a report whose cells read back exactly', async () => {
      const batch = await createBatch(store.db, { source: 'cli' }, seedFiles.map((f) => ({ name: f, path: new URL(f, SEEDS).pathname })));
      await drainQueue(store, { batchId: batch });
      const status = await batchStatus(store.db, batch);
      assert.deepEqual(status?.counts, { queued: 0, running: 0, imported: 5, duplicate: 0, skipped: 0, failed: 0 });
      const items = await store.db.selectFrom('import_items').selectAll().where('batch_id', '=', batch).orderBy('position').execute();
      for (const [i, item] of items.entries()) {
        const direct = await parseReport(readFileSync(new URL(seedFiles[i], SEEDS)), { name: seedFiles[i] });
        const stored = await loadReport(store.db, item.report_id!);
        assert.ok(stored, seedFiles[i]);
        assert.deepEqual(stored.report.tables, direct.tables, `${seedFiles[i]}: tables`);
        assert.deepEqual(stored.report.cells, direct.cells, `${seedFiles[i]}: provenance`);
        assert.deepEqual(stored.report.sections, direct.sections, `${seedFiles[i]}: sections`);
        assert.equal(stored.report.agency, direct.agency);
        assert.equal(stored.report.year, direct.year);
        assert.deepEqual(
          stored.report.diagnostics.map((d) => d.rule).sort(),
          direct.diagnostics.map((d) => d.rule).sort(),
          `${seedFiles[i]}: findings`,
        );
        const doc = await store.db.selectFrom('documents').selectAll().where('sha256', '=', item.sha256!).executeTakeFirstOrThrow();
        assert.deepEqual(Buffer.from(doc.bytes), readFileSync(new URL(seedFiles[i], SEEDS)), 'the document is kept byte for byte');
      }
    });

    test('importing the same files again stores nothing twice', async () => {
      const count = async () => ({
        reports: Number((await store.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        versions: Number((await store.db.selectFrom('report_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        cells: Number((await store.db.selectFrom('cells').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      });
      const before = await count();
      // Same bytes under other names: still duplicates.
      const batch = await createBatch(store.db, { source: 'cli' }, seedFiles.map((f) => ({ name: `副本-${f}`, path: new URL(f, SEEDS).pathname })));
      await drainQueue(store, { batchId: batch });
      assert.equal((await batchStatus(store.db, batch))?.counts.duplicate, 5);
      assert.deepEqual(await count(), before);
    });

    test('a changed document of the same agency and year becomes a new version; the old one stays', async () => {
      const text = readFileSync(new URL(seedFiles[0], SEEDS), 'utf8');
      const changed = text.replace('本年度无收取信息处理费情况', '本年度未收取信息处理费');
      assert.notEqual(changed, text);
      const batch = await createBatch(store.db, { source: 'api' }, [{ name: '更正稿.txt', upload: new TextEncoder().encode(changed) }]);
      await drainQueue(store, { batchId: batch });
      const item = await store.db.selectFrom('import_items').selectAll().where('batch_id', '=', batch).executeTakeFirstOrThrow();
      assert.equal(item.state, 'imported');
      assert.equal(item.version, 2);
      const versions = await store.db.selectFrom('report_versions').select(['version', 'document_sha256']).where('report_id', '=', item.report_id!).orderBy('version').execute();
      assert.equal(versions.length, 2);
      assert.notEqual(versions[0].document_sha256, versions[1].document_sha256);
      const v1 = await loadReport(store.db, item.report_id!, 1);
      const v2 = await loadReport(store.db, item.report_id!);
      assert.equal(v2?.version, 2);
      assert.match(v1!.report.sections.at(-1)!.text, /无收取/);
      assert.match(v2.report.sections.at(-1)!.text, /未收取/);
    });

    test('a next year’s report copied from this year’s is found on import (内容雷同, across years)', async () => {
      const text = readFileSync(new URL(seedFiles[1], SEEDS), 'utf8'); // 阿合奇县人民政府, 2021
      const copy = text.replaceAll('2022', '2023').replaceAll('2021', '2022');
      const batch = await createBatch(store.db, { source: 'api' }, [{ name: '阿合奇县2022.txt', upload: new TextEncoder().encode(copy) }]);
      await drainQueue(store, { batchId: batch });
      const item = await store.db.selectFrom('import_items').selectAll().where('batch_id', '=', batch).executeTakeFirstOrThrow();
      assert.equal(item.state, 'imported');
      const head = await store.db.selectFrom('reports').selectAll().where('id', '=', item.report_id!).executeTakeFirstOrThrow();
      assert.equal(head.year, 2022);
      const last = await store.db.selectFrom('reports').select('id').where('agency_id', '=', head.agency_id).where('year', '=', 2021).executeTakeFirstOrThrow();
      const cross = await store.db.selectFrom('diagnostics').selectAll().where('report_id', '=', head.id).where('origin', '=', 'cross').execute();
      const copied = cross.find((d) => d.rule === 'similarity.previous_year');
      assert.ok(copied, JSON.stringify(cross.map((d) => d.rule)));
      assert.equal(copied.related_report_id, last.id);
      assert.match(copied.message, /100%与2021年度报告相同/);
      // The 2021 report's 结转下年度 is this copy's 上年结转 only if they happen to be equal.
      const t = (await loadReport(store.db, last.id))!.report.tables.applications;
      const differs = Object.keys(t.carried_forward).filter((c) => (t.carried_forward[c] ?? 0) !== (t.carried_over[c] ?? 0));
      assert.equal(cross.filter((d) => d.rule === 'history.carry_over').length, differs.length);
    });

    test('the audit log only grows', async () => {
      await recordAudit(store.db, { user: null, action: 'test', entity: 'report', entityId: 'x', oldValue: { a: 1 }, newValue: { a: 2 } });
      await assert.rejects(sql`UPDATE audit_log SET action = 'changed'`.execute(store.db), /只能追加/);
      await assert.rejects(sql`DELETE FROM audit_log`.execute(store.db), /只能追加/);
      const rows = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'test').execute();
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0].old_value, { a: 1 });
    });
  });
}

test('an embedded data directory is opened by one process at a time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-lock-'));
  try {
    const first = await openStore({ dataDir: dir });
    await assert.rejects(openStore({ dataDir: dir }), /已被本进程打开|正被另一个/);
    await first.close();
    const again = await openStore({ dataDir: dir });
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
