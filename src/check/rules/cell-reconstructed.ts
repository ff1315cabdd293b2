import type { Rule } from '../rule.ts';

export const cellReconstructed: Rule = {
  meta: {
    id: 'cell.reconstructed',
    severity: 'warning',
    stage: 'parse',
    title: '数值由勾稽关系推算',
    description:
      '原文在应有数字的位置没有印出（提取时丢了一列、数字连在一起、多出页码等），解析器依据勾稽关系推算出了唯一可能的值。推算的单元格状态为 reconstructed，提示说明推算依据；答案不唯一时不推算，单元格保持为空。',
  },
};
