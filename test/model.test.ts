// The format model: both national formats load from data, with every table cell and relation.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formats, getFormat, formatForYear, normalizeLabel, residual, stripNumbering } from '../src/model/index.ts';

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

describe('模型视图：各阶段共用，在模型中算一次', () => {
  const f = getFormat('2021');
  const t = f.table('applications');

  it('行的单元格：编号、地址、类型，与格式的单元格一致', () => {
    const row = t.rows.find((r) => r.id === 'granted')!;
    assert.deepEqual(row.addresses, row.columns.map((c) => `applications.granted.${c.id}`));
    assert.deepEqual(row.cellIndices, row.addresses.map((a) => f.cell(a)!.index));
    assert.ok(row.cells.every((c) => c.row === row && c.table === t));
    assert.deepEqual(row.types, row.columns.map((c) => c.type));
    // the table's views are its rows' in order
    assert.deepEqual(t.cellIndices, t.rows.flatMap((r) => r.cellIndices));
    assert.deepEqual(f.types, f.cells.map((c) => c.column.type));
  });

  it('行自身的等式只有本行的“总计”；表的等式是它全部的关系实例', () => {
    const row = t.rows.find((r) => r.id === 'granted')!;
    assert.deepEqual(row.ownEquations.map((e) => `${e.relation.id}:${e.key}`), ['applications.row_sum:granted']);
    assert.equal(t.equations.length, f.equations.filter((e) => e.relation.table === 'applications').length);
    assert.deepEqual(t.columnEquations.map((e) => e.relation.each), t.columnEquations.map(() => 'column'));
    assert.equal(t.columnEquations.length, 14); // balance and results_sum, each over 7 columns
    const rel = f.relations.find((r) => r.id === 'applications.balance')!;
    assert.deepEqual(rel.equations.map((e) => e.key), t.columns.map((c) => c.id));
    // 表四 is printed as one row of 15: its own equations are all three row sums
    assert.equal(f.table('review_litigation').ownEquations.length, 3);
  });

  it('行的阿拉伯数字编号（用于从连在一起的数字中剥去下一行的编号）', () => {
    assert.equal(t.rows.find((r) => r.id === 'withheld_third_party')!.arabicNumbering, '4');
    assert.equal(t.rows.find((r) => r.id === 'granted')!.arabicNumbering, '');
  });

  it('等式的各项与符号：左边为正，右边为负', () => {
    const eq = f.relations.find((r) => r.id === 'applications.balance')!.equations[0];
    assert.deepEqual(eq.terms, [...eq.leftCells, ...eq.rightCells].map((c) => c.index));
    assert.deepEqual(eq.signs, [1, 1, -1, -1]);
  });

  it('residual：空白按0计，未知则无法计算', () => {
    const eq = f.relations.find((r) => r.id === 'applications.balance')!.equations[0];
    const values = new Map<number, number | null | undefined>(eq.terms.map((i, k) => [i, [5, 2, 6, 1][k]]));
    assert.equal(residual(eq, (i) => values.get(i)), 0);
    values.set(eq.terms[1], null); // 上年结转 blank: 5 + 0 − 6 − 1
    assert.equal(residual(eq, (i) => values.get(i)), -2);
    values.set(eq.terms[3], undefined);
    assert.equal(residual(eq, (i) => values.get(i)), undefined);
  });

  it('报告的 cells 对象按格式的顺序由单元格编号生成；行的空对象每次是新的', () => {
    const record = f.cellRecord(f.cells.map((c) => c.index));
    assert.deepEqual(Object.keys(record), f.addresses);
    assert.equal(record['applications.granted.total'], f.cell('applications.granted.total')!.index);
    const row = t.rows[0];
    const a = row.emptyValues();
    assert.deepEqual(Object.entries(a), row.columns.map((c) => [c.id, null]));
    assert.notEqual(row.emptyValues(), a);
  });

  it('部分标题的检索键；表二的组标签按全称检索；表的用词', () => {
    assert.equal(f.sectionByKey.get('总体情况')?.id, 'overview');
    assert.equal(f.sectionByKey.get('存在问题及改进情况')?.id, 'problems');
    assert.ok(f.sectionKeys.every((k) => k.section.keys.some((x) => x.text === k.text)));
    const g = f.table('active').groups[0];
    assert.equal(g.short, g.label);
    assert.deepEqual(g.variants, []);
    const words = f.table('review_litigation').words;
    assert.ok(words.keys.includes('结果维持'));
    assert.equal(words.chars['维'.charCodeAt(0)], 1);
    assert.equal(words.free['诉'.charCodeAt(0)], 1); // 行政诉讼: a header that holds no numbers
    assert.equal(words.free['维'.charCodeAt(0)], 1); // 结果维持 is a column label: structural too
  });
});
