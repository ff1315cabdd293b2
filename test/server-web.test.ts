// The API routes the web app adds, on both backends: a report's source structure (to mark
// where a value came from), 内容雷同 of two reports, and merging duplicate agencies — with
// the permission denials.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import { buildApp } from '../src/server/app.ts';
import { createAgency } from '../src/store/agencies.ts';
import { createUser } from '../src/store/users.ts';
import { call, signIn, upload, waitForBatch, type Client } from './support/api.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

const SEEDS = new URL('../../shared/seeds/', import.meta.url);
const seed = (name: string) => readFileSync(new URL(name, SEEDS));
const PASSWORD = 'correct-horse-battery';
const SEED_001 = '001_9e8813df798a8c6d.txt';
const SEED_004 = '004_de121b5ad62b0e2d.txt';

interface Block {
  type: string;
  text?: string;
  line?: number;
}

for (const backend of BACKENDS) {
  describe(`web routes on ${backend}`, () => {
    let store: TestStore;
    let app: FastifyInstance;
    let admin: Client;
    let staff: Client;
    const report: Record<string, string> = {};
    const agency: Record<string, string> = {};

    before(async () => {
      store = await freshStore(backend);
      const gov = await createAgency(store.db, { name: '阿合奇县人民政府', region_code: '653023', level: 'county', kind: 'government' });
      const other = await createAgency(store.db, { name: '乌恰县人民政府', region_code: '653024', level: 'county', kind: 'government' });
      Object.assign(agency, { gov: gov.id, other: other.id });
      await createUser(store.db, { login: 'admin', displayName: '管理员', password: PASSWORD, role: 'admin' });
      await createUser(store.db, { login: 'wq', displayName: '乌恰县政府办', password: PASSWORD, role: 'agency', agencyId: other.id });
      app = await buildApp({ store, loginRateLimit: 1000, uploadRateLimit: 1000 });
      [admin, staff] = await Promise.all([signIn(app, 'admin', PASSWORD), signIn(app, 'wq', PASSWORD)]);
      // Seed 001, and the same report as another county would copy it (only the name changed).
      const copied = new TextEncoder().encode(seed(SEED_001).toString('utf8').replaceAll('阿合奇县', '乌恰县'));
      const res = await upload(app, admin, [
        { name: SEED_001, bytes: seed(SEED_001) },
        { name: 'wuqia-2021.txt', bytes: copied },
        { name: SEED_004, bytes: seed(SEED_004) },
      ]);
      const done = await waitForBatch(app, admin, res.json<{ batch: string }>().batch);
      for (const it of done.items) report[it.name] = it.report_id!;
      assert.deepEqual(done.counts.imported, 3);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test("source: seed 004's lines as read, with their numbers (复议 结果维持 1 on line 380, 总计 0 on line 384)", async () => {
      const res = await call(app, admin, 'GET', `/api/reports/${report[SEED_004]}/source`);
      assert.equal(res.statusCode, 200);
      const body = res.json<{ kind: string; name: string; blocks: Block[] }>();
      assert.equal(body.kind, 'text');
      assert.equal(body.name, SEED_004);
      const line = (n: number) => body.blocks.find((b) => b.line === n)?.text;
      assert.equal(line(341), '四、政府信息公开行政复议、行政诉讼情况');
      assert.equal(line(380), '\t1');
      assert.equal(line(384), '\t0');
      // The report's cells point at these lines.
      const r = (await call(app, admin, 'GET', `/api/reports/${report[SEED_004]}`)).json<{ content: { cells: Record<string, { line: number }> } }>();
      assert.equal(r.content.cells['review_litigation.review.upheld'].line, 380);
      assert.equal(r.content.cells['review_litigation.review.total'].line, 384);
    });

    test('source: hidden from the public and from another agency (404), and for an unknown version', async () => {
      assert.equal((await call(app, null, 'GET', `/api/reports/${report[SEED_001]}/source`)).statusCode, 404);
      assert.equal((await call(app, staff, 'GET', `/api/reports/${report[SEED_001]}/source`)).statusCode, 404);
      assert.equal((await call(app, admin, 'GET', `/api/reports/${report[SEED_001]}/source?version=9`)).statusCode, 404);
    });

    test('similarity: the copied report repeats nearly all of the original, passages located in both texts', async () => {
      const res = await call(app, admin, 'GET', `/api/reports/${report[SEED_001]}/similarity?with=${report['wuqia-2021.txt']}`);
      assert.equal(res.statusCode, 200);
      const d = res.json<{ a: { text: string; chars: number; baseline: number; agency: string }; b: { text: string; agency: string }; share: number; reverse_share: number; chars: number; passages: { start: number; end: number; other_start: number; other_end: number; text: string }[] }>();
      assert.equal(d.a.agency, '阿合奇县人民政府');
      assert.equal(d.b.agency, '乌恰县人民政府');
      assert.ok(d.share > 0.9, `share ${d.share}`);
      assert.ok(d.reverse_share > 0.9);
      assert.equal(d.chars, d.a.chars);
      assert.ok(d.a.baseline > 0 && d.a.baseline < 1, 'the template wording is part of the narrative but not all of it');
      assert.ok(d.passages.length > 0);
      for (const p of d.passages) {
        assert.equal(d.a.text.slice(p.start, p.end), p.text);
        assert.ok(p.other_start >= 0 && p.other_end > p.other_start);
        assert.ok(d.b.text.slice(p.other_start, p.other_end).length > 0);
      }
      // Two different agencies' own reports share far less.
      const apart = (await call(app, admin, 'GET', `/api/reports/${report[SEED_001]}/similarity?with=${report[SEED_004]}`)).json<{ share: number }>();
      assert.ok(apart.share < 0.5, `share ${apart.share}`);
    });

    test('similarity: both reports must be readable by the viewer', async () => {
      assert.equal((await call(app, staff, 'GET', `/api/reports/${report['wuqia-2021.txt']}/similarity?with=${report[SEED_001]}`)).statusCode, 404);
      assert.equal((await call(app, admin, 'GET', `/api/reports/${report[SEED_001]}/similarity`)).statusCode, 400);
    });

    test('merge: a duplicate agency merged into the real one hands over its reports, users and name (as an alias)', async () => {
      const dup = await createAgency(store.db, { name: '阿合奇县政府', region_code: '653023', level: 'county', kind: 'government' });
      const dept = await createAgency(store.db, { name: '阿合奇县教育局', region_code: '653023', level: 'county', kind: 'department', parent_id: dup.id });
      await call(app, admin, 'POST', `/api/agencies/${dup.id}/aliases`, { alias: '阿合奇县人民政府办公室' });
      // Seed 004 filed under the duplicate.
      await store.db.updateTable('reports').set({ agency_id: dup.id }).where('id', '=', report[SEED_004]).execute();
      await createUser(store.db, { login: 'dup', displayName: '重复机关账户', password: PASSWORD, role: 'agency', agencyId: dup.id });

      assert.equal((await call(app, staff, 'POST', `/api/agencies/${dup.id}/merge`, { into: agency.gov })).statusCode, 403);
      assert.equal((await call(app, admin, 'POST', `/api/agencies/${dup.id}/merge`, { into: dup.id })).statusCode, 400);
      assert.equal((await call(app, admin, 'POST', `/api/agencies/${dup.id}/merge`, { into: '00000000-0000-7000-8000-000000000000' })).statusCode, 404);

      const res = await call(app, admin, 'POST', `/api/agencies/${dup.id}/merge`, { into: agency.gov });
      assert.equal(res.statusCode, 200);
      const body = res.json<{ aliases: string[]; reports_moved: number }>();
      assert.equal(body.reports_moved, 1);
      assert.deepEqual(body.aliases, ['阿合奇县人民政府办公室', '阿合奇县政府']);
      const r = await store.db.selectFrom('reports').select('agency_id').where('id', '=', report[SEED_004]).executeTakeFirstOrThrow();
      assert.equal(r.agency_id, agency.gov);
      assert.equal((await store.db.selectFrom('agencies').select('parent_id').where('id', '=', dept.id).executeTakeFirstOrThrow()).parent_id, agency.gov);
      assert.equal((await store.db.selectFrom('users').select('agency_id').where('login', '=', 'dup').executeTakeFirstOrThrow()).agency_id, agency.gov);
      assert.equal((await call(app, admin, 'GET', `/api/agencies/${dup.id}`)).statusCode, 404);
      const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'merge').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0].entity_id, agency.gov);
    });

    test('merge: refused (409) when both agencies have a report for the same year', async () => {
      const dup = await createAgency(store.db, { name: '乌恰县政府', region_code: '653024', level: 'county', kind: 'government' });
      // Both 2021: seed 001 (阿合奇) moved under the duplicate would clash with the copy under 乌恰.
      await store.db.updateTable('reports').set({ agency_id: dup.id }).where('id', '=', report[SEED_001]).execute();
      const res = await call(app, admin, 'POST', `/api/agencies/${dup.id}/merge`, { into: agency.other });
      assert.equal(res.statusCode, 409);
      assert.match(res.json<{ error: { message: string } }>().error.message, /都有2021年度的报告/);
    });

    test('import: a zip archive is expanded into its files (names keep the archive and folder, hidden files are left out)', async () => {
      const zip = zipSync({ '年报/': {}, '年报/000.txt': new Uint8Array(seed('000_8a5580ca8d093c47.txt')), '__MACOSX/._000.txt': new Uint8Array([0, 1]) });
      const res = await upload(app, admin, [{ name: 'reports.zip', bytes: zip }]);
      assert.equal(res.statusCode, 202);
      assert.equal(res.json<{ files: number }>().files, 1);
      const done = await waitForBatch(app, admin, res.json<{ batch: string }>().batch);
      assert.deepEqual(done.items.map((i) => [i.name, i.state]), [['reports.zip/年报/000.txt', 'imported']]);
      const bad = await upload(app, admin, [{ name: 'broken.zip', bytes: zip.slice(0, zip.length - 30) }]);
      assert.equal(bad.statusCode, 400);
    });

    test('the OpenAPI description lists the new routes', async () => {
      const doc = (await call(app, null, 'GET', '/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
      for (const p of ['/api/reports/{id}/source', '/api/reports/{id}/similarity', '/api/agencies/{id}/merge']) assert.ok(doc.paths[p], p);
    });
  });
}
