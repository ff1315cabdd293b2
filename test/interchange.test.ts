// The interchange JSON (gongkai.report/1): validated by its JSON Schema and the format model,
// and readable back as input with the same result.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile, parseReport, validateReport, type Report } from '../src/index.ts';
import { baseReport } from './support/reports.ts';
import { seedPath } from './support/seeds.ts';

describe('交换格式校验', () => {
  it('构造的完整报告有效', () => {
    assert.deepEqual(validateReport(baseReport('2021')), []);
    assert.deepEqual(validateReport(baseReport('2019')), []);
  });

  it('空白单元格写成 0 是错误', () => {
    const r = baseReport();
    r.cells['applications.granted.total'].status = 'blank';
    assert.match(validateReport(r).join(), /applications\.granted\.total.*null/);
  });

  it('缺单元格、多出格式之外的单元格都被指出', () => {
    const r = baseReport();
    delete r.cells['review_litigation.review.total'];
    r.cells['applications.granted.bogus'] = { raw: '1', line: 1, status: 'read' };
    const problems = validateReport(r).join('\n');
    assert.match(problems, /review_litigation\.review\.total/);
    assert.match(problems, /applications\.granted\.bogus/);
  });

  it('结构不符（版本、类型）', () => {
    const r = baseReport() as unknown as Record<string, unknown>;
    assert.notDeepEqual(validateReport({ ...r, schema: 'other/1' }), []);
    assert.notDeepEqual(validateReport({ ...r, year: '2023' }), []);
    assert.notDeepEqual(validateReport({ ...r, published: '2023/1/1' }), []);
  });
});

describe('交换格式可作为输入读回', () => {
  for (const seed of ['002', '004']) {
    it(`种子 ${seed}：JSON 读回后数据与诊断不变`, async () => {
      const r = await parseFile(seedPath(seed));
      const again: Report = await parseReport(JSON.stringify(r), { name: 'report.json' });
      assert.deepEqual(again.tables, r.tables);
      assert.deepEqual(again.cells, r.cells);
      assert.deepEqual(again.diagnostics, r.diagnostics);
    });
  }

  it('JSON 里改了数字，读回时重新核查', async () => {
    const r = await parseFile(seedPath('000'));
    r.tables.applications.granted.natural_person = 3;
    const again = await parseReport(JSON.stringify(r), { name: 'edited.json' });
    assert.ok(again.diagnostics.some((d) => d.rule === 'applications.row_sum'));
    assert.ok(again.diagnostics.some((d) => d.rule === 'applications.results_sum'));
  });

  it('无效的 JSON 报告给出中文错误', async () => {
    await assert.rejects(parseReport('{"schema": "gongkai.report/1", "tables": 1}', { name: 'bad.json' }), /bad\.json：不是有效的 gongkai\.report\/1 报告/);
  });
});
