import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

const meta: RuleMeta<'missing'> = {
  id: 'structure.table_missing',
  severity: 'error',
  stage: 'check',
  title: '缺少统计表',
  description: '表二（主动公开）、表三（收到和处理申请）或表四（复议诉讼）整张表没有找到，其单元格全部为空并标为缺失。',
  messages: {
    missing: { origin: 'check', example: '缺少表四（“四、政府信息公开行政复议、行政诉讼情况”中的统计表），该表的15个单元格均无数据' },
  },
};

export const structureTableMissing: Rule = {
  meta,
  check({ report, format }) {
    return format.tables
      // absent cells have no source line (printed-but-unreadable ones keep theirs)
      .filter((t) => t.addresses.every((a) => report.cells[a]?.status === 'missing' && !report.cells[a]?.line))
      .map((t) => {
        const section = format.section(t.section);
        return createDiagnostic(meta, 'missing', `缺少${t.name}（“${section.numeral}、${section.label}”中的统计表），该表的${t.addresses.length}个单元格均无数据`, {
          cells: t.addresses,
          line: null,
        });
      });
  },
};
