import { narrativeModel } from '../../model/narrative.ts';
import { formatNumber, isMissingAt, numberAt } from '../cells.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';
import { where } from '../sentences.ts';

const meta: RuleMeta<'contradiction'> = {
  id: 'narrative.contradiction',
  severity: 'warning',
  stage: 'check',
  title: '正文说法与表格矛盾',
  description: '正文说“未收到申请”“均获维持”“无行政复议、行政诉讼”，而表格显示有申请、有被纠正或未审结的案件、有复议诉讼。',
  messages: {
    contradiction: {
      origin: 'check',
      example: '“一、总体情况”中写道“2023年我局未收到政府信息公开申请”（未收到政府信息公开申请），但表中相应数字合计为2',
    },
  },
};

export const narrativeContradiction: Rule = {
  meta,
  check(ctx) {
    const { format } = ctx;
    const out = [];
    // Cells the narrative model names that this format lacks count as 0, never missing.
    const indexOf = (a: string) => format.cell(a)?.index ?? -1;
    const missing = (a: string) => indexOf(a) >= 0 && isMissingAt(ctx, indexOf(a));
    const value = (a: string) => (indexOf(a) >= 0 ? numberAt(ctx, indexOf(a)) : 0);
    const { contradictions } = narrativeModel();
    const all = ctx.sentences();
    for (const c of contradictions) {
      if (c.whenPositive.some(missing)) continue;
      const total = c.whenPositive.reduce((acc, a) => acc + value(a), 0);
      if (total <= 0) continue;
      const s = all.find((x) => !c.unless?.test(x.text) && c.patterns.some((re) => re.test(x.text)));
      if (!s) continue;
      out.push(
        createDiagnostic(meta, 'contradiction', `${where(s)}“${s.text.length > 60 ? s.text.slice(0, 60) + '…' : s.text}”（${c.says}），但表中相应数字合计为${formatNumber(total)}`, {
          cells: c.whenPositive.filter((a) => value(a) !== 0),
          line: s.line,
        }),
      );
    }
    return out;
  },
};
