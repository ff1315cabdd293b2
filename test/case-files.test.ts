// Scans and documents kept with a case, on both backends: staff acting in the case upload the
// envelope and the signed delivery receipt; an action names them as its documents (and cannot
// name a file of another case); only staff handling the case download them, every download in
// the audit log; web pages, archives and empty files are refused with the file named; another
// agency sees nothing; the kept bytes cannot be changed or deleted, even in SQL.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { createAgency } from '../src/store/agencies.ts';
import { createUser } from '../src/store/users.ts';
import { call, signIn, uploadTo, type Client } from './support/api.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

const PASSWORD = 'correct-horse-battery';
const COMPANY = { type: 'commercial', name: '某某建材有限公司', idKind: 'credit_code', idNumber: '91350100M000100Y43', contactPerson: '李四', phone: '0591-12345678' };

// Smallest files of each kind that matter: a JPEG's and a PDF's first bytes are what is sniffed.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF envelope scan')]);
const PDF = Buffer.from('%PDF-1.4\n% signed delivery receipt\n%%EOF\n');
const TIFF = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(16)]);
const HTML = Buffer.from('<html><body><script>alert(1)</script></body></html>');
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26)]);

type Json = Record<string, unknown>;
const message = (res: { json: <X>() => X }) => res.json<{ error: { message: string } }>().error.message;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

