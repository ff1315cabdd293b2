// The publishing gate: for publication the checker runs first and any error refuses the render,
// with the errors listed in Chinese; a draft always renders, marked 草稿.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile, PublicationRefusedError, RenderError, renderReport, type Report } from '../src/index.ts';
import { sampleReport } from './support/render-reports.ts';
import { seedPath } from './support/seeds.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('发布核查', () => {
  it('种子 004（表四“行政复议”总计与分项不符）：拒绝生成发布稿，列出错误', async () => {
    const report = await parseFile(seedPath('004'));
    await assert.rejects(renderReport(report, { to: 'html' }), (e: unknown) => {
      assert.ok(e instanceof PublicationRefusedError);
      assert.ok(e instanceof RenderError);
      assert.deepEqual(
        e.diagnostics.map((d) => d.rule),
        ['review_litigation.row_sum'],
      );
      assert.match(e.message, /^报告还有 1 个错误，不能生成发布稿/);
      assert.match(e.message, /表四“行政复议”/);
      assert.match(e.message, /\[review_litigation\.row_sum\]/);
      return true;
    });
  });

  it('种子 004 作为草稿可以生成，并注明草稿', async () => {
    const report = await parseFile(seedPath('004'));
    const md = text(await renderReport(report, { to: 'md', draft: true }));
    assert.match(md, /草稿/);
    assert.match(md, /^# 叶集生态环境分局2023年政府信息公开工作年度报告/);
    const html = text(await renderReport(report, { to: 'html', draft: true }));
    assert.match(html, /class="watermark"/);
  });

  it('每种格式都受核查约束', async () => {
    const report = await parseFile(seedPath('004'));
    for (const to of ['docx', 'pdf', 'html', 'xlsx', 'md'] as const) {
      await assert.rejects(renderReport(report, { to }), PublicationRefusedError, to);
    }
  });

  it('核查重新运行：报告里存的诊断不算数，以数据为准', async () => {
    // data broken, no diagnostics stored: still refused
    const broken: Report = sampleReport('2021', 31);
    broken.tables.applications.granted.total = (broken.tables.applications.granted.total ?? 0) + 1;
    await assert.rejects(renderReport(broken, { to: 'md' }), (e: unknown) => {
      assert.ok(e instanceof PublicationRefusedError);
      const rules = new Set(e.diagnostics.map((d) => d.rule));
      assert.ok(rules.has('applications.row_sum') && rules.has('applications.results_sum'), [...rules].join(','));
      return true;
    });
    // data consistent, a stale error stored: rendered
    const fine: Report = sampleReport('2021', 31);
    fine.diagnostics = [{ rule: 'applications.balance', severity: 'error', message: '旧的错误' }];
    assert.match(text(await renderReport(fine, { to: 'md' })), /^# /);
  });

  it('没有错误的报告生成发布稿，不带草稿字样', async () => {
    const report = await parseFile(seedPath('002'));
    const html = text(await renderReport(report, { to: 'html' }));
    assert.doesNotMatch(html, /草稿/);
    const xlsx = await renderReport(report, { to: 'xlsx' });
    assert.equal(text(xlsx.slice(0, 2)), 'PK');
    const docx = await renderReport(sampleReport('2019', 2), { to: 'docx' });
    assert.equal(text(docx.slice(0, 2)), 'PK');
  });

  it('不支持的格式：中文错误', async () => {
    await assert.rejects(renderReport(sampleReport('2021', 1), { to: 'odt' as 'md' }), /不支持的输出格式“odt”/);
  });
});
