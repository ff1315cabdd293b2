import { numberAt } from '../cells.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'unpaid' | 'mentioned'> = {
  id: 'fees.statement',
  severity: 'warning',
  stage: 'check',
  title: '未说明信息处理费情况',
  description:
    '表三有“申请人逾期未按收费通知要求缴纳费用”的件数，或正文提到收费，而“六、其他需要报告的事项”没有说明收取信息处理费的情况（国办函〔2020〕109号）。',
  messages: {
    unpaid: { origin: 'check', example: '表三有1件申请因逾期未缴费不再处理，但“六、其他需要报告的事项”没有说明收取信息处理费的情况' },
    mentioned: { origin: 'check', example: '正文提到了信息处理费，但“六、其他需要报告的事项”没有说明收取信息处理费的情况' },
  },
};

export const feesStatement: Rule = {
  meta,
  check(ctx) {
    const { report, format } = ctx;
    const six = report.sections.filter((s) => s.id === 'other_matters');
    if (!six.length) return [];
    if (six.some((s) => /处理费|收费|收取费用/.test(s.text))) return [];
    const unpaidDefs = format.cells.filter((c) => c.row.id === 'other_fee_unpaid' && c.column.id === 'total');
    const unpaidCells = unpaidDefs.map((c) => c.address);
    const unpaid = unpaidDefs.reduce((n, c) => n + numberAt(ctx, c.index), 0);
    const mentioned = report.sections.some((s) => s.id !== 'other_matters' && /信息处理费/.test(s.text));
    if (unpaid <= 0 && !mentioned) return [];
    const why = unpaid > 0 ? `表三有${unpaid}件申请因逾期未缴费不再处理` : '正文提到了信息处理费';
    return [createDiagnostic(meta, unpaid > 0 ? 'unpaid' : 'mentioned', `${why}，但“${six[0].title}”没有说明收取信息处理费的情况`, { cells: unpaidCells, line: six[0].line ?? null })];
  },
};
