// Metadata of the rules the parser raises while it reads the source (and, for
// structure.row_missing, the checker too): here, below both stages, so that both make their
// diagnostics from it. The checker's catalogue lists these with its own rules.

import type { RuleMeta } from './diagnostic.ts';

export const cellReconstructed: RuleMeta<
  'byOrderUnrecognised' | 'byOrderTogether' | 'mayHoldNextRow' | 'extraDropped' | 'runsSplit' | 'missingFilled' | 'placedByType'
> = {
  id: 'cell.reconstructed',
  severity: 'warning',
  stage: 'parse',
  title: '数值由勾稽关系推算',
  description:
    '原文在应有数字的位置没有印出（提取时丢了一列、数字连在一起、多出页码等），解析器依据勾稽关系推算出了唯一可能的值。推算的单元格状态为 reconstructed，提示说明推算依据；答案不唯一时不推算，单元格保持为空。',
  messages: {
    byOrderUnrecognised: {
      origin: 'parse',
      example: '表三“部分公开”行的标签未能识别，这些行的14个数按行的次序分配，请对照原文核实（第29行）',
    },
    byOrderTogether: {
      origin: 'parse',
      example: '表三“本年新收”、“上年结转”几行的标签印在一起、数值另起，这些行的14个数按行的次序分配，请对照原文核实（第13行）',
    },
    mayHoldNextRow: {
      origin: 'parse',
      example:
        '表二“行政处罚”行读到的“86”可能不全是本行的数：文字丢了分隔符，而下一行“行政强制”的标签没有找到，这些数字可能含有下一行的数，请对照原文核实（第17行）',
    },
    extraDropped: {
      origin: 'parse',
      example:
        '表三“予以公开”行印出的数比应有的多：“3”（第37行）不属于表中数据（可能是页码、页脚或编号），依据勾稽关系（每行“总计”等于自然人与法人或其他组织各列之和；“（七）总计”等于各项办理结果之和）已将其剔除',
    },
    runsSplit: {
      origin: 'parse',
      example:
        '表三“予以公开”行“1000001”的数字连在一起印刷；依据勾稽关系（每行“总计”等于自然人与法人或其他组织各列之和；“（七）总计”等于各项办理结果之和）只有一种拆分方式，已按此拆分，拆出的值标为推算值',
    },
    missingFilled: {
      origin: 'parse',
      example:
        '表三“予以公开”行只印出6个数，应有7个（疑似提取时丢了列或空了格）；依据勾稽关系（每行“总计”等于自然人与法人或其他组织各列之和；“（七）总计”等于各项办理结果之和），缺失的值只有一种可能，已补出并标为推算值（共1个单元格）',
    },
    placedByType: {
      origin: 'parse',
      example:
        '表四数据行印出的数（25 0 3 0 28 0 0 0 0 0 3 4 4 11）少于应有的15个，无法全部确定；其中“结果维持”、“结果纠正”、“其他结果”、“尚未审结”、“总计”列的数按各列的类型与勾稽关系只能这样放，已读出并标为推算值，请对照原文核实（第22行）',
    },
  },
};

export const structureLabelVariant: RuleMeta<'variant' | 'misprint' | 'groupAsRow'> = {
  id: 'structure.label_variant',
  severity: 'info',
  stage: 'parse',
  title: '标签与规定写法不同',
  description:
    '表格的行标签或列标题与格式规定的写法不同：错字、漏字、旧版（2019年版）写法或常见的非规定写法。解析器仍按其含义读取数据，并指出原文的写法。一组行印成一行、没有分项（2021年版的（六）其他处理按2019年版印成一行）时，印出的数计入该组的“其他”分项，其余分项为空值。',
  messages: {
    variant: {
      origin: 'parse',
      example: '表三“部分公开”行的标签印作“部分公开”，是旧的或非规定的写法；规定写法为“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”（第37行）',
    },
    misprint: {
      origin: 'parse',
      example: '表三“予以公开”行的标签印作“予以公”，与规定写法不同（疑似错字或漏字）；规定写法为“（一）予以公开”（第29行）',
    },
    groupAsRow: {
      origin: 'parse',
      example: '表三“（六）其他处理”印成一行、没有分项（2019年版的写法）：印出的数计入“3.其他”，“逾期不补正”、“逾期未缴费”2行为空值（第173行）',
    },
  },
};

