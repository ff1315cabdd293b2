// The web app end to end in headless Chromium (Debian's, through playwright-core), against the
// app started on embedded storage in a temp directory with the demo corpus: what a supervisor
// and the public rely on, plus axe-core on every main page (no serious or critical violations).

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibility, launchChromium, signIn, startWebApp, type RunningApp } from './support/web-app.ts';

const SEEDS = new URL('../../shared/seeds/', import.meta.url);
const seedFiles = readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const SEED_004 = '004_de121b5ad62b0e2d.txt';



/** One CSV line's fields (RFC 4180 quoting). */
function csvRow(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}


describe('web app in Chromium', { timeout: 170_000 }, () => {
  let running: RunningApp;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let report004 = '';
  const a11y = new Map<string, string[]>();

  before(async () => {
    [running, browser] = await Promise.all([startWebApp(), launchChromium()]);
    admin = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    admin.setDefaultTimeout(15_000);
    page = await admin.newPage();
  });
  after(async () => {
    await browser?.close();
    await running?.close();
  });

  test('the login page is in Chinese; a wrong password is refused, the printed one signs in and shows the demo corpus', async () => {
    await page.goto(`${running.url}/login`);
    a11y.set('登录', await accessibility(page));
    await page.fill('#login', 'admin');
    await page.fill('#password', 'not-the-password');
    await page.click('button[type=submit]');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await signIn(page, running.url, 'admin', running.passwords.get('admin')!);
    await page.getByText('管理员').first().waitFor();
    // The demo corpus: 12 agencies × 2019–2025, every row marked 示例数据.
    await page.getByText('共 84 份').waitFor();
    assert.ok((await page.locator('.demo-tag').count()) >= 10);
    a11y.set('报告库', await accessibility(page));
  });

  test('import: the five seeds dropped on the page are read, each file with its state', async () => {
    await page.goto(`${running.url}/import`);
    await page.locator('.dropzone').waitFor();
    const files = seedFiles.map((name) => ({ name, text: readFileSync(new URL(name, SEEDS), 'utf8') }));
    // A real drop event with the files in its DataTransfer, as the browser makes when files are dragged in.
    await page.evaluate((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
      const zone = document.querySelector('.dropzone')!;
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await page.getByText('已选择 5 个文件').waitFor();
    a11y.set('导入', await accessibility(page));
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.locator('.batch-summary', { hasText: '导入完成' }).waitFor({ timeout: 60_000 });
    const summary = await page.locator('.batch-summary').innerText();
    assert.match(summary, /共 5 个文件：已导入 5，重复 0，跳过 0，失败 0/);
    const row = page.locator('tr', { hasText: SEED_004 });
    const href = await row.getByRole('link', { name: '打开报告' }).getAttribute('href');
    assert.ok(href);
    report004 = href.split('/').pop()!;
  });

  test("seed 004's report: the 复议 row whose 总计 (0) contradicts its parts (1 upheld) is found and marked on the cells", async () => {
    await page.goto(`${running.url}/reports/${report004}`);
    const finding = page.locator('.finding[data-rule="review_litigation.row_sum"]', { hasText: '行政复议' });
    await finding.waitFor();
    const upheld = page.locator('[data-address="review_litigation.review.upheld"]');
    const total = page.locator('[data-address="review_litigation.review.total"]');
    assert.equal(await upheld.innerText(), '1');
    assert.equal(await total.innerText(), '0');
    assert.match((await total.getAttribute('class')) ?? '', /problem/);
    assert.match((await total.getAttribute('aria-label')) ?? '', /有问题/);
    a11y.set('报告', await accessibility(page));
  });

  test('clicking a cell marks its line in the original: 结果维持 1 is line 380 of the seed, 总计 line 384', async () => {
    await page.locator('[data-address="review_litigation.review.upheld"]').click();
    const marked = page.locator('.source-line.marked');
    await marked.waitFor();
    assert.equal(await marked.getAttribute('data-line'), '380');
    assert.equal((await marked.innerText()).replace(/\s+/g, ' ').trim(), '380 1');
    await page.locator('[data-address="review_litigation.review.total"]').click();
    await page.locator('.source-line.marked[data-line="384"]').waitFor();
    assert.match(await page.locator('.cell-detail').innerText(), /原文“0”/);
  });

  test('a finding dismissed with a reason shows as 已驳回 and the reason is in the audit log', async () => {
    const finding = page.locator('.finding', { hasText: '行政复议' }).first();
    await finding.getByRole('button', { name: '驳回' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#dismiss-reason').fill('原件第四部分已由机关书面说明，复议件数以总计为准');
    await dialog.getByRole('button', { name: '驳回' }).click();
    await page.locator('.finding', { hasText: '驳回理由：原件第四部分已由机关书面说明' }).waitFor();
    await page.goto(`${running.url}/admin`);
    await page.getByRole('tab', { name: '审计日志' }).click();
    await page.locator('.audit-log', { hasText: '原件第四部分已由机关书面说明' }).waitFor();
    a11y.set('管理', await accessibility(page));
  });

  test('the administrator makes an agency account: its agency found by name, its case roles ticked', async () => {
    await page.goto(`${running.url}/admin`);
    await page.fill('#login', 'caizheng-clerk');
    await page.fill('#display_name', '财政局承办人');
    await page.fill('#password', 'a-long-first-password');
    await page.locator('#role').click();
    await page.locator('.ant-select-item-option', { hasText: '机关工作人员' }).click();
    await page.locator('#agency_id').fill('财政');
    await page.locator('.ant-select-item-option', { hasText: '云岫市财政局' }).click();
    await page.locator('#case_roles').getByRole('checkbox', { name: '承办人' }).check();
    await page.locator('#case_roles').getByRole('checkbox', { name: '负责人' }).check();
    await page.getByRole('button', { name: '建立' }).click();
    await page.getByText('账户已建立').waitFor();
    const row = page.locator('tr', { hasText: 'caizheng-clerk' });
    await row.getByText('云岫市财政局').waitFor();
    const users = await (await page.request.get(`${running.url}/api/users`)).json() as { users: { login: string; agency_id: string; case_roles: string[] }[] };
    const agencies = await (await page.request.get(`${running.url}/api/agencies?q=${encodeURIComponent('云岫市财政局')}`)).json() as { items: { id: string; name: string }[] };
    const made = users.users.find((u) => u.login === 'caizheng-clerk')!;
    assert.equal(made.agency_id, agencies.items.find((a) => a.name === '云岫市财政局')!.id);
    assert.deepEqual([...made.case_roles].sort(), ['handler', 'head']);
    // Roles changed in the list are saved at once.
    const saved = page.waitForResponse((r) => r.url().includes('/api/users/') && r.request().method() === 'PATCH');
    await row.getByRole('checkbox', { name: '登记员' }).click();
    assert.equal((await saved).status(), 200);
    await row.locator('input[value=registrar]:checked').waitFor();
    const after = await (await page.request.get(`${running.url}/api/users`)).json() as { users: { login: string; case_roles: string[] }[] };
    assert.deepEqual([...after.users.find((u) => u.login === 'caizheng-clerk')!.case_roles].sort(), ['handler', 'head', 'registrar']);
  });

  test('correcting a value makes version 2; the source version 1 is kept', async () => {
    await page.goto(`${running.url}/reports/${report004}`);
    await page.locator('[data-address="review_litigation.review.total"]').click();
    await page.getByLabel('更正后的值').fill('1');
    await page.getByLabel('更正理由').fill('核对原件：复议结果维持 1 件，总计应为 1');
    await page.getByRole('button', { name: '更正（生成新版本）' }).click();
    await page.getByText('已更正，生成第 2 版').waitFor();
    await page.locator('[data-address="review_litigation.review.total"]', { hasText: '1' }).waitFor();
    assert.match(await page.locator('.ant-select', { hasText: '第 2 版' }).innerText(), /更正/);
    // Version 1 is still there, with its 0.
    await page.goto(`${running.url}/reports/${report004}?version=1`);
    await page.getByText('正在查看第 1 版').waitFor();
    assert.equal(await page.locator('[data-address="review_litigation.review.total"]').innerText(), '0');
  });

  test('a PDF original: the page drawn by pdf.js with the cell\'s printed number boxed', async () => {
    await page.goto(`${running.url}/import`);
    await page.locator('input[data-testid="file-input"]').setInputFiles(new URL('./fixtures/pdf/heting-scjg-2021.pdf', import.meta.url).pathname);
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.locator('.batch-summary', { hasText: '导入完成' }).waitFor({ timeout: 60_000 });
    assert.match(await page.locator('.batch-summary').innerText(), /已导入 1/);
    await page.getByRole('link', { name: '打开报告' }).click();
    // 行政许可 本年处理决定数量 is 2417 in the fixture (html/heting-scjg-2021.expected.json).
    const cell = page.locator('[data-address="active.licensing.decisions"]');
    assert.equal(await cell.innerText(), '2417');
    await cell.click();
    await page.getByText('已标出“2417”').waitFor({ timeout: 20_000 });
    assert.ok((await page.locator('.pdf-box').count()) >= 1);
    const box = await page.locator('.pdf-box').first().boundingBox();
    const canvas = await page.locator('.pdf-page canvas').boundingBox();
    assert.ok(box && canvas && box.width > 5 && box.x >= canvas.x && box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height + 4, 'the box lies on the drawn page');
  });

  test('the corpus exported as CSV holds the seeds with their figures', async () => {
    await page.goto(`${running.url}/?q=${encodeURIComponent('叶集')}`);
    await page.getByText('共 1 份').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.equal(lines.length, 2, 'header and the one report found by 叶集');
    const header = csvRow(lines[0]);
    const row = csvRow(lines[1]);
    const col = (name: string) => row[header.findIndex((h) => h === name || h.endsWith(`[${name}]`))];
    assert.equal(col('年度'), '2023');
    assert.equal(col('review_litigation.review.upheld'), '1');
    assert.equal(col('review_litigation.review.total'), '1', 'the corrected value (current version)');
  });

  test('agency, dashboard and 内容雷同 pages show their figures with denominators', async () => {
    const agency = await running.store.db.selectFrom('agencies').select('id').where('name', '=', '云岫市人民政府').executeTakeFirstOrThrow();
    await page.goto(`${running.url}/agencies/${agency.id}`);
    await page.getByRole('heading', { name: '逐年报告（7）' }).waitFor();
    await page.locator('canvas').first().waitFor();
    a11y.set('机关', await accessibility(page));
    await page.goto(`${running.url}/dashboard`);
    await page.getByText('（12/12 份报告）').first().waitFor();
    await page.locator('canvas').first().waitFor();
    a11y.set('统计', await accessibility(page));
    const sim = await running.store.db.selectFrom('diagnostics').select(['report_id', 'related_report_id']).where('rule', '=', 'similarity.peer').executeTakeFirstOrThrow();
    await page.goto(`${running.url}/reports/${sim.report_id}/similar/${sim.related_report_id}`);
    await page.locator('.sim-text mark').first().waitFor();
    assert.match(await page.locator('.ant-descriptions').innerText(), /去除格式固定用语后 A 的 \d+ 字中重复 \d+ 字/);
    a11y.set('内容雷同', await accessibility(page));
  });

  test("an agency user cannot open another agency's report by its URL", async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const p = await ctx.newPage();
    await signIn(p, running.url, 'demo-agency', running.passwords.get('demo-agency')!);
    await p.goto(`${running.url}/reports/${report004}`);
    await p.getByRole('alert').filter({ hasText: '报告不存在或无权查看' }).waitFor();
    assert.equal(await p.locator('[data-address]').count(), 0);
    await ctx.close();
  });

  test('the public view: published reports only, no review tools, phone width, large font, keyboard', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const p = await ctx.newPage();
    await p.goto(running.url);
    await p.getByText('共 72 份').waitFor(); // 84 demo reports, the 2025 ones (12) not yet published
    assert.equal(await p.getByRole('link', { name: '导入', exact: true }).count(), 0);
    assert.equal(await p.getByRole('link', { name: '导出 CSV' }).count(), 0);
    a11y.set('公众：报告库', await accessibility(p));
    const withError = await running.store.db.selectFrom('reports').select('id').where('published', '=', true).where('error_count', '>', 0).executeTakeFirstOrThrow();
    await p.goto(`${running.url}/reports/${withError.id}`);
    await p.locator('.finding').first().waitFor();
    assert.equal(await p.getByRole('button', { name: '驳回', exact: true }).count(), 0);
    assert.equal(await p.getByRole('button', { name: '确认', exact: true }).count(), 0);
    await p.locator('.cell-btn.problem').first().click();
    await p.locator('.cell-detail').waitFor();
    assert.equal(await p.getByLabel('更正后的值').count(), 0);
    // Nothing wider than the phone.
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    a11y.set('公众：报告', await accessibility(p));
    // Large-font mode, kept across pages.
    const before = await p.locator('.site-footer').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await p.getByRole('switch', { name: '大字模式' }).click();
    const after = await p.locator('.site-footer').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(after > before, `大字模式应放大字号（${before} → ${after}）`);
    // Keyboard: the first Tab reaches the skip link, Enter moves to the content.
    await p.goto(running.url);
    // Once the page has rendered its list (a Tab pressed while it still loads lands nowhere).
    await p.getByText('共 72 份').waitFor();
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement?.textContent), '跳到正文');
    await p.keyboard.press('Enter');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'main');
    await ctx.close();
  });

  test('no serious or critical accessibility violations on any main page', () => {
    assert.deepEqual([...a11y.keys()].sort(), ['公众：报告', '公众：报告库', '内容雷同', '导入', '报告', '报告库', '机关', '登录', '管理', '统计'].sort());
    const found = [...a11y].filter(([, v]) => v.length).map(([k, v]) => `${k}：${v.join('；')}`);
    assert.deepEqual(found, []);
  });
});
