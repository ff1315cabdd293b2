import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'missing'> = {
  id: 'report.agency_missing',
  severity: 'warning',
  stage: 'check',
  title: '未写明机关名称',
  description: '报告的标题、正文和落款都没有写明是哪个机关的年度报告。',
  messages: { missing: { origin: 'check', example: '报告的标题、正文和落款中都找不到发布机关的名称' } },
};

export const reportAgencyMissing: Rule = {
  meta,
  check({ report }) {
    if (report.agency) return [];
    return [createDiagnostic(meta, 'missing', '报告的标题、正文和落款中都找不到发布机关的名称', { line: null })];
  },
};
