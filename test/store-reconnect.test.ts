// The server's database connections can end under Gongkai (a PostgreSQL restart, a failover, an
// administrator terminating sessions): the process keeps running and the next query reconnects.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import pg from 'pg';
import { ADMIN_URL, freshStore } from './support/store.ts';

test('idle connections ended by the server: no crash, the next query reconnects', async () => {
  const store = await freshStore('postgres');
  try {
    // Several connections open and idle in the pool.
    await Promise.all(Array.from({ length: 3 }, () => store.db.selectFrom('agencies').select('id').execute()));
    const name = new URL(store.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      const r = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      assert.ok(r.rowCount! >= 1, 'the pool had idle connections to end');
    } finally {
      await admin.end();
    }
    // Let the ended connections report their errors (an unhandled one would fail this test file).
    await new Promise((r) => setTimeout(r, 300));
    const rows = await store.db.selectFrom('agencies').select('id').execute();
    assert.deepEqual(rows, []);
  } finally {
    await store.close();
  }
});

test('the warning names the database without its password', () => {
  // A process that loses its connection prints one Chinese line on stderr and goes on.
  const script = `
    import { openStore } from './src/store/open.ts';
    import pg from 'pg';
    const url = new URL(${JSON.stringify(ADMIN_URL)});
    url.password = 'secret-pw';
    const store = await openStore({ url: url.toString(), migrate: false, poolSize: 1 });
    await store.exec('SELECT 1');
    const admin = new pg.Client({ connectionString: ${JSON.stringify(ADMIN_URL)} });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gongkai-reconnect-test' AND pid <> pg_backend_pid()");
    await admin.end();
    await new Promise((r) => setTimeout(r, 300));
    await store.exec('SELECT 1');
    await store.close();
    process.stdout.write('still running');
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, PGAPPNAME: 'gongkai-reconnect-test' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'still running');
  assert.match(r.stderr, /^数据库连接中断（.*）：.*；下次查询时重新连接$/m);
  assert.doesNotMatch(r.stderr, /secret-pw/);
});
