// The parser's messages, in ESLint's valid/invalid style (test/support/rule-tester.ts), on small
// report texts (test/support/table-text.ts): each case is text as extraction leaves it — a label
// misprinted, a row's label lost, numbers run together, a number too many or too few, the text
// cut off — and the diagnostics it must get, by message id. Every message the parser declares
// (diagnostics/parse-rules.ts) has a case, and its documented example is a case's own message.

import { describe } from 'node:test';
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
        name: '多印一个数，表二没有勾稽关系：哪个是多出的不确定',
        input: table2({ licensing: [5, 7] }),
        errors: [{ messageId: 'extraUndetermined', cells: ['active.licensing.decisions'], message: structureRowMissing.messages.extraUndetermined.example }],
      },
    ],
  });
});
