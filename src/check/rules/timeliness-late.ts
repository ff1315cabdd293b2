import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'late'> = {
  id: 'timeliness.late',
  severity: 'warning',
  stage: 'check',
  title: '发布晚于法定期限',
  description:
    '《政府信息公开条例》第四十九条、第五十条：各部门应于每年1月31日前公布上一年度报告；县级以上人民政府的本行政区域年度报告应于3月31日前公布。报告所印日期晚于期限时提示。',
  messages: { late: { origin: 'check', example: '报告日期为2024-02-01，晚于2024年1月31日的公布期限' } },
};

export const timelinessLate: Rule = {
  meta,
  check({ report }) {
    if (!report.published || !report.year) return [];
    const summary = !!report.agency && /人民政府$/.test(report.agency);
    const deadline = `${report.year + 1}-${summary ? '03-31' : '01-31'}`;
    if (report.published <= deadline) return [];
    const line = report.origin?.published?.line ?? null;
    return [
      createDiagnostic(
        meta,
        'late',
        `报告日期为${report.published}，晚于${report.year + 1}年${summary ? '3月31日（人民政府年度报告）' : '1月31日'}的公布期限`,
        { line },
      ),
    ];
  },
};
