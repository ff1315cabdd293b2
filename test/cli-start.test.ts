// `gongkai start` (npm start) and `gongkai serve` as a newcomer runs them: a process that prints
// its address and the first login, serves the API and the built web app, refuses a second process
// on the same data directory, keeps its accounts on a second start, and stops cleanly on SIGTERM.

import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;

interface Running {
  child: ChildProcessWithoutNullStreams;
  out: string;
  err: string;
  exited: Promise<number | null>;
}

const running = new Set<Running>();

function run(args: string[]): Running {
  // Empty PORT/HOST in the environment mean "not set" (a blank HOST must not bind every interface).
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, DATABASE_URL: '', GONGKAI_DATA: '', PORT: '', HOST: '' },
  });
  const r: Running = { child, out: '', err: '', exited: new Promise((res) => child.once('exit', (code) => res(code))) };
  child.stdout.on('data', (d: Buffer) => (r.out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (r.err += d.toString()));
  running.add(r);
  void r.exited.then(() => running.delete(r));
  return r;
}

/** Wait until the process printed that it serves (or ended). */
async function served(r: Running): Promise<string> {
  const ended = r.exited.then(() => null);
  for (;;) {
    if (r.out.includes('按 Ctrl+C 停止')) break;
    const tick = new Promise<'tick'>((res) => setTimeout(() => res('tick'), 50));
    if ((await Promise.race([ended, tick])) === null) {
      throw new Error(`进程提前结束：${r.out}\n${r.err}`);
    }
  }
  const m = /已启动：(http:\/\/\S+)/.exec(r.out);
  assert.ok(m, r.out);
  return m[1];
}

async function stop(r: Running): Promise<number | null> {
  r.child.kill('SIGTERM');
  return r.exited;
}

async function login(url: string, user: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: user, password }) });
  return res.status;
}

function firstPassword(out: string): string {
  const m = /^\s+admin\s+(\S+)\s+管理员$/m.exec(out);
  assert.ok(m, `没有打印 admin 的初始密码：\n${out}`);
  return m[1];
}

describe('gongkai start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-start-'));
  const data = join(dir, 'data');
  after(async () => {
    // A failed assertion leaves its server running: end it before the next test opens the directory.
    await Promise.all([...running].map(stop));
    rmSync(dir, { recursive: true, force: true });
  });
  let password = '';

  test('a first start prints the address and the administrator’s one-time password, which logs in', async () => {
    const r = run(['start', '--no-demo', '--port', '0', '--data', data]);
    const url = await served(r);
    assert.match(r.out, /首次登录的账户/);
    password = firstPassword(r.out);
    assert.match(r.out, /接口说明：http:\/\/localhost:\d+\/api\/openapi\.json/);
    assert.match(r.out, /数据库：内嵌/);
    assert.match(url, /^http:\/\/localhost:\d+$/);
    const api = await fetch(`${url}/api/openapi.json`);
    assert.equal(api.status, 200);
    assert.deepEqual(await (await fetch(`${url}/api/health`)).json(), { ok: true, backend: 'pglite' });
    // The built web app answers every client-side route with its page.
    const page = await fetch(`${url}/reports/any-client-side-route`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root"><\/div>/);
    assert.equal(await login(url, 'admin', password), 200);

    // The same data directory cannot be opened by a second process while this one runs.
    const second = run(['serve', '--port', '0', '--data', data]);
    assert.equal(await second.exited, 2);
    assert.match(second.err, /^无法启动：/m);
    assert.doesNotMatch(second.err, /\n\s+at /, 'no stack trace');

    assert.equal(await stop(r), 0);
  });

  test('a second start keeps the accounts and prints no password', async () => {
    const r = run(['start', '--port', '0', '--data', data]);
    const url = await served(r);
    assert.match(r.out, /管理员账户：admin（密码在首次启动时显示/);
    assert.doesNotMatch(r.out, /首次登录的账户/);
    assert.equal(await login(url, 'admin', password), 200);
    assert.equal(await stop(r), 0);
  });

  test('--reset-admin prints a new password; the old one stops working', async () => {
    const r = run(['start', '--reset-admin', '--port', '0', '--data', data]);
    const url = await served(r);
    const fresh = firstPassword(r.out);
    assert.notEqual(fresh, password);
    assert.equal(await login(url, 'admin', password), 401);
    assert.equal(await login(url, 'admin', fresh), 200);
    assert.equal(await stop(r), 0);
  });

  test('serve prints its address and the API description', async () => {
    const r = run(['serve', '--port', '0', '--data', data]);
    const url = await served(r);
    assert.match(r.out, /接口说明：/);
    assert.equal((await fetch(`${url}/api/openapi.json`)).status, 200);
    assert.equal(await stop(r), 0);
  });

  test('a port that is not a number is refused in one Chinese line, exit code 2', async () => {
    for (const cmd of ['start', 'serve']) {
      const r = run([cmd, '--port', '七十', '--data', data]);
      assert.equal(await r.exited, 2);
      assert.match(r.err, /无法启动：端口无效：七十/);
    }
  });
});
