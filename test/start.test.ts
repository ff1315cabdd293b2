// `npm start` (gongkai start) as a newcomer runs it: on an empty data directory it migrates,
// makes the administrator account, prints the address and the first login, and serves the API
// and the built web app at that address; a second start does not initialise again; SIGTERM
// stops it cleanly.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'gongkai-start-'));

/** Start the server, wait for its address, run `fn` against it, stop it with SIGTERM. */
async function withStart(fn: (url: string, out: string) => Promise<void>): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'start', '--no-demo', '--port', '0', '--data', join(dir, 'data')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  try {
    for (let i = 0; i < 600 && !/按 Ctrl\+C 停止/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    const url = /Gongkai 已启动：(http:\/\/\S+)/.exec(out)?.[1];
    assert.ok(url, `no address printed:\n${out}`);
    await fn(url, out);
  } finally {
    child.kill('SIGTERM');
  }
  return exited;
}

describe('gongkai start', { timeout: 120_000 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('first start: prints the address and the admin password once, serves the app and the API; SIGTERM ends it with 0', async () => {
    const code = await withStart(async (url, out) => {
      assert.match(url, /^http:\/\/localhost:\d+$/);
      const password = /admin\s+(\S+)\s+管理员/.exec(out)?.[1];
      assert.ok(password && password.length === 18, out);
      const health = await fetch(`${url}/api/health`);
      assert.deepEqual(await health.json(), { ok: true, backend: 'pglite' });
      const page = await fetch(`${url}/reports/any-client-side-route`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root"><\/div>/);
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password }) });
      assert.equal(login.status, 200);
    });
    assert.equal(code, 0);
  });

  test('second start: no new accounts, no password printed', async () => {
    await withStart(async (url, out) => {
      assert.equal((await fetch(`${url}/api/health`)).status, 200);
      assert.match(out, /管理员账户：admin（密码在首次启动时显示/);
      assert.doesNotMatch(out, /首次登录的账户/);
    });
  });
});