export const structureRowMissing: RuleMeta<
  'absent' | 'cutOff' | 'orientationUndecided' | 'unaligned' | 'tooAmbiguous' | 'missingUndetermined' | 'extraUndetermined' | 'searchExhausted'
> = {
  id: 'structure.row_missing',
  severity: 'error',
  stage: 'check',
  title: '表中缺少行或数据',
  description: '表格存在，但其中某些行没有找到，或某行的数据无法确定地读出（此时由解析器说明原因）。缺失的单元格为空值，不按0处理。',
  messages: {
    absent: {
      origin: 'check',
      example: '表三缺少2行：“予以公开”、“部分公开”（这些单元格为空值）',
    },
    cutOff: {
      origin: 'parse',
      example: '表三“予以公开”行之后文本中断（文件不完整），该行印出的数（1 0 0）可能被截断，未读取，请对照原文核实（第29行）',
    },
    orientationUndecided: {
      origin: 'parse',
      example:
        '表三各行的数印在行标签之前还是之后无法确定（两种读法同样说得通，表格可能不完整或有缺损），这些数未读取，请对照原文核实（第20行起）',
    },
    unaligned: {
      origin: 'parse',
      example:
        '表二有1个数未能归入任何一行，另有1行的数不全：各行的数与行标签对不上（提取时表格的次序被打乱），这些数未读取，请对照原文核实（第9行起）',
    },
    tooAmbiguous: {
      origin: 'parse',
      example:
        '表三“予以公开”行印出1个数（12345678901234567890），应有7个；可能的读法太多，未能确定的单元格置为空值，请对照原文核实（第29行）',
    },
    missingUndetermined: {
      origin: 'parse',
      example: '表三“上年结转”行印出4个数（3 1 0 4），应有7个；按勾稽关系无法唯一确定缺的是哪几格，未能确定的单元格置为空值，请对照原文核实（第21行）',
    },
    searchExhausted: {
      origin: 'parse',
      example:
        '表三“予以公开”行印出6个数（1 2 3 4 5 21），应有7个；与同表其他行的读法组合太多，搜索到上限（1种）仍未完成，未能确定的单元格置为空值，请对照原文核实（第29行）',
    },
    extraUndetermined: {
      origin: 'parse',
      example: '表二“行政许可”行印出2个数（5 7），应有1个；按勾稽关系无法确定哪个数是多出的，未能确定的单元格置为空值，请对照原文核实（第19行）',
    },
  },
};

export const sourceEncodingMixed: RuleMeta<'otherEncoding' | 'invalidBytes'> = {
  id: 'source.encoding_mixed',
  severity: 'warning',
  stage: 'parse',
  title: '文本中混有其他编码或无法识别的字节',
  description:
    '文件的大部分文字是一种编码（如 UTF-8），个别行是另一种（如复制粘贴进来的 GBK 句子），或有几个无法识别的字节。按多数的编码读取全文，个别行按它们自己的编码读取；无法识别的字节显示为“\ufffd”。提示列出这些行，请对照原文核实。',
  messages: {
    otherEncoding: {
      origin: 'parse',
      example: '文件按 UTF-8 编码读取，其中第5行是 GBK（GB18030） 编码（可能是从别处复制粘贴的），已按该编码读取，请核实',
    },
    invalidBytes: {
      origin: 'parse',
      example: '文件按 UTF-8 编码读取，第3、19、50行有无法识别的字节（显示为“\ufffd”），这些位置的文字可能缺失，请对照原文核实',
    },
  },
};
