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

  it('诊断的来源与消息编号：可以没有（旧的报告），有则须合规', () => {
    const r = baseReport();
    r.diagnostics = [{ rule: 'cell.blank', severity: 'warning', message: '旧报告的诊断' }];
    assert.deepEqual(validateReport(r), []);
    r.diagnostics = [{ rule: 'cell.blank', messageId: 'blank', origin: 'check', severity: 'warning', message: '新报告的诊断' }];
    assert.deepEqual(validateReport(r), []);
    assert.notDeepEqual(validateReport({ ...r, diagnostics: [{ ...r.diagnostics[0], origin: 'render' }] }), []);
  });

  it('写入来源之前的报告读回：解析阶段的诊断仍按规则认出并保留，核查阶段的重新计算', async () => {
    const r = await parseFile(seedPath('000')); // parse-stage diagnostics and check-stage ones
    assert.ok(r.diagnostics.some((d) => d.origin === 'parse'));
    const old = { ...r, diagnostics: r.diagnostics.map(({ origin: _o, messageId: _m, ...d }) => d) };
    const again = await parseReport(JSON.stringify(old), { name: 'old.json' });
    const strip = (ds: Report['diagnostics']) => ds.map((d) => `${d.rule} ${d.message}`).sort();
    assert.deepEqual(strip(again.diagnostics), strip(r.diagnostics));
    // the check stage's are made anew, with origin and id
    assert.ok(again.diagnostics.filter((d) => d.origin === 'check').length > 0);
    assert.ok(again.diagnostics.every((d) => d.origin !== 'check' || d.messageId));
  });

  it('无效的 JSON 报告给出中文错误', async () => {
    await assert.rejects(parseReport('{"schema": "gongkai.report/1", "tables": 1}', { name: 'bad.json' }), /bad\.json：不是有效的 gongkai\.report\/1 报告/);
  });
});
