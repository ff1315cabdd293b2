// The parser's messages, in ESLint's valid/invalid style (test/support/rule-tester.ts), on small
// report texts (test/support/table-text.ts): each case is text as extraction leaves it — a label
// misprinted, a row's label lost, numbers run together, a number too many or too few, the text
// cut off — and the diagnostics it must get, by message id. Every message the parser declares
// (diagnostics/parse-rules.ts) has a case, and its documented example is a case's own message.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getFormat } from '../src/model/index.ts';
import { countSplits, splitDigits } from '../src/parse/interpret.ts';
import { searchPlan, solve } from '../src/parse/solve.ts';
import { cellReconstructed, structureLabelVariant, structureRowMissing } from '../src/diagnostics/parse-rules.ts';
import { parseRuleTester } from './support/rule-tester.ts';
import { table2, table3, table4 } from './support/table-text.ts';

const one = [1, 0, 0, 0, 0, 0, 1];
/** 表三 values with one application granted, every relation holding, and the rows given. */
const granted = (rows: Record<string, (number | string)[]> = {}) => ({ new_received: one, granted: one, results_total: one, ...rows });

/** 表三 with the labels of its first two rows printed together, then their 14 numbers. */
function labelsTogether(): string {
  const lines = table3(granted()).split('\n');
  const at = lines.indexOf('一、本年新收政府信息公开申请数量');
  lines.splice(at, 16, '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', ...one.map(String), '0', '0', '0', '0', '0', '0', '0');
  return lines.join('\n');
}

