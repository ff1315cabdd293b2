// Numbers printed after their labels or before them: when a lost label leaves the two readings
// equally plausible by count, the relations decide, and the lost row is reported, not guessed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../src/index.ts';
import { getFormat } from '../src/model/index.ts';

/** 表三 one cell per line without blank lines (text from a PDF), values after each label. */
function table(values: Record<string, number[]>, dropLabel: string, cutAfter?: string): string {
  const t = getFormat('2021').table('applications');
  const lines = [
    '某局2023年政府信息公开工作年度报告',
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他',
  ];
  for (const r of t.rows) {
    if (r.id !== dropLabel) lines.push(r.label);
    if (r.id === cutAfter) break; // the text ends with this label: its numbers were cut off
    lines.push(...(values[r.id] ?? [0, 0, 0, 0, 0, 0, 0]).map(String));
  }
  return lines.join('\n');
}

describe('数与标签的先后', () => {
  it('第一行的标签丢失：按勾稽关系判定数在标签之后，其余各行读对，丢失的行报错', () => {
    const values = {
      new_received: [5, 1, 0, 0, 0, 0, 6],
      carried_over: [1, 0, 0, 0, 0, 0, 1],
      granted: [4, 1, 0, 0, 0, 0, 5],
      unable_not_held: [2, 0, 0, 0, 0, 0, 2],
      results_total: [6, 1, 0, 0, 0, 0, 7],
    };
    const r = parseText(table(values, 'new_received'));
    const row = (id: string) => Object.values(r.tables.applications[id]);
    assert.deepEqual(row('carried_over'), values.carried_over);
    assert.deepEqual(row('granted'), values.granted);
    assert.deepEqual(row('results_total'), values.results_total);
    assert.deepEqual(row('new_received'), [null, null, null, null, null, null, null]);
    assert.ok(r.diagnostics.some((d) => d.rule === 'structure.row_missing' && d.origin === 'check' && d.cells?.includes('applications.new_received.total')));
  });

  it('第一行的标签丢失、表格又在某行标签处截断：两种读法同样说得通，不读取并报错，不错位', () => {
    // Read "before", every found label has exactly the seven numbers printed above it, and the
    // text accounts for every number; read "after", the numbers above the first found label are
    // the lost first row's. Neither reading is the text's own: nothing of 表三 may be guessed.
    const values = {
      new_received: [5, 1, 0, 0, 0, 0, 6],
      carried_over: [1, 0, 0, 0, 0, 0, 1],
      granted: [4, 1, 0, 0, 0, 0, 5],
      partial: [2, 0, 0, 0, 0, 0, 2],
    };
    const r = parseText(table(values, 'new_received', 'unable_unclear'));
    const read = Object.entries(r.tables.applications).flatMap(([row, cols]) =>
      Object.entries(cols).filter(([, v]) => v !== null).map(([col, v]) => `${row}.${col}=${v}`),
    );
    assert.deepEqual(read, []);
    const error = r.diagnostics.find((d) => d.rule === 'structure.row_missing' && d.messageId === 'orientationUndecided');
    assert.ok(error, r.diagnostics.map((d) => d.message).join('\n'));
    assert.ok(error.cells?.includes('applications.carried_over.total'));
  });
});
