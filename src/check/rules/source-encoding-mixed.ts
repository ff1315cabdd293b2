import type { Rule } from '../rule.ts';

export const sourceEncodingMixed: Rule = {
  meta: {
    id: 'source.encoding_mixed',
    severity: 'warning',
    stage: 'parse',
    title: '文本中混有其他编码或无法识别的字节',
    description:
      '文件的大部分文字是一种编码（如 UTF-8），个别行是另一种（如复制粘贴进来的 GBK 句子），或有几个无法识别的字节。按多数的编码读取全文，个别行按它们自己的编码读取；无法识别的字节显示为“�”。提示列出这些行，请对照原文核实。',
  },
};
