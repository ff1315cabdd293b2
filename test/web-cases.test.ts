// The case ledger (依申请公开) in headless Chromium, against the app started with the demo data
// (云岫市财政局's 2025 ledger; the account demo-agency has all four case roles): a citizen files
// online and follows the case with the query code; a clerk takes it through 补正 to a reply and
// its letter; an overdue case heads the dashboard; the year page's cells list their cases; another
// agency's case stays hidden; axe-core finds no serious or critical violation on the new pages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibility, launchChromium, signIn, startWebApp, type RunningApp } from './support/web-app.ts';




/** The day in China (the server's day), shifted by `days`. */
function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
const chinese = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** Choose an option of the antd Select whose input has this id. */
async function choose(page: Page, id: string, option: string, search?: string) {
  // By keyboard, as a keyboard user chooses: pointer clicks on an option can miss while the
  // dropdown is still moving into place (the dialog scrolls to the field) on a loaded machine.
  const input = page.locator(`#${id}`);
  const select = page.locator('.ant-select', { has: input });
  await input.focus();
  if (search) {
    await input.fill(search);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).waitFor();
  }
  const active = page.locator(`.ant-select-dropdown:visible .ant-select-item-option-active[title="${option}"]`);
  for (let i = 0; i < 60 && !(await active.count()); i++) await input.press('ArrowDown');
  await input.press('Enter');
  await select.filter({ hasText: option }).waitFor();
  // Let the dropdown finish closing: the next field or an axe run must not meet it half open.
  for (let i = 0; i < 100 && (await page.locator('.ant-select-dropdown:visible').count()) > 0; i++) await page.waitForTimeout(50);
}

