// `npm run screenshots`: every main page at desktop and phone width, signed in as the
// administrator and as the public (and the demo agency's annual report page), into screenshots/
// (gitignored) — to look at.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, startWebApp } from '../test/support/web-app.ts';

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
  for (const [device, viewport] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    for (const who of ['admin', 'public'] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
      const page: Page = await context.newPage();
      await page.goto(`${running.url}/login`);
      await page.screenshot({ path: resolve(OUT, `${device}-login.png`) });
      if (who === 'admin') {
        await page.fill('#login', 'admin');
        await page.fill('#password', running.passwords.get('admin')!);
        await page.click('button[type=submit]');
        await page.waitForURL(`${running.url}/`);
      }
      for (const [name, path] of pages) {
        if (who === 'public' && (name === 'import' || name === 'admin')) continue;
        await page.goto(`${running.url}${path}`);
        await page.waitForLoadState('networkidle');
        if (name === 'report') await page.locator('.cell-btn.problem').first().click().catch(() => undefined);
        await page.waitForTimeout(300);
        await page.screenshot({ path: resolve(OUT, `${device}-${who}-${name}.png`), fullPage: device === 'desktop' });
      }
      await context.close();
    }
    // The agency's year-end assembly (demo-agency has every case role): last year's text adopted
    // for 总体情况 and checked, so that the 内容雷同 warning and the findings show.
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
    const page: Page = await context.newPage();
    await page.goto(`${running.url}/login`);
    await page.fill('#login', 'demo-agency');
    await page.fill('#password', running.passwords.get('demo-agency')!);
    await page.click('button[type=submit]');
    await page.waitForURL(`${running.url}/`);
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
