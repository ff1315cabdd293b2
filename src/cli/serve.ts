// Serving the API and the web app; `start` first prepares a new installation: the administrator
// account (password generated and printed once), demo accounts and the demo corpus.

import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.ts';
import { createDemoAgencies, DEMO_MARK, demoDocuments } from '../demo/corpus.ts';
import { loadDemoLedger, DEMO_CASE_YEAR } from '../demo/ledger.ts';
import { drainQueue } from '../store/import.ts';
import { createBatch } from '../store/jobs.ts';
import type { Store } from '../store/open.ts';
import { createUser, setPassword } from '../store/users.ts';
import { recordAudit } from '../store/audit.ts';
import { openFromOptions, type DatabaseOptions } from './database.ts';

interface ServeOptions extends DatabaseOptions {
  port: string;
  host: string;
}

function password(): string {
  // 18 characters from an alphabet without look-alikes (0/O, 1/l/I).
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(18)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The port asked for, checked before anything is opened. */
function portOf(opts: ServeOptions): number {
  const port = /^\d+$/.test(opts.port) ? Number.parseInt(opts.port, 10) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) throw new Error(`端口无效：${opts.port}`);
  return port;
}

async function listen(store: Store, opts: ServeOptions): Promise<string> {
  const port = portOf(opts);
  const local = opts.host === '127.0.0.1' || opts.host === 'localhost' || opts.host === '::1';
  // Secure cookies need HTTPS except on localhost; behind a plain-HTTP intranet address set GONGKAI_INSECURE_COOKIES=1.
  const app = await buildApp({ store, secureCookies: process.env.GONGKAI_INSECURE_COOKIES !== '1' });
  let address: string;
  try {
    address = await app.listen({ port, host: opts.host });
  } catch (e) {
    // Port taken, address not ours: close everything so that the process ends.
    await app.close();
    await store.close();
    throw new Error(`无法在 ${opts.host}:${port} 监听（${(e as Error).message}）`);
  }
  const url = local ? address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost') : address;
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return url;
}

export async function serve(opts: ServeOptions): Promise<void> {
  portOf(opts);
  const store = await openFromOptions(opts);
  const url = await listen(store, opts);
  process.stdout.write(`Gongkai 已启动：${url}\n接口说明：${url}/api/openapi.json\n数据库：${store.backend === 'pglite' ? `内嵌（${store.location}）` : store.location}\n按 Ctrl+C 停止\n`);
}

interface Credential {
  login: string;
  password: string;
  role: string;
}

/** First run: accounts and the demo corpus. Returns the accounts created (to print once). */
export async function initialize(store: Store, demo: boolean): Promise<Credential[]> {
  const created: Credential[] = [];
  const admin = { login: 'admin', password: password(), role: '管理员' };
  await createUser(store.db, { login: admin.login, displayName: '管理员', password: admin.password, role: 'admin', mustChangePassword: true });
  created.push(admin);
  if (demo) {
    process.stderr.write(`正在载入示例数据（${DEMO_MARK}）…\n`);
    await createDemoAgencies(store.db);
    const { items, published } = demoDocuments();
    const open = items.filter((i) => published.has(i.name));
    const review = items.filter((i) => !published.has(i.name));
    await createBatch(store.db, { source: 'demo', demo: true, publish: true }, open);
    await createBatch(store.db, { source: 'demo', demo: true, publish: false }, review);
    await drainQueue(store);
    const agency = await store.db.selectFrom('agencies').select('id').where('name', '=', '云岫市财政局').executeTakeFirstOrThrow();
    const sup = { login: 'demo-supervisor', password: password(), role: `监督人员（云岫市，${DEMO_MARK}）` };
    const staff = { login: 'demo-agency', password: password(), role: `机关工作人员（云岫市财政局，${DEMO_MARK}）` };
    await createUser(store.db, { login: sup.login, displayName: '示例：云岫市政务公开办', password: sup.password, role: 'supervisor', regionPrefix: '9901' });
    await createUser(store.db, { login: staff.login, displayName: '示例：云岫市财政局', password: staff.password, role: 'agency', agencyId: agency.id, caseRoles: ['registrar', 'handler', 'reviewer', 'head'] });
    process.stderr.write(`正在生成示例依申请公开案件（云岫市财政局 ${DEMO_CASE_YEAR} 年）…\n`);
    await loadDemoLedger(store, agency.id);
    created.push(sup, staff);
  }
  await recordAudit(store.db, { user: null, action: 'initialize', entity: 'system', newValue: { demo, accounts: created.map((c) => c.login) } });
  return created;
}

export async function start(opts: ServeOptions & { demo: boolean; resetAdmin?: boolean | undefined }): Promise<void> {
  portOf(opts);
  const store = await openFromOptions(opts);
  let credentials: Credential[] = [];
  const users = Number((await store.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  if (users === 0) {
    credentials = await initialize(store, opts.demo);
  } else if (opts.resetAdmin) {
    const admin = await store.db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirst();
    if (!admin) throw new Error('没有名为 admin 的账户');
    const pw = password();
    await setPassword(store.db, admin.id, pw);
    await store.db.updateTable('users').set({ must_change_password: true }).where('id', '=', admin.id).execute();
    await recordAudit(store.db, { user: null, action: 'reset_password', entity: 'user', entityId: admin.id });
    credentials = [{ login: 'admin', password: pw, role: '管理员' }];
  }
  const url = await listen(store, opts);
  const lines = [`Gongkai 已启动：${url}`];
  if (credentials.length) {
    lines.push('', '首次登录的账户（密码只显示这一次，请登录后修改）：');
    for (const c of credentials) lines.push(`  ${c.login.padEnd(16)} ${c.password}   ${c.role}`);
  } else {
    lines.push('', '管理员账户：admin（密码在首次启动时显示；忘记时运行 npm start -- --reset-admin）');
  }
  const demo = await store.db.selectFrom('reports').select('id').where('demo', '=', true).limit(1).executeTakeFirst();
  if (demo) lines.push('', `数据库中有${DEMO_MARK}（虚构的青川省各机关 2019–2025 年报告，以及云岫市财政局 ${DEMO_CASE_YEAR} 年的依申请公开案件），所有页面和接口均标注为示例。`);
  lines.push(`接口说明：${url}/api/openapi.json`, `数据库：${store.backend === 'pglite' ? `内嵌（${store.location}）` : store.location}`, '按 Ctrl+C 停止');
  process.stdout.write(lines.join('\n') + '\n');
}
