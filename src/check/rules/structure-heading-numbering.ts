import { leadingNumbering, normalizeLabel } from '../../model/labels.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'numbering'> = {
  id: 'structure.heading_numbering',
  severity: 'info',
  stage: 'check',
  title: '部分标题编号不规范',
  description: '六个部分的标题应依次编号为“一、”至“六、”；报告用了阿拉伯数字（如“2、”）、漏了编号或编错了号。',
  messages: {
    numbering: {
      origin: 'check',
      example: '部分标题编号不规范：“2、主动公开政府信息情况”编号为“2、”，应为“二、”（第9行）；“其他需要报告的事项”缺少编号“六、”（第60行）',
    },
  },
};

export const structureHeadingNumbering: Rule = {
  meta,
  check({ report, format }) {
    const problems: string[] = [];
    let line: number | null = null;
    for (const s of report.sections) {
      if (!s.id) continue;
      const def = format.sections.find((d) => d.id === s.id);
      if (!def) continue;
      const expected = `${def.numeral}、`;
      const printed = leadingNumbering(normalizeLabel(s.title));
      if (printed === expected || printed === `${def.numeral}.`) continue;
      const at = s.line ? `（第${s.line}行）` : '';
      if (!printed || printed === '、' || printed === '.') problems.push(`“${s.title}”缺少编号“${expected}”${at}`);
      else problems.push(`“${s.title}”编号为“${printed}”，应为“${expected}”${at}`);
      line ??= s.line ?? null;
    }
    if (!problems.length) return [];
    return [createDiagnostic(meta, 'numbering', `部分标题编号不规范：${problems.join('；')}`, { line })];
  },
};