describe('case ledger in Chromium', { timeout: 480_000 }, () => {
  let running: RunningApp;
  let browser: Browser;
  let clerk: BrowserContext;
  let page: Page;
  const a11y = new Map<string, string[]>();
  let receipt = '';
  let queryCode = '';
  let dueText = '';
  const today = chinaDay();

  before(async () => {
    [running, browser] = await Promise.all([startWebApp(), launchChromium()]);
    clerk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    clerk.setDefaultTimeout(30_000);
    page = await clerk.newPage();
  });
  after(async () => {
    await browser?.close();
    await running?.close();
  });

  test('a citizen files online at phone width: a wrong 身份证 checksum is refused at the field, then a receipt number and query code', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    ctx.setDefaultTimeout(30_000);
    const p = await ctx.newPage();
    await p.goto(running.url);
    await p.getByRole('link', { name: '申请公开', exact: true }).click();
    await p.getByRole('heading', { name: '申请公开政府信息' }).waitFor();
    await choose(p, 'agency_id', '云岫市财政局', '财政局');
    await choose(p, 'type', '自然人');
    await p.fill('#name', '张三');
    // 110105194912310021: the check character of these 17 digits is X (weighted sum 167, 167 mod 11 = 2 → X), not 1.
    await p.fill('#idNumber', '110105194912310021');
    await p.fill('#phone', '13912345678');
    await p.fill('#description', '2025年本市政府采购项目的预算执行情况');
    a11y.set('申请公开', await accessibility(p));
    await p.getByRole('button', { name: '提交申请' }).click();
    const idError = p.locator('.ant-form-item:has(#idNumber) .ant-form-item-explain-error');
    await idError.filter({ hasText: '公民身份号码的校验位不符' }).waitFor();
    await p.fill('#idNumber', '11010519491231002X');
    await p.getByRole('button', { name: '提交申请' }).click();
    await p.getByRole('heading', { name: '申请已提交' }).waitFor();
    receipt = (await p.getByTestId('receipt-number').innerText()).trim();
    queryCode = (await p.getByTestId('query-code').innerText()).trim();
    assert.match(receipt, /^YSQ\d{4}-[A-Z0-9]+$/);
    assert.ok(queryCode.length >= 6, queryCode);
    assert.match(await p.locator('.receipt').innerText(), /查询码只显示这一次/);
    dueText = (await p.getByTestId('due').innerText()).trim();
    assert.match(dueText, /^\d{4}年\d{1,2}月\d{1,2}日$/);
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'nothing wider than the phone');
    a11y.set('申请回执', await accessibility(p));
    await ctx.close();
  });

  test('the citizen follows the case with the keyboard only: a wrong code is refused, the right one shows the stage', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    ctx.setDefaultTimeout(30_000);
    const p = await ctx.newPage();
    await p.goto(`${running.url}/follow`);
    await p.getByRole('heading', { name: '查询办理进度' }).waitFor();
    for (let i = 0; i < 15 && (await p.evaluate(() => document.activeElement?.id)) !== 'receipt_number'; i++) await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'receipt_number', 'Tab reaches the receipt number');
    await p.keyboard.type(receipt);
    await p.keyboard.press('Tab');
    await p.keyboard.type('WRONGCODE');
    await p.keyboard.press('Enter');
    await p.getByRole('alert').filter({ hasText: '受理编号或查询码不正确' }).waitFor();
    assert.equal(await p.locator('.follow-status').count(), 0, 'nothing of the case shown');
    await p.keyboard.press('ControlOrMeta+a');
    await p.keyboard.type(queryCode);
    await p.keyboard.press('Enter');
    const status = p.locator('.follow-status');
    await status.waitFor();
    const text = await status.innerText();
    assert.match(text, /办理阶段\s*办理中/);
    assert.match(text, new RegExp(`答复期限\\s*${dueText}`));
    assert.match(text, /云岫市财政局/);
    assert.doesNotMatch(text, /张三|11010519491231002X|13912345678/, 'no personal data');
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'nothing wider than the phone');
    a11y.set('查询办理进度', await accessibility(p));
    await ctx.close();
  });

  test("the clerk's dashboard shows the new case's due date with its basis", async () => {
    await signIn(page, running.url, 'demo-agency', running.passwords.get('demo-agency')!);
    await page.getByRole('link', { name: '依申请公开' }).click();
    await page.getByRole('heading', { name: '依申请公开' }).waitFor();
    await page.goto(`${running.url}/cases?year=${today.slice(0, 4)}`);
    const row = page.locator('tr.case-row', { hasText: receipt });
    await row.waitFor();
    await row.locator('details.basis summary').click();
    const due = await row.locator('.due-cell').innerText();
    assert.ok(due.startsWith(dueText), due);
    assert.match(due, new RegExp(`${chinese(today)}收到申请`));
    assert.match(due, /20 个工作日/);
    assert.match(await row.innerText(), /张\*/, 'the applicant masked in the list');
    assert.doesNotMatch(await row.innerText(), /张三/);
    a11y.set('依申请公开', await accessibility(page));
  });

  test('the clerk sends 补正, records the correction, replies 予以公开; a record the case cannot take is refused with the reason', async () => {
    await page.locator('tr.case-row', { hasText: receipt }).getByRole('link', { name: receipt }).click();
    await page.getByRole('heading', { name: receipt }).waitFor();
    await page.getByRole('button', { name: '查看申请人信息' }).click();
    const who = page.locator('.applicant-box');
    await who.waitFor();
    assert.match(await who.innerText(), /张三/);
    assert.match(await who.innerText(), /11010519491231002X/);

    await page.getByRole('button', { name: '发出补正告知' }).click();
    await page.getByLabel('需补正的事项').fill('请写明所需信息的文件名称或者文号');
    await page.getByLabel('补正期限').fill(chinaDay(15));
    await page.getByRole('button', { name: '记录：发出补正告知' }).click();
    await page.locator('.page-head .stage-tag', { hasText: '等待补正' }).waitFor();

    await page.getByRole('button', { name: '收到补正', exact: true }).click();
    await page.getByRole('button', { name: '记录：收到补正' }).click();
    await page.locator('.page-head .stage-tag', { hasText: '办理中' }).waitFor();

    // A fee notice's form quotes the bands: this applicant's 1st application this month is free
    // (按件, 1–10 free); 101 pages 按量 = 70 pages × 10 元 (31–100) + 1 page × 20 元 (101–200) = 720 元.
    await page.getByRole('button', { name: '发出收费通知' }).click();
    await page.getByRole('alert').or(page.locator('.ant-alert-info')).filter({ hasText: '本月在本机关的第 1 件申请，按件计收 0 元' }).waitFor();
    await choose(page, 'method', '按量计收');
    await page.locator('#quantity').fill('101');
    await page.locator('#amount[value="720"]').waitFor();
    // Not sent: the case goes on to its reply.
    await page.getByRole('button', { name: '作出答复' }).click();
    await choose(page, 'outcome', '予以公开');
    await page.getByRole('button', { name: '记录：作出答复' }).click();
    await page.locator('.page-head .stage-tag', { hasText: '已办结' }).waitFor();
    const timeline = await page.locator('.case-timeline').innerText();
    for (const step of ['收到申请', '发出补正告知', '收到补正', '作出答复', '予以公开']) assert.ok(timeline.includes(step), step);

    // A second 补正 notice after the reply: the server refuses it and its reason is shown.
    await choose(page, 'other-action', '发出补正告知', '补正');
    await page.getByLabel('需补正的事项').fill('再次补正');
    await page.getByLabel('补正期限').fill(chinaDay(15));
    await page.getByRole('button', { name: '记录：发出补正告知' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '未能记录' });
    await refused.waitFor();
    assert.ok((await refused.locator('li').count()) >= 1);
    assert.match(await refused.innerText(), /[\u4e00-\u9fa5]{4,}/, 'a reason in Chinese');
    a11y.set('案件', await accessibility(page));
  });

  test('the clerk issues the reply letter and downloads it as Word with the receipt number in it', async () => {
    await page.getByRole('combobox', { name: '文书种类' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="政府信息公开申请答复告知书"]').click();
    const preview = page.locator('.letter-preview');
    await preview.waitFor();
    assert.match(await preview.innerText(), new RegExp(receipt), 'the slots filled from the case');
    assert.match(await preview.innerText(), /第三十六条第（二）项/, 'the statutory text of 予以公开');
    await page.getByLabel('提供方式').fill('以电子邮件发送预算执行情况表');
    await page.getByRole('button', { name: '出具政府信息公开申请答复告知书' }).click();
    const word = page.getByRole('link', { name: /下载 Word：政府信息公开申请答复告知书/ });
    await word.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), word.click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a Word file is a zip');
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
    assert.ok(xml.includes(receipt), 'the receipt number is in the letter');
    assert.ok(xml.includes('以电子邮件发送预算执行情况表'));
  });

  test('a record entered by mistake is voided, not deleted: the timeline keeps it struck through with the reason', async () => {
    await page.getByRole('button', { name: '送达', exact: true }).click();
    await page.locator('#method').fill('电子邮件');
    await page.getByRole('button', { name: '记录：送达' }).click();
    await page.locator('.case-timeline .action[data-type="delivered"]').waitFor();
    await choose(page, 'other-action', '更正：作废一条记录', '作废');
    await choose(page, 'target', `${today} 送达`);
    await page.locator('#reason').fill('送达方式登记错误');
    await page.getByRole('button', { name: '记录：更正：作废一条记录' }).click();
    const voided = page.locator('.case-timeline .action.voided[data-type="delivered"]');
    await voided.waitFor();
    assert.match(await voided.innerText(), /已作废/);
    assert.match(await voided.innerText(), /作废理由：送达方式登记错误/);
    assert.equal(await page.locator('.case-timeline .action[data-type="voided"]').count(), 1, 'the voiding record is in the timeline too');
  });

  test('a case registered with an old date is overdue and heads the dashboard', async () => {
    await page.goto(`${running.url}/cases`);
    await page.getByRole('button', { name: '登记申请' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, 'via', '当面提交');
    await dialog.locator('#on').fill(chinaDay(-60));
    await choose(page, 'type', '自然人');
    await dialog.locator('#name').fill('李四');
    await dialog.locator('#phone').fill('13800000000');
    await dialog.locator('#description').fill('2024年度部门决算公开表');
    a11y.set('登记申请', await accessibility(page));
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    const ok = dialog.locator('.ant-alert-success');
    await ok.waitFor().catch(async (e: unknown) => {
      throw new Error(`${String(e)}\n${await dialog.innerText()}`);
    });
    const registered = /受理编号 (\S+)/.exec(await ok.innerText())?.[1];
    assert.ok(registered);
    await dialog.locator('.ant-btn', { hasText: '关闭' }).click();
    await page.reload();
    const first = page.locator('tr.case-row').first();
    await first.waitFor();
    assert.match(await first.innerText(), new RegExp(registered));
    assert.match(await first.innerText(), /已超期/);
    await page.locator('.reminder-card', { hasText: registered }).waitFor();
  });

  test('the year page: clicking a 表三 cell lists exactly the cases behind it', async () => {
    const api = (await (await page.request.get(`${running.url}/api/ledger/2025/tables`)).json()) as { contributions: Record<string, string[]>; receipts: Record<string, string>; tables: Record<string, Record<string, Record<string, number>>> };
    // A cell of 表三 with several cases (not a total), and one of 表四.
    const [address, ids] = Object.entries(api.contributions).find(([a, l]) => a.startsWith('applications.') && !a.includes('total') && l.length >= 3)!;
    await page.goto(`${running.url}/ledger/2025`);
    await page.getByRole('heading', { name: '2025年度依申请公开统计' }).waitFor();
    const cell = page.locator(`[data-address="${address}"]`);
    const [, row, col] = address.split('.');
    assert.equal(await cell.innerText(), String(api.tables.applications[row][col]));
    assert.equal(Number(await cell.innerText()), ids.length, 'the number is the count of its cases');
    await cell.click();
    const links = page.locator('.ledger-case-list a');
    await links.first().waitFor();
    const shown = (await links.allInnerTexts()).sort();
    assert.deepEqual(shown, ids.map((id) => api.receipts[id]).sort());
    assert.match(await page.locator('.cell-name').innerText(), new RegExp(`共 ${ids.length} 件`));
    a11y.set('年度统计', await accessibility(page));
    const firstReceipt = (await links.first().innerText()).trim();
    await links.first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+$/);
    await page.locator('.case-timeline').waitFor();
    assert.equal((await page.locator('h1').innerText()).trim(), firstReceipt, 'the receipt number opens its case');
  });

  test("another agency's case by its URL: 不存在或无权查看 and none of its data", async () => {
    const other = await running.store.db.selectFrom('agencies').select('id').where('name', '=', '云岫市人民政府').executeTakeFirstOrThrow();
    const filed = await fetch(`${running.url}/api/public/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agency_id: other.id, applicant: { type: 'natural_person', name: '王五', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '13700000000' }, request: { description: '另一机关的申请内容' } }),
    });
    assert.equal(filed.status, 201);
    const { receipt_number } = (await filed.json()) as { receipt_number: string };
    const row = await running.store.db.selectFrom('cases').select('id').where('receipt_number', '=', receipt_number).executeTakeFirstOrThrow();
    await page.goto(`${running.url}/cases/${row.id}`);
    await page.getByRole('alert').filter({ hasText: '案件不存在或无权查看' }).waitFor();
    const body = await page.locator('main').innerText();
    assert.doesNotMatch(body, new RegExp(`${receipt_number}|王五|另一机关的申请内容`));
    assert.equal(await page.locator('.case-timeline').count(), 0);
  });

  test('no serious or critical accessibility violations on the new pages', () => {
    assert.deepEqual([...a11y.keys()].sort(), ['申请公开', '申请回执', '查询办理进度', '依申请公开', '案件', '登记申请', '年度统计'].sort());
    const found = [...a11y].filter(([, v]) => v.length).map(([k, v]) => `${k}：${v.join('；')}`);
    assert.deepEqual(found, []);
  });
});
