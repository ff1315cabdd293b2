// A group of rows printed as one row (2021's （六）其他处理 without its sub-rows, the 2019 way):
// the printed numbers are kept in the group's catch-all sub-row 3.其他, the other sub-rows are
// null without a missing-row error. (The checker does not yet check the sums over those null
// sub-rows: their cells are 'missing', which the relation rule skips.)

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../src/index.ts';
import { table3 } from './support/table-text.ts';

const one = [1, 0, 0, 0, 0, 0, 1];
const three = [2, 0, 0, 1, 0, 0, 3];

function text(otherValues: number[], total: number[]): string {
  const lines = table3({ new_received: total, granted: one, other_other: otherValues, results_total: total }).split('\n');
  const at = lines.indexOf('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
  lines.splice(at, 24, '（六）其他处理', ...otherValues.map(String));
  return lines.join('\n');
}

describe('一组印成一行', () => {
  it('（六）其他处理的数计入“3.其他”，另两行为空值，只有一条说明', () => {
    const r = parseText(text(three, [3, 0, 0, 1, 0, 0, 4]));
    assert.deepEqual(Object.values(r.tables.applications.other_other), three);
    assert.deepEqual(Object.values(r.tables.applications.other_no_correction), [null, null, null, null, null, null, null]);
    assert.deepEqual(Object.values(r.tables.applications.other_fee_unpaid), [null, null, null, null, null, null, null]);
    assert.equal(r.cells['applications.other_other.total']?.status, 'read');
    const about = r.diagnostics.filter((d) => d.cells?.some((c) => c.startsWith('applications.other_')));
    assert.deepEqual(about.map((d) => `${d.rule}/${d.messageId}`), ['structure.label_variant/groupAsRow']);
  });

});
