// An import of thousands of files killed with SIGKILL part-way, then run again: every file ends
// up stored exactly once, byte for byte, and nothing is left half done — on the embedded
// database and on the server.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { openStore, type Store } from '../src/store/open.ts';
import { writeCorpusFiles } from './support/corpus-files.ts';
import { ROOT } from './support/seeds.ts';
import { freshStore } from './support/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run `gongkai import`; with `killAfter`, SIGKILL it once that many files are reported done. */
function runImport(args: string[], killAfter?: number): Promise<{ code: number | null; signal: string | null; lines: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli/main.ts'), 'import', '--json', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      lines += s.split('\n').length - 1;
      if (killAfter !== undefined && lines >= killAfter && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', fail);
    child.on('close', (code, signal) => (code && code !== 0 ? fail(new Error(`exit ${code}: ${err}`)) : done({ code, signal, lines })));
  });
}

async function check(store: Store, files: string[]) {
  const hashes = new Set(files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')));
  const docs = await store.db.selectFrom('documents').select('sha256').execute();
  assert.equal(docs.length, files.length, 'one document per file');
  assert.deepEqual(new Set(docs.map((d) => d.sha256)), hashes, 'the documents are the files, byte for byte');
  const versions = await store.db.selectFrom('report_versions').select('document_sha256').execute();
  assert.equal(versions.length, files.length, 'one version per file');
  assert.equal(new Set(versions.map((v) => v.document_sha256)).size, files.length, 'no file read into two versions');
  const open = await store.db.selectFrom('import_items').select('id').where('state', 'in', ['queued', 'running']).execute();
  assert.equal(open.length, 0, 'nothing left half done');
  const imported = await store.db.selectFrom('import_items').select('id').where('state', '=', 'imported').execute();
  assert.equal(imported.length, files.length, 'every file imported exactly once over both runs');
  // Every version has its cells (nothing committed half-way).
  const cells = await store.db.selectFrom('cells').select((eb) => eb.fn.count('report_id').distinct().as('n')).executeTakeFirstOrThrow();
  const reports = await store.db.selectFrom('report_versions').select((eb) => eb.fn.count('report_id').distinct().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(cells.n), Number(reports.n));
}

test('embedded database: killed at a third, rerun finishes the rest, duplicating nothing', async () => {
  const files = writeCorpusFiles(join(dir, 'pglite-files'), 1000, 500_000);
  const data = join(dir, 'data');
  const first = await runImport([join(dir, 'pglite-files'), '--data', data], 300);
  assert.equal(first.signal, 'SIGKILL');
  assert.ok(first.lines >= 300 && first.lines < files.length, `killed part-way (${first.lines} files reported)`);
  const second = await runImport([join(dir, 'pglite-files'), '--data', data]);
  assert.equal(second.code, 0);
  const store = await openStore({ dataDir: data });
  try {
    await check(store, files);
  } finally {
    await store.close();
  }
});

test('PostgreSQL server: killed at a third, rerun finishes the rest, duplicating nothing', async () => {
  const files = writeCorpusFiles(join(dir, 'server-files'), 2000, 900_000);
  const store = await freshStore('postgres');
  try {
    const first = await runImport([join(dir, 'server-files'), '--database', store.url!], 700);
    assert.equal(first.signal, 'SIGKILL');
    assert.ok(first.lines >= 700 && first.lines < files.length, `killed part-way (${first.lines} files reported)`);
    const second = await runImport([join(dir, 'server-files'), '--database', store.url!]);
    assert.equal(second.code, 0);
    await check(store, files);
  } finally {
    await store.close();
  }
});