for (const backend of BACKENDS) {
  describe(`files of a case on ${backend}`, () => {
    let store: TestStore;
    let app: FastifyInstance;
    const who: Record<string, Client> = {};
    let caseId = '';
    let otherCase = '';

    before(async () => {
      store = await freshStore(backend);
      const a = await createAgency(store.db, { name: '云岫市自然资源局', region_code: '990101', level: 'city', kind: 'department' });
      const b = await createAgency(store.db, { name: '白鹭市交通运输局', region_code: '990201', level: 'city', kind: 'department' });
      const users: [string, Parameters<typeof createUser>[1]][] = [
        ['clerk', { login: 'clerk', displayName: '登记员甲', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['registrar'] }],
        ['clerk2', { login: 'clerk2', displayName: '登记员乙', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['registrar'] }],
        ['head', { login: 'head', displayName: '负责人丁', password: PASSWORD, role: 'agency', agencyId: a.id, caseRoles: ['registrar', 'handler', 'reviewer', 'head'] }],
        ['other', { login: 'other', displayName: '白鹭负责人', password: PASSWORD, role: 'agency', agencyId: b.id, caseRoles: ['registrar', 'handler', 'reviewer', 'head'] }],
      ];
      for (const [, u] of users) await createUser(store.db, u);
      app = await buildApp({ store, worker: false, loginRateLimit: 1000, today: () => '2026-11-20' });
      for (const [key, u] of users) who[key] = await signIn(app, u.login, PASSWORD);
      const reg = await call(app, who.clerk, 'POST', '/api/cases', { channel: 'registered_post', on: '2026-11-02', applicant: COMPANY, request: { description: '某地块的征收补偿方案' } });
      assert.equal(reg.statusCode, 201, reg.body);
      caseId = reg.json<{ id: string }>().id;
      const reg2 = await call(app, who.other, 'POST', '/api/cases', { channel: 'in_person', on: '2026-11-03', applicant: COMPANY, request: { description: '道路改造工程的批复' } });
      otherCase = reg2.json<{ id: string }>().id;
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('the clerk keeps the envelope scan and the receipt; an action names them as its documents', async () => {
      const up = await uploadTo(app, who.clerk, `/api/cases/${caseId}/files`, [
        { name: '信封（挂号信）.jpg', bytes: JPEG },
        { name: '送达回证.pdf', bytes: PDF },
        { name: '身份证明.tif', bytes: TIFF },
      ]);
      assert.equal(up.statusCode, 201, up.body);
      const files = up.json<{ files: { id: string; name: string; kind: string; size: number; sha256: string }[] }>().files;
      assert.deepEqual(files.map((f) => [f.name, f.kind, f.size]), [['信封（挂号信）.jpg', 'jpeg', JPEG.length], ['送达回证.pdf', 'pdf', PDF.length], ['身份证明.tif', 'tiff', TIFF.length]]);
      assert.equal(files[1].sha256, sha(PDF));

      // The case shows its files to its staff; a document ref must be one of them (or a letter).
      const detail = (await call(app, who.clerk2, 'GET', `/api/cases/${caseId}`)).json<{ files: { name: string }[] }>();
      assert.deepEqual(detail.files.map((f) => f.name), ['信封（挂号信）.jpg', '送达回证.pdf', '身份证明.tif']);
      const ok = await call(app, who.head, 'POST', `/api/cases/${caseId}/actions`, { type: 'correction_requested', on: '2026-11-04', items: ['请说明具体地块'], dueBy: '2026-11-18', documents: [{ kind: '信封扫描件', ref: files[0].id }] });
      assert.equal(ok.statusCode, 201, ok.body);
      const stray = await call(app, who.clerk, 'POST', `/api/cases/${caseId}/actions`, { type: 'correction_received', on: '2026-11-10', documents: [{ kind: '补正材料', ref: 'no-such-file' }] });
      assert.equal(stray.statusCode, 422);
      assert.match(message(stray), /找不到：no-such-file/);
      const list = (await call(app, who.head, 'GET', `/api/cases/${caseId}`)).json<{ actions: { type: string; documents?: { ref: string }[] }[] }>();
      assert.equal(list.actions.find((a) => a.type === 'correction_requested')?.documents?.[0].ref, files[0].id);
    });

    test('only staff handling the case download a file, and each download is logged', async () => {
      const files = (await call(app, who.clerk, 'GET', `/api/cases/${caseId}/files`)).json<{ files: { id: string; name: string }[] }>().files;
      const pdf = files.find((f) => f.name === '送达回证.pdf')!;
      // 登记员乙 neither registered nor handles the case.
      assert.equal((await call(app, who.clerk2, 'GET', `/api/cases/${caseId}/files/${pdf.id}`)).statusCode, 403);
      const res = await call(app, who.clerk, 'GET', `/api/cases/${caseId}/files/${pdf.id}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(String(res.headers['content-disposition']), /^attachment; filename\*=UTF-8''/);
      assert.deepEqual(res.rawPayload, PDF);
      const views = await store.db.selectFrom('audit_log').select(['action', 'new_value']).where('entity_id', '=', caseId).where('action', '=', 'view_personal_data').execute();
      assert.ok(views.some((v) => JSON.stringify(v.new_value).includes(`file:${pdf.id}`)));
    });

    test('web pages, archives and empty files are refused, naming the file; nothing of the upload is kept', async () => {
      const before = (await call(app, who.clerk, 'GET', `/api/cases/${caseId}/files`)).json<{ files: Json[] }>().files.length;
      const html = await uploadTo(app, who.clerk, `/api/cases/${caseId}/files`, [{ name: '扫描.jpg', bytes: JPEG }, { name: '回执.html', bytes: HTML }]);
      assert.equal(html.statusCode, 422);
      assert.match(message(html), /“回执\.html”不是可以归入案件的文件/);
      assert.match(message(await uploadTo(app, who.clerk, `/api/cases/${caseId}/files`, [{ name: '材料.zip', bytes: ZIP }])), /“材料\.zip”不是可以归入案件的文件/);
      assert.match(message(await uploadTo(app, who.clerk, `/api/cases/${caseId}/files`, [{ name: '空.pdf', bytes: Buffer.alloc(0) }])), /“空\.pdf”是空的/);
      assert.equal((await call(app, who.clerk, 'GET', `/api/cases/${caseId}/files`)).json<{ files: Json[] }>().files.length, before, 'the JPEG sent with the refused page is not kept either');
      assert.equal((await call(app, who.clerk, 'POST', `/api/cases/${caseId}/files`, { files: 'x' })).statusCode, 400);
    });

    test('another agency sees neither the files nor the case; its own file cannot be named here', async () => {
      assert.equal((await call(app, who.other, 'GET', `/api/cases/${caseId}/files`)).statusCode, 404);
      assert.equal((await uploadTo(app, who.other, `/api/cases/${caseId}/files`, [{ name: 'x.pdf', bytes: PDF }])).statusCode, 404);
      const theirs = (await uploadTo(app, who.other, `/api/cases/${otherCase}/files`, [{ name: '他案.pdf', bytes: PDF }])).json<{ files: { id: string }[] }>().files[0];
      const res = await call(app, who.head, 'POST', `/api/cases/${caseId}/actions`, { type: 'correction_received', on: '2026-11-10', documents: [{ kind: '补正材料', ref: theirs.id }] });
      assert.equal(res.statusCode, 422);
      assert.equal((await call(app, who.head, 'GET', `/api/cases/${caseId}/files/${theirs.id}`)).statusCode, 404);
    });

    test('kept files cannot be changed or deleted, even in SQL', async () => {
      await assert.rejects(sql`DELETE FROM case_files`.execute(store.db), /只能添加，不能修改或删除/);
      await assert.rejects(sql`UPDATE case_files SET name = 'x'`.execute(store.db), /只能添加，不能修改或删除/);
    });
  });
}
