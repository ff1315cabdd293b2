// Splitting one printed cell into words and numbers (src/parse/cells.ts): what is a number of
// the table, and what belongs to the words around it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanCell } from '../src/parse/cells.ts';
import type { Token } from '../src/parse/tokens.ts';

/** "text:…" or "num:value" for each token of a cell. */
function scan(cell: string): string[] {
  const out: Token[] = [];
  scanCell(cell, { block: 0, line: 1, page: 0, table: 0, row: 0, col: 0 }, out);
  return out.map((t) => (t.kind === 'num' ? `num:${t.value}` : `${t.kind}:${t.raw}`));
}

describe('单元格切分', () => {
  it('数字连在标签后面，其中的负数（本年增/减）带着减号读出', () => {
    assert.deepEqual(scan('行政许可6-74'), ['text:行政许可', 'num:6', 'num:-74']);
    assert.deepEqual(scan('行政强制0-89'), ['text:行政强制', 'num:0', 'num:-89']);
  });

  it('日期、范围、电话号码里的“-”不是负号', () => {
    assert.deepEqual(scan('发布日期2022-02-15'), ['text:发布日期2022-02-15']);
    assert.deepEqual(scan('需要3-5个工作日'), ['text:需要3-5个工作日']);
    assert.deepEqual(scan('电话0899-6123470'), ['text:电话0899-6123470']);
    assert.deepEqual(scan('第3-5页'), ['text:第3-5页']);
  });

  it('分开印出的负数照常读出', () => {
    assert.deepEqual(scan('行政许可 12 -3 9'), ['text:行政许可', 'num:12', 'num:-3', 'num:9']);
  });
});
