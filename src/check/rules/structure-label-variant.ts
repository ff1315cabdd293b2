import type { Rule } from '../rule.ts';

export const structureLabelVariant: Rule = {
  meta: {
    id: 'structure.label_variant',
    severity: 'info',
    stage: 'parse',
    title: '标签与规定写法不同',
    description:
      '表格的行标签或列标题与格式规定的写法不同：错字、漏字、旧版（2019年版）写法或常见的非规定写法。解析器仍按其含义读取数据，并指出原文的写法。',
  },
};
