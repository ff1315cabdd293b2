// Fees of 国办函〔2020〕109号 at every band boundary (amounts worked out by hand from the bands
// of the 办法), and identity numbers with their checksums on real-format examples.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feeByPages, feeForApplication, monthTotal } from '../src/cases/fees.ts';
import { applicantTypes, checkCreditCode, checkResidentId } from '../src/cases/identity.ts';

describe('按件计收', () => {
  // 1–10 free, 11–30 100 元 each, 31–40 200 元, 41–50 300 元, …
  const cases: [number, number, number][] = [
    // [k, fee of the k-th, month total after k]
    [1, 0, 0],
    [10, 0, 0],
    [11, 100, 100],
    [30, 100, 2000],
    [31, 200, 2200],
    [35, 200, 3000], // the 办法's example: 20 × 100 + 5 × 200
    [40, 200, 4000],
    [41, 300, 4300],
    [50, 300, 7000],
    [51, 400, 7400],
  ];
  for (const [k, fee, total] of cases) {
    it(`the ${k}th application of a month costs ${fee} 元, ${total} 元 in all`, () => {
      assert.equal(feeForApplication(k), fee);
      assert.equal(monthTotal(k).amount, total);
    });
  }
  it('explains the month’s total band by band', () => {
    assert.deepEqual(monthTotal(41).basis, ['第 1—10 件：10 件免费', '第 11—30 件：20 件 × 100 元 = 2000 元', '第 31—40 件：10 件 × 200 元 = 2000 元', '第 41 件：1 件 × 300 元 = 300 元']);
  });
  it('refuses a count that is no positive whole number', () => {
    assert.throws(() => feeForApplication(0), /从 1 起算/);
    assert.throws(() => feeForApplication(2.5), /整数/);
  });
});

describe('按量计收', () => {
  // 1–30 pages free, 31–100 10 元/页, 101–200 20 元/页, 201+ 40 元/页 (each on its part).
  const cases: [number, number][] = [
    [0, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [150, 1700], // 70 × 10 + 50 × 20
    [200, 2700],
    [201, 2740],
    [250, 4700], // 700 + 2 000 + 50 × 40
  ];
  for (const [pages, amount] of cases) {
    it(`${pages} pages cost ${amount} 元`, () => assert.equal(feeByPages(pages).amount, amount));
  }
});

describe('identity numbers', () => {
  it('accepts the example of GB 11643 and reads its date of birth', () => {
    assert.deepEqual(checkResidentId('11010519491231002X'), { ok: true, birthDate: '1949-12-31' });
    assert.deepEqual(checkResidentId('11010519491231002x'), { ok: true, birthDate: '1949-12-31' });
  });
  it('refuses a wrong check character, a bad date, a bad region and the old 15 digits', () => {
    assert.match((checkResidentId('110105194912310021') as { problem: string }).problem, /校验位不符/);
    assert.match((checkResidentId('110105194902300020') as { problem: string }).problem, /出生日期“19490230”不是有效日期/);
    assert.match((checkResidentId('991105194912310020') as { problem: string }).problem, /省级行政区划代码/);
    assert.match((checkResidentId('110105491231002') as { problem: string }).problem, /15 位/);
    assert.match((checkResidentId('11010520300101001X', '2026-01-01') as { problem: string }).problem, /出生日期 2030-01-01 晚于今天/);
  });
  it('accepts real 统一社会信用代码 and refuses altered ones', () => {
    // The example of GB 32100-2015 and two codes printed on companies' public business licences.
    for (const code of ['91350100M000100Y43', '9144030071526726XG', '914403001922038216']) assert.deepEqual(checkCreditCode(code), { ok: true }, code);
    assert.match((checkCreditCode('91350100M000100Y44') as { problem: string }).problem, /校验位不符/);
    assert.match((checkCreditCode('91350100M0001O0Y43') as { problem: string }).problem, /不能出现“O”/);
    assert.match((checkCreditCode('91350100M000100Y4') as { problem: string }).problem, /18 位/);
  });
  it('takes the applicant types from 表三’s columns', () => {
    assert.deepEqual(applicantTypes().map((c) => c.label), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    assert.equal(applicantTypes()[1].group, '法人或其他组织');
  });
});
