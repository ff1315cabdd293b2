// gongkai workdays / gongkai fee as an office or a script uses them: ISO dates in and out, 暂定
// marked, Chinese errors with exit code 2, fees with their bands.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gongkai } from './support/cli.ts';

describe('gongkai workdays add', () => {
  it('gives the 20th working day after receipt across 春节 2024', () => {
    const r = gongkai('workdays', 'add', '2024-01-30', '20');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '2024-03-01\n');
  });
  it('marks a date in a year without a notice (暂定)', () => {
    const r = gongkai('workdays', 'add', '2026-12-21', '20');
    assert.equal(r.out, '2027-01-19 (暂定)\n');
    assert.match(r.err, /2027年的节假日安排尚未公布/);
    const j = gongkai('workdays', 'add', '2026-12-21', '20', '--json');
    assert.deepEqual(JSON.parse(j.out), { date: '2027-01-19', provisional: true, provisionalYears: [2027] });
  });
  it('refuses an impossible date or count in Chinese, exit 2', () => {
    const r = gongkai('workdays', 'add', '2024-02-30', '1');
    assert.equal(r.code, 2);
    assert.match(r.err, /日期“2024-02-30”无效/);
    assert.equal(gongkai('workdays', 'add', '2024-02-01', '二十').code, 2);
  });
});

describe('gongkai fee', () => {
  it('gives the K-th application’s fee and the month’s total', () => {
    const r = gongkai('fee', '--month-count', '35');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^按件计收：本月第 35 件申请 200 元；本月累计 3000 元\n/);
    assert.equal((JSON.parse(gongkai('fee', '--month-count', '11', '--json').out) as { monthTotal: number }).monthTotal, 100);
  });
  it('gives the fee by pages with its bands', () => {
    const r = gongkai('fee', '--pages', '201');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^按量计收：201 页 2740 元\n/);
    assert.match(r.out, /第 201 页：1 页 × 40 元 = 40 元/);
  });
  it('takes exactly one method', () => {
    const r = gongkai('fee', '--pages', '3', '--month-count', '3');
    assert.equal(r.code, 2);
    assert.match(r.err, /只能选择一种计收方式/);
  });
});
