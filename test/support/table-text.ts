// Minimal report texts for parser tests: one table of the 2021 format, one cell per line (text
// copied from a PDF), with the numbers before or after their labels, labels dropped or replaced,
// rows glued together, the text cut off. Only what a case is about changes.

import { getFormat } from '../../src/model/index.ts';
/** 表三, each row's label then its seven numbers (or the numbers first); the text goes on after it unless cut. */
export function table3(values: Record<string, (number|string)[]>, opts: { drop?: string[]; cutAfter?: string; label?: Record<string,string>; before?: boolean } = {}): string {
  const t = getFormat('2021').table('applications');
  const lines = ['某局2023年政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
  for (const r of t.rows) {
    const nums = (values[r.id] ?? [0, 0, 0, 0, 0, 0, 0]).map(String);
    if (opts.before) lines.push(...nums);
    if (!opts.drop?.includes(r.id)) lines.push(opts.label?.[r.id] ?? r.label);
    if (r.id === opts.cutAfter) break;
    if (!opts.before) lines.push(...nums);
  }
  if (!opts.cutAfter) lines.push('五、存在的主要问题及改进情况', '无。');
  return lines.join('\n');
}

/** 表二 of the 2021 format, one cell per line: group label, header, then each row's label and values. */
export function table2(values: Record<string, (number | string)[]>, opts: { glue?: boolean; drop?: string[] } = {}): string {
  const t = getFormat('2021').table('active');
  const lines = ['某局2023年政府信息公开工作年度报告', '二、主动公开政府信息情况'];
  for (const g of t.groups) {
    lines.push(g.label, '信息内容', ...g.columns.map((c) => c.label));
    for (const r of g.rows) {
      const nums = (values[r.id] ?? r.columns.map(() => 0)).map(String);
      const label = opts.drop?.includes(r.id) ? '' : r.label;
      if (opts.glue) lines.push(label + nums.join(''));
      else lines.push(...(label ? [label] : []), ...nums);
    }
  }
  lines.push('三、收到和处理政府信息公开申请情况', '无。');
  return lines.join('\n');
}

/** 表四 of the 2021 format: the two-level header, then the 15 numbers one per line. */
export function table4(values: (number | string)[]): string {
  const cols = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const lines = ['某局2023年政府信息公开工作年度报告', '四、政府信息公开行政复议、行政诉讼情况', '行政复议', '行政诉讼', ...cols, '未经复议直接起诉', '复议后起诉', ...cols, ...cols];
  lines.push(...values.map(String), '五、存在的主要问题及改进情况', '无。');
  return lines.join('\n');
}
