// The web app: the built bundle's size (what the first page downloads, gzipped; charts and
// pdf.js are separate chunks loaded where used) and the time to first render of the corpus
// list and of a report page over the 100,000-report corpus, in headless Chromium on localhost.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/store/users.ts';
import { launchChromium, WEB_DIST } from '../test/support/web-app.ts';
import { benchCorpus } from './store.ts';

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const gz = (file: string) => gzipSync(readFileSync(file)).length;

/** Initial JavaScript: the entry script and the chunks index.html preloads. */
export function bundleLines(): string[] {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => join(WEB_DIST, m[1]));
  const all = readdirSync(join(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js') || f.endsWith('.mjs'));
  const size = (names: string[]) => names.reduce((s, f) => s + gz(f), 0);
  const named = (re: RegExp) => all.filter((f) => re.test(f)).map((f) => join(WEB_DIST, 'assets', f));
  const initialGz = size(initial);
  return [
    `  首屏 JavaScript（gzip）：${kb(initialGz)}（${initial.length} 个文件；目标 < 1 MB：${initialGz < 1024 * 1024 ? '达到' : '未达到'}）`,
    `  按需加载：图表 ECharts ${kb(size(named(/^echarts-/)))}，pdf.js ${kb(size(named(/^pdfjs-/)))} + worker ${kb(size(named(/^pdf\.worker/)))}（gzip）`,
    `  全部 JavaScript 未压缩：${kb(all.reduce((s, f) => s + statSync(join(WEB_DIST, 'assets', f)).size, 0))}`,
  ];
}

/**
 * From a blank tab to the content, as a user opening the address has it: the previous page is
 * left before the clock starts, and the time is the page's own, from the start of navigation to
 * the first animation frame in which the content is in the document (so neither the previous
 * page's unloading nor the test driver's polling interval is counted).
 */
async function firstRender(page: Page, url: string, ready: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const seen = await page.waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : 0), ready, { polling: 'raf', timeout: 30_000 });
  return await seen.jsonValue();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function webSection(n = 100_000): Promise<string[]> {
  const lines = bundleLines();
  const store = await benchCorpus(n, lines);
  const login = 'bench-web';
  const password = 'bench-web-password';
  if (!(await store.db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst())) {
    await createUser(store.db, { login, displayName: '基准测试', password, role: 'admin' });
  }
  const app = await buildApp({ store, webDir: WEB_DIST, worker: false, loginRateLimit: 1000 });
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const res = await context.request.post(`${url}/api/auth/login`, { data: { login, password } });
    if (!res.ok()) throw new Error(`登录失败：${res.status()}`);
    const page = await context.newPage();
    const report = await store.db.selectFrom('reports').select('id').where('error_count', '>', 0).orderBy('year', 'desc').executeTakeFirstOrThrow();
    const rounds = 7;
    for (const [label, path, ready] of [
      ['报告库列表（第 1 页，总数随后）', '/', '.ant-table-row'],
      ['报告页（表格与问题）', `/reports/${report.id}`, '[data-address]'],
    ] as const) {
      await firstRender(page, `${url}${path}`, ready); // warm-up: the browser's cache as a returning user has it
      const t: number[] = [];
      for (let i = 0; i < rounds; i++) t.push(await firstRender(page, `${url}${path}`, ready));
      lines.push(`  首次渲染：${label.padEnd(16, '　')} 中位数 ${median(t).toFixed(0)} ms，最长 ${Math.max(...t).toFixed(0)} ms（目标 < 1000 ms：${median(t) < 1000 ? '达到' : '未达到'}）`);
    }
    lines.push(`  （${n} 份报告，PostgreSQL 服务器，Chromium 无头模式，本机；从空白标签页开始导航到内容出现，预热 1 次后计 ${rounds} 次）`);
  } finally {
    await browser.close();
    await app.close();
    await store.close();
  }
  return lines;
}
