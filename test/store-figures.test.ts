// Dashboard figures on both backends: the measures summed per group come from the figures kept
// on each report (an array in the measures' order), which follow a correction and are rebuilt
// from the cells when they are stale. Expected values read from seed 002 (阜新市生态环境局 2022):
// 本年新收政府信息公开申请数量, 总计 6.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { measureFigures, ruleShares } from '../src/store/aggregates.ts';
import { reviewDiagnostic } from '../src/store/diagnostics.ts';
import { refreshFigures } from '../src/store/refresh-figures.ts';
import { drainQueue } from '../src/store/import.ts';
import { createBatch } from '../src/store/jobs.ts';
import { correctReport } from '../src/store/reports.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

const SEEDS = new URL('../../shared/seeds/', import.meta.url);
const seedFiles = readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const admin = { role: 'admin' as const, userId: '00000000-0000-0000-0000-000000000000', login: 't', regionPrefix: null, agencyId: null };

for (const backend of BACKENDS) {
  describe(`dashboard figures on ${backend}`, () => {
    let store: TestStore;
    let fuxin: string;
    before(async () => {
      store = await freshStore(backend);
      await createBatch(store.db, { source: 'cli' }, seedFiles.map((f) => ({ name: f, path: fileURLToPath(new URL(f, SEEDS)) })));
      await drainQueue(store);
      fuxin = (await store.db.selectFrom('reports').select('id').where('year', '=', 2022).executeTakeFirstOrThrow()).id;
    });
    after(() => store.close());

    const received2022 = async () => {
      const groups = await measureFigures(store.db, admin, {}, 'year');
      const g = groups.find((x) => x.key === 2022)!;
      return { reports: g.reports, sum: g.measures.received.sum, counted: g.measures.received.reports };
    };

    test('applications received in 2022 as the report prints them', async () => {
      assert.deepEqual(await received2022(), { reports: 1, sum: 6, counted: 1 });
    });

    test('rule shares count each report once per rule it fails; a dismissed finding no longer counts', async () => {
      // Counted straight from the findings, the way the shares are defined.
      const direct = async () => {
        const rows = await sql<{ rule: string; n: number }>`
          SELECT d.rule, count(DISTINCT d.report_id) AS n FROM diagnostics d JOIN reports r ON r.id = d.report_id AND r.current_version = d.version
          WHERE d.state IN ('open', 'confirmed') GROUP BY d.rule`.execute(store.db);
        return new Map(rows.rows.map((r) => [r.rule, Number(r.n)]));
      };
      const shares = await ruleShares(store.db, admin, {});
      assert.equal(shares.reports, seedFiles.length);
      assert.ok(shares.rules.length > 0, 'the seeds have findings');
      assert.deepEqual(new Map(shares.rules.map((r) => [r.rule, r.reports])), await direct());
      // Dismiss every finding of one rule in one report: that report stops counting for the rule.
      const one = shares.rules[0];
      const target = await sql<{ report_id: string; version: number; position: number }>`
        SELECT d.report_id, d.version, d.position FROM diagnostics d JOIN reports r ON r.id = d.report_id AND r.current_version = d.version
        WHERE d.rule = ${one.rule} AND d.state = 'open' ORDER BY d.report_id LIMIT 1`.execute(store.db);
      const t = target.rows[0];
      const all = await store.db.selectFrom('diagnostics').select('position').where('report_id', '=', t.report_id).where('version', '=', t.version).where('rule', '=', one.rule).execute();
      for (const d of all) await reviewDiagnostic(store.db, t.report_id, t.version, d.position, { decision: 'dismissed', reason: '测试', userId: null as unknown as string });
      const after = await ruleShares(store.db, admin, {});
      assert.equal(after.rules.find((r) => r.rule === one.rule)?.reports ?? 0, one.reports - 1);
      assert.deepEqual(new Map(after.rules.map((r) => [r.rule, r.reports])), await direct());
    });

    test('a correction changes the dashboard figure; stale figures are rebuilt from the cells', async () => {
      await correctReport(store.db, fuxin, [{ address: 'applications.new_received.total', value: 8 }], {
        userId: null as unknown as string,
        note: '更正',
        recheck: (r) => r,
        cross: () => Promise.resolve(),
      });
      assert.deepEqual(await received2022(), { reports: 1, sum: 8, counted: 1 });
      await sql`UPDATE reports SET figure_values = NULL, figures_key = NULL`.execute(store.db);
      assert.equal((await received2022()).sum, 0);
      assert.equal(await refreshFigures(store.db), seedFiles.length);
      assert.deepEqual(await received2022(), { reports: 1, sum: 8, counted: 1 });
    });
  });
}
