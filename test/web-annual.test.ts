// The year-end assembly in Chromium, against the app started once with the demo data: the demo
// agency's staff (云岫市财政局, all four case roles) open the 2025 annual report, adopt last
// year's text for 总体情况 and see the 内容雷同 warning, enter 表二, see the gate refuse while an
// error remains, publish, and find the report in the corpus with 表三 from the ledger.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { accessibility, launchChromium, signIn, startWebApp, type RunningApp } from './support/web-app.ts';

const FRESH: Record<string, string> = {
  二: '本局在门户网站财政信息专栏集中发布预决算、政府采购和财政资金直达等信息，相关统计见下表。',
  三: '本年度依申请公开工作全部通过案件台账办理，按期答复，具体情况见下表。',
  四: '本年度因政府信息公开引起的行政复议和行政诉讼情况见下表。',
  五: '答复文书的说理还不够充分，下一步将统一文书模板，加强承办人员培训。',
  六: '本年度未收取信息处理费。',
};



describe('annual report assembly in Chromium', { timeout: 170_000 }, () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [running, browser] = await Promise.all([startWebApp(), launchChromium()]);
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    ctx.setDefaultTimeout(20_000);
    page = await ctx.newPage();
    await signIn(page, running.url, 'demo-agency', running.passwords.get('demo-agency')!);
  });
  after(async () => {
    await browser?.close();
    await running?.close();
  });

  test('adopt last year’s text, see 内容雷同, enter 表二, publish through the gate, find it in the corpus', async () => {
    await page.getByRole('link', { name: '年报编制' }).waitFor();
    await page.goto(`${running.url}/ledger/2025/report`);
    await page.getByRole('heading', { name: /云岫市财政局 2025年度政府信息公开工作年度报告（编制）/ }).waitFor();
    // 表三 is locked, compiled from the ledger: its 本年新收 总计 is the demo year's 240 cases less
    // the split originals, as the ledger's own table says.
    const ledger = await page.evaluate(async () => (await (await fetch('/api/ledger/2025/tables')).json()) as { tables: { applications: Record<string, Record<string, number>> } });
    const newTotal = ledger.tables.applications.new_received.total;
    const locked = page.locator('#locked-applications');
    await locked.getByText('锁定').waitFor();
    assert.equal(await locked.locator('[data-address="applications.new_received.total"]').innerText(), String(newTotal));
    assert.equal(await page.locator('#locked-applications input, #locked-applications textarea').count(), 0);

    // 采用上年内容 for 总体情况: last year's text comes in; the check warns 内容雷同 on that section.
    await page.getByRole('button', { name: '采用上年内容：一、总体情况' }).click();
    const overview = page.getByLabel('一、总体情况 正文');
    const adopted = await overview.inputValue();
    assert.ok(adopted.length > 20, adopted);
    for (const [numeral, text] of Object.entries(FRESH)) await page.locator(`textarea[aria-label^="${numeral}、"]`).fill(text);
    await page.getByRole('button', { name: '检查', exact: true }).click();
    const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '一、总体情况' }) });
    await card.getByRole('status').filter({ hasText: '内容雷同' }).waitFor();
    assert.match(await card.getByRole('status').innerText(), /与2024年度报告的同一部分相同/);
    // 表二 not entered yet: an error, shown in the findings with a link to the cells.
    const results = page.getByLabel('检查结果');
    await results.getByText(/表二/).first().waitFor();

    // With the findings shown: no serious or critical accessibility violation.
    assert.deepEqual(await accessibility(page), []);

    // Enter 表二 (every cell of the model's 表二), one of them negative by mistake.
    const inputs = page.locator('input[aria-label^="表二 "]');
    const n = await inputs.count();
    assert.equal(n, 10); // 2021 format: 3 + 3 + 1 + 1 + 1 + 1 cells
    for (let i = 0; i < n; i++) await inputs.nth(i).fill(String(i + 1));
    await page.getByLabel('表二 规章 本年废止件数').fill('-2');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText(/已保存为第\d+稿/).waitFor();

    // The gate refuses with the reason; after the correction it publishes.
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const refused = page.getByRole('alert').filter({ hasText: '未能发布' });
    await refused.waitFor();
    assert.match(await refused.innerText(), /本年废止件数.*负数/);
    await page.getByLabel('表二 规章 本年废止件数').fill('0');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: '已发布' });
    await done.waitFor();
    assert.match(await done.innerText(), /云岫市财政局2025年度报告第\d+版已写入报告库并公开/);

    // In the corpus: the report's current version, made by the assembly, 表三 equal to the ledger's.
    await done.getByRole('link', { name: '在报告库中查看' }).click();
    await page.waitForURL(/\/reports\//);
    await page.getByText(/台账编制/).first().waitFor();
    assert.equal(await page.locator('[data-address="applications.new_received.total"]').first().innerText(), String(newTotal));
    assert.equal(await page.locator('[data-address="active.regulations.repealed"]').first().innerText(), '0');
  });
});
