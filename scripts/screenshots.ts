// `npm run screenshots`: every main page at desktop and phone width, signed in as the
// administrator, as agency staff with case roles (the 依申请公开 ledger and the annual report
// page) and as the public, into screenshots/ (gitignored) — to look at.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, signIn, startWebApp } from '../test/support/web-app.ts';

const OUT = resolve(import.meta.dirname, '../screenshots');
mkdirSync(OUT, { recursive: true });

const running = await startWebApp();
const browser = await launchChromium();
try {
  const anyReport = await running.store.db.selectFrom('reports').select('id').where('error_count', '>', 0).orderBy('year', 'desc').executeTakeFirstOrThrow();
  const similar = await running.store.db.selectFrom('diagnostics').select(['report_id', 'related_report_id']).where('rule', '=', 'similarity.peer').executeTakeFirst();
  const agency = await running.store.db.selectFrom('agencies').select('id').where('name', '=', '云岫市人民政府').executeTakeFirstOrThrow();
  const pages: [string, string][] = [
    ['corpus', '/'],
    ['report', `/reports/${anyReport.id}`],
    ['agency', `/agencies/${agency.id}`],
    ['dashboard', '/dashboard'],
    ['import', '/import'],
    ['admin', '/admin'],
    ...(similar?.related_report_id ? [['similarity', `/reports/${similar.report_id}/similar/${similar.related_report_id}`] as [string, string]] : []),
  ];
  // One application filed online, to follow; the case pages of the demo ledger.
  const res = await fetch(`${running.url}/api/public/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agency_id: (await running.store.db.selectFrom('agencies').select('id').where('name', '=', '云岫市财政局').executeTakeFirstOrThrow()).id, applicant: { type: 'natural_person', name: '张三', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678' }, request: { description: '2025年本市政府采购项目的预算执行情况' } }),
  });
  const filed = (await res.json()) as { receipt_number: string; query_code: string };
  const withReview = await running.store.db.selectFrom('case_reviews').select('case_id').executeTakeFirst();
  const anyCase = withReview ?? (await running.store.db.selectFrom('cases').select('id as case_id').executeTakeFirstOrThrow());
  const openCase = await running.store.db.selectFrom('cases').select('id').where('receipt_number', '=', filed.receipt_number).executeTakeFirstOrThrow();
  const publicCasePages: [string, string][] = [
    ['apply', '/apply'],
    ['follow', '/follow'],
  ];
  const casePages: [string, string][] = [
    ['cases', '/cases'],
    ['case', `/cases/${anyCase.case_id}`],
    ['case-open', `/cases/${openCase.id}`],
    ['ledger-year', '/ledger/2025'],
    ['register', '/cases'],
  ];
  for (const [device, viewport] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    for (const who of ['admin', 'public', 'agency'] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
      const page: Page = await context.newPage();
      await page.goto(`${running.url}/login`);
      await page.screenshot({ path: resolve(OUT, `${device}-login.png`) });
      if (who !== 'public') {
        const login = who === 'admin' ? 'admin' : 'demo-agency';
        await signIn(page, running.url, login, running.passwords.get(login)!);
      }
      for (const [name, path] of who === 'agency' ? casePages : who === 'public' ? [...pages, ...publicCasePages] : pages) {
        if (who === 'public' && (name === 'import' || name === 'admin')) continue;
        await page.goto(`${running.url}${path}`);
        await page.waitForLoadState('networkidle');
        if (name === 'report') await page.locator('.cell-btn.problem').first().click().catch(() => undefined);
        if (name === 'ledger-year') await page.locator('[data-address="applications.granted.natural_person"]').click().catch(() => undefined);
        if (name === 'case') {
          await page.getByRole('combobox', { name: '文书种类' }).click();
          await page.locator('.ant-select-dropdown:visible .ant-select-item-option').last().click();
          await page.locator('.letter-preview').waitFor().catch(() => undefined);
        }
        if (name === 'case-open') await page.getByRole('button', { name: '发出收费通知' }).click().catch(() => undefined);
        if (name === 'register') {
          await page.getByRole('button', { name: '登记申请' }).click();
          await page.locator('#via').click();
          await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(3).click();
        }
        if (name === 'follow') {
          await page.fill('#receipt_number', filed.receipt_number);
          await page.fill('#query_code', filed.query_code);
          await page.getByRole('button', { name: '查询' }).click();
          await page.locator('.follow-status').waitFor();
        }
        await page.waitForTimeout(300);
        await page.screenshot({ path: resolve(OUT, `${device}-${who}-${name}.png`), fullPage: device === 'desktop' });
      }
      await context.close();
    }
    // The agency's year-end assembly (demo-agency has every case role): last year's text adopted
    // for 总体情况 and checked, so that the 内容雷同 warning and the findings show.
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
    const page: Page = await context.newPage();
    await signIn(page, running.url, 'demo-agency', running.passwords.get('demo-agency')!);
    await page.goto(`${running.url}/ledger/2025/report`);
    await page.getByRole('button', { name: '采用上年内容：一、总体情况' }).click();
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.getByLabel('检查结果').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(OUT, `${device}-agency-annual-report.png`), fullPage: device === 'desktop' });
    await context.close();
  }
  process.stdout.write(`截图已写入 ${OUT}\n`);
} finally {
  await browser.close();
  await running.close();
}
