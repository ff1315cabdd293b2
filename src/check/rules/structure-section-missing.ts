import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'missing'> = {
  id: 'structure.section_missing',
  severity: 'error',
  stage: 'check',
  title: '缺少规定的部分',
  description: '年度报告格式规定的六个部分（一、总体情况 至 六、其他需要报告的事项）缺少某一部分的标题。',
  messages: {
    missing: {
      origin: 'check',
      example: '缺少第一部分“一、总体情况”、第五部分“五、存在的主要问题及改进情况”；报告另用了非规定的标题：“一、政务公开工作开展情况”（第3行）',
    },
  },
};

export const structureSectionMissing: Rule = {
  meta,
  check({ report, format }) {
    const present = new Set(report.sections.map((s) => s.id).filter(Boolean));
    const missing = format.sections.filter((s) => !present.has(s.id));
    if (!missing.length) return [];
    // One finding for all missing parts: they usually share one cause (the report used headings
    // of its own, or lost them in extraction).
    const own = report.sections.filter((s) => s.id === null && s.title);
    const hint = own.length ? `；报告另用了非规定的标题：${own.map((o) => `“${o.title}”${o.line ? `（第${o.line}行）` : ''}`).join('、')}` : '';
    const list = missing.map((s) => `第${s.numeral}部分“${s.numeral}、${s.label}”`).join('、');
    return [createDiagnostic(meta, 'missing', `缺少${list}${hint}`, { line: own[0]?.line ?? null })];
  },
};
