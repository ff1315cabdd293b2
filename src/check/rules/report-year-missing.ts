import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'missing'> = {
  id: 'report.year_missing',
  severity: 'error',
  stage: 'check',
  title: '无法确定报告年度',
  description: '从标题、统计期限和正文都无法确定报告所统计的年度。',
  messages: { missing: { origin: 'check', example: '无法确定报告年度：标题、统计期限和正文中都没有写明是哪一年的报告' } },
};

export const reportYearMissing: Rule = {
  meta,
  check({ report }) {
    if (report.year) return [];
    return [createDiagnostic(meta, 'missing', '无法确定报告年度：标题、统计期限和正文中都没有写明是哪一年的报告', { line: null })];
  },
};
