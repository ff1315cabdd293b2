import { diagnostic, type Rule } from '../rule.ts';

export const reportYearMissing: Rule = {
  meta: {
    id: 'report.year_missing',
    severity: 'error',
    stage: 'check',
    title: '无法确定报告年度',
    description: '从标题、统计期限和正文都无法确定报告所统计的年度。',
  },
  check({ report }) {
    if (report.year) return [];
    return [diagnostic(this.meta, '无法确定报告年度：标题、统计期限和正文中都没有写明是哪一年的报告', { line: null })];
  },
};