/** 表三 with （六）其他处理 printed as one row (the 2019 way): the group's label, then its seven numbers. */
function groupAsOneRow(): string {
  const lines = table3(granted({ new_received: [2, 0, 0, 0, 0, 0, 2], other_other: one, results_total: [2, 0, 0, 0, 0, 0, 2] })).split('\n');
  const at = lines.indexOf('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
  lines.splice(at, 24, '（六）其他处理', ...one.map(String));
  return lines.join('\n');
}

describe('解析器的消息', () => {
  parseRuleTester(structureLabelVariant, {
    valid: [{ name: '规定的写法', input: table3(granted()) }],
    invalid: [
      {
        name: '旧的或非规定的写法',
        input: table3(granted(), { label: { partial: '（二）部分公开' } }),
        errors: [{ messageId: 'variant', cells: [0, 1, 2, 3, 4, 5, 6].map((i) => `applications.partial.${['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'][i]}`), message: structureLabelVariant.messages.variant.example }],
      },
      { name: '规范性文件（表二）', input: table2({}).replace('行政规范性文件', '规范性文件'), errors: [{ messageId: 'variant', line: 12 }] },
      {
        name: '（六）其他处理印成一行、没有分项：数计入“3.其他”',
        input: groupAsOneRow(),
        errors: [{ messageId: 'groupAsRow', line: 173, cells: ['other_other', 'other_no_correction', 'other_fee_unpaid'].flatMap((r) => ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'].map((c) => `applications.${r}.${c}`)), message: structureLabelVariant.messages.groupAsRow.example }],
      },
      {
        name: '错字',
        input: table3(granted(), { label: { granted: '（一）予以公幵' } }),
        errors: [{ messageId: 'misprint', line: 29, message: structureLabelVariant.messages.misprint.example }],
      },
    ],
  });

  parseRuleTester(cellReconstructed, {
    valid: [
      { name: '每行印出应有的数', input: table3(granted()) },
      { name: '表二、表四照印', input: table2({ licensing: [5] }) + '\n' + table4([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) },
    ],
    invalid: [
      {
        name: '一行的标签未能识别：它的数按次序分给它',
        input: table3(granted({ granted: [0, 0, 0, 0, 0, 0, 0], partial: one }), { label: { partial: '（二）某某某某' } }),
        errors: [{ messageId: 'byOrderUnrecognised', message: cellReconstructed.messages.byOrderUnrecognised.example }],
      },
      {
        name: '数在标签之前，第一行的标签丢失',
        input: table3(granted(), { before: true, drop: ['new_received'], cutAfter: 'unable_unclear' }),
        errors: [{ messageId: 'byOrderUnrecognised', line: 13 }],
      },
      { name: '两行的标签印在一起、数值另起', input: labelsTogether(), errors: [{ messageId: 'byOrderTogether', message: cellReconstructed.messages.byOrderTogether.example }] },
      {
        name: '分隔符全丢、下一行的标签也丢了：多位数可能含下一行的数',
        input: table2({ penalty: ['86'], coercion: [] }, { glue: true, drop: ['coercion'] }),
        errors: [
          { messageId: 'mayHoldNextRow', cells: ['active.penalty.decisions'], message: cellReconstructed.messages.mayHoldNextRow.example },
          { messageId: 'runsSplit' }, // 表二's first rows glued too: 规章000, 行政规范性文件000
        ],
      },
      {
        name: '多出一个数（页码）：按勾稽关系剔除',
        input: table3(granted({ granted: [1, 0, 0, 0, 0, 0, 1, 3] })),
        errors: [{ messageId: 'extraDropped', message: cellReconstructed.messages.extraDropped.example }],
      },
      {
        name: '数字连在一起：只有一种拆分',
        input: table3(granted({ granted: ['1000001'] })),
        errors: [{ messageId: 'runsSplit', cells: [0, 1, 2, 3, 4, 5, 6].map((i) => `applications.granted.${['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'][i]}`), message: cellReconstructed.messages.runsSplit.example }],
      },
      {
        name: '少印一个数：只有一种可能',
        input: table3({ new_received: [1, 2, 3, 4, 5, 6, 21], granted: [1, 2, 3, 4, 5, 21], results_total: [1, 2, 3, 4, 5, 6, 21] }),
        errors: [{ messageId: 'missingFilled', message: cellReconstructed.messages.missingFilled.example }],
      },
      {
        name: '表四少印一个数：能确定的列按类型与关系放置',
        input: table4([25, 0, 3, 0, 28, 0, 0, 0, 0, 0, 3, 4, 4, 11]),
        errors: [{ messageId: 'missingFilled' }, { messageId: 'placedByType', message: cellReconstructed.messages.placedByType.example }],
      },
    ],
  });

  parseRuleTester(structureRowMissing, {
    valid: [{ name: '完整的表', input: table3(granted()) }],
    invalid: [
      {
        name: '文本在一行中间中断',
        input: table3(granted(), { cutAfter: 'granted' }) + '\n1\n0\n0',
        errors: [{ messageId: 'cutOff', message: structureRowMissing.messages.cutOff.example }],
      },
      {
        name: '第一行的标签丢失、表格又在某行标签处截断：数在标签前还是后无法确定',
        input: table3({ new_received: [5, 1, 0, 0, 0, 0, 6], carried_over: one, granted: [4, 1, 0, 0, 0, 0, 5], partial: [2, 0, 0, 0, 0, 0, 2] }, { drop: ['new_received'], cutAfter: 'unable_unclear' }),
        errors: [{ messageId: 'orientationUndecided', message: structureRowMissing.messages.orientationUndecided.example }],
      },
      {
        name: '表前多一个数、一行少一个数：数与标签对不上',
        input: table2({ regulations: [1, 2] }).replace('规章\n', '9\n规章\n'),
        errors: [{ messageId: 'unaligned', line: 9, message: '表二有1个数未能归入任何一行，另有1行的数不全：各行的数与行标签对不上（提取时表格的次序被打乱），这些数未读取，请对照原文核实（第9行起）' }],
      },
      {
        name: '一个20位的数要拆成7个：读法太多',
        input: table3(granted({ granted: ['12345678901234567890'] })),
        errors: [{ messageId: 'tooAmbiguous', message: structureRowMissing.messages.tooAmbiguous.example }],
      },
      {
        name: '少印三个数：缺的是哪几格不唯一',
        input: table3(granted({ carried_over: [3, 1, 0, 4] })),
        errors: [{ messageId: 'missingUndetermined', message: structureRowMissing.messages.missingUndetermined.example }],
      },
      {
        name: '求解的搜索到了上限：该行不读，并说明是搜索到了上限',
        input: {
          text: table3({ new_received: [1, 2, 3, 4, 5, 6, 21], granted: [1, 2, 3, 4, 5, 21], results_total: [1, 2, 3, 4, 5, 6, 21] }),
          settings: { nodeBudget: 1 },
        },
        errors: [{ messageId: 'searchExhausted', message: structureRowMissing.messages.searchExhausted.example }],
      },
      {
        // 22 digits into 15 cells: 116,280 ways, more than the 20,000 the parser enumerates. A
        // reading found among the first 20,000 would not be known to be the only one.
        name: '表四的15格印成一串22位数字：拆分方式超过上限，不从部分拆分中取读法',
        input: table4(['1'.repeat(22)]),
        errors: [{ messageId: 'tooAmbiguous', cells: getFormat('2021').table('review_litigation').addresses }],
      },
      {
        name: '一行的读法超过上限',
        input: { text: table3(granted({ granted: ['1000001'] })), settings: { maxCandidates: 0 } },
        errors: [{ messageId: 'tooAmbiguous' }],
      },
      {
        name: '假定丢了格的读法超过上限（不再说“无法唯一确定”）',
        input: { text: table3({ new_received: [1, 2, 3, 4, 5, 6, 21], granted: [1, 2, 3, 4, 5, 21], results_total: [1, 2, 3, 4, 5, 6, 21] }), settings: { widenLimit: 0 } },
        errors: [{ messageId: 'tooAmbiguous' }],
      },
      {
        name: '多出的数超过上限（4个）',
        input: table3(granted({ granted: [1, 0, 0, 0, 0, 0, 1, 7, 8, 9, 9] })),
        errors: [{ messageId: 'tooAmbiguous' }],
      },
      {
        name: '多印一个数，表二没有勾稽关系：哪个是多出的不确定',
        input: table2({ licensing: [5, 7] }),
        errors: [{ messageId: 'extraUndetermined', cells: ['active.licensing.decisions'], message: structureRowMissing.messages.extraUndetermined.example }],
      },
    ],
  });
});

describe('搜索的上限', () => {
  it('splitDigits：超过上限时只给出上限那么多，并说明不完整', () => {
    const all = splitDigits('1'.repeat(20), 15);
    assert.equal(all.splits.length, 11_628); // C(19, 14)
    assert.equal(all.complete, true);
    const cut = splitDigits('1'.repeat(20), 15, 5000);
    assert.equal(cut.splits.length, 5000);
    assert.equal(cut.complete, false);
    assert.equal(splitDigits('1'.repeat(22), 15).complete, false); // C(21, 14) = 116,280
    assert.deepEqual(splitDigits('1000001', 7), { splits: [['1', '0', '0', '0', '0', '0', '1']], complete: true });
  });

  it('countSplits：与 splitDigits 切出的数目相同（不用列出），超过上限时为上限加一', () => {
    assert.equal(countSplits('1'.repeat(20), 15), 11_628);
    assert.equal(countSplits('1'.repeat(20), 15, 5000), 5001);
    assert.equal(countSplits('1'.repeat(22), 15), 20_001);
    // Leading zeros, runs too long for one piece, too few digits: every rule of splitDigits.
    const runs = ['1000001', '0000000', '1203004050', '9'.repeat(40), '10203040506070809', '120', '7', '00120034000560'];
    for (const digits of runs) {
      for (let parts = 0; parts <= digits.length + 1; parts++) {
        const s = splitDigits(digits, parts, 5000);
        assert.equal(countSplits(digits, parts, 5000), s.complete ? s.splits.length : 5001, `${digits} → ${parts}`);
      }
    }
  });

  it('solve：预算用尽时结果标为未完成（exhausted），不当作已证明唯一', () => {
    const format = getFormat('2021');
    const size = format.cells.length;
    const eq = format.relations.find((r) => r.id === 'applications.row_sum')!.equations[0];
    const row = eq.leftCells[0].row;
    // One row, two options that both satisfy its sum: the search needs 2 nodes to see both.
    const values = (a: number) => row.columns.map((_c, k) => (k === 0 ? a : k === 6 ? a : 0));
    const unit = { unit: { cells: row.cellIndices }, candidates: [], exact: null, tooAmbiguous: false, completeOnly: false };
    const ambiguous = [{ ui: unit as never, options: [1, 2].map((a) => ({ values: values(a), readings: [{ values: values(a), tokens: [], pieces: [], dropped: [], how: 'short' as const }] })) }];
    const none = new Array<number>(size).fill(0);
    // 本年新收: its row sum, and the balance of each of its seven columns
    assert.equal(searchPlan(ambiguous, none, format.equations, size).relevant.length, 1 + 7);
    const full = solve(ambiguous, new Array<null>(size).fill(null), none, none, [eq], format);
    assert.deepEqual([full.solutions, full.exhausted], [2, false]);
    const cut = solve(ambiguous, new Array<null>(size).fill(null), none, none, [eq], format, 1);
    assert.deepEqual([cut.solutions, cut.exhausted], [1, true]);
  });
});
