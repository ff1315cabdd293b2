import { diagnostic, type Rule } from '../rule.ts';

export const reportAgencyMissing: Rule = {
  meta: {
    id: 'report.agency_missing',
    severity: 'warning',
    stage: 'check',
    title: '未写明机关名称',
    description: '报告的标题、正文和落款都没有写明是哪个机关的年度报告。',
  },
  check({ report }) {
    if (report.agency) return [];
    return [diagnostic(this.meta, '报告的标题、正文和落款中都找不到发布机关的名称', { line: null })];
  },
};
