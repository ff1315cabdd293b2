// The format model: both national formats load from data, with every table cell and relation.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formats, getFormat, formatForYear, normalizeLabel, stripNumbering } from '../src/model/index.ts';

describe('格式模型', () => {
  it('有 2021 年版和 2019 年版', () => {
    assert.deepEqual(formats().map((f) => f.id).sort(), ['2019', '2021']);
    assert.equal(formatForYear(2019).id, '2019');
    assert.equal(formatForYear(2020).id, '2019');
    assert.equal(formatForYear(2021).id, '2021');
    assert.equal(formatForYear(2025).id, '2021');
  });

  it('2021 年版：表二 10 格、表三 25 行×7 列、表四 3×5', () => {
    const f = getFormat('2021');
    assert.equal(f.table('active').addresses.length, 10);
    assert.equal(f.table('applications').rows.length, 25);
    assert.ok(f.table('applications').rows.every((r) => r.columns.length === 7));
    assert.equal(f.table('review_litigation').addresses.length, 15);
    assert.equal(f.addresses.length, 200);
  });

  it('2019 年版：（六）其他处理是一行，表二有第（九）项', () => {
    const f = getFormat('2019');
    const ids = f.table('applications').rows.map((r) => r.id);
    assert.ok(ids.includes('other'));
    assert.ok(!ids.includes('other_no_correction'));
    assert.equal(f.table('applications').rows.length, 23);
    assert.ok(f.cell('active.procurement.amount'));
    assert.equal(f.cell('active.licensing.change')?.column.type, 'signed_integer');
  });

  it('勾稽关系：办理结果总计 2021 年版 21 项、2019 年版 19 项', () => {
    assert.equal(getFormat('2021').relations.find((r) => r.id === 'applications.results_sum')!.right.length, 21);
    assert.equal(getFormat('2019').relations.find((r) => r.id === 'applications.results_sum')!.right.length, 19);
    for (const f of formats()) {
      for (const eq of f.equations) for (const a of [...eq.left, ...eq.right]) assert.ok(f.cell(a), `${f.id} ${eq.relation.id} → ${a}`);
      // each: row relations apply to every row of 表三 and 表四, each: column to every column
      assert.equal(f.equations.filter((e) => e.relation.id === 'applications.row_sum').length, f.table('applications').rows.length);
      assert.equal(f.equations.filter((e) => e.relation.id === 'applications.balance').length, 7);
      assert.equal(f.equations.filter((e) => e.relation.id === 'review_litigation.row_sum').length, 3);
    }
  });

  it('标签比较：全半角、空白、引号、顿号与逗号、编号差异都不算不同', () => {
    assert.equal(normalizeLabel('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), normalizeLabel('(二) 部分公开(区分处理的、只计这一情形、不计其他情形)'));
    assert.equal(normalizeLabel('3.危及“三安全一稳定”'), normalizeLabel('3. 危及"三安全一稳定"'));
    assert.equal(stripNumbering(normalizeLabel('2、 主动公开政府信息情况')), stripNumbering(normalizeLabel('二、主动公开政府信息情况')));
    assert.equal(stripNumbering(normalizeLabel('、其他需要报告的事项')), '其他需要报告的事项');
    assert.equal(stripNumbering(normalizeLabel('（七）总计')), '总计');
  });

  it('官方标签逐字来自格式：六个部分的标题', () => {
    assert.deepEqual(getFormat('2021').sections.map((s) => `${s.numeral}、${s.label}`), [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });
});
