import { cellName } from '../../model/names.ts';
import { formatNumber, valueAt } from '../cells.ts';
import { diagnostic, type Rule } from '../rule.ts';

/** 10亿元: above this an agency's annual 行政事业性收费 in 万元 is implausible; it was likely printed in 元. */
const IMPLAUSIBLE_WAN = 100_000;

export const activeFeeUnit: Rule = {
  meta: {
    id: 'active.fee_unit',
    severity: 'warning',
    stage: 'check',
    title: '收费金额单位疑似为元',
    description: '表二“本年收费金额”的单位是万元。表头写的是“元”，或金额大得不合常理（超过10亿元），说明可能按元填写。提示不改动数值。',
  },
  check({ report, format }) {
    const out = [];
    for (const t of format.tables) {
      for (const r of t.rows) {
        for (const c of r.columns) {
          if (c.unit !== '万元') continue;
          const a = `${t.id}.${r.id}.${c.id}`;
          const v = valueAt(report, a);
          if (typeof v === 'number' && v >= IMPLAUSIBLE_WAN) {
            out.push(
              diagnostic(this.meta, `${cellName(format, a)}为${formatNumber(v)}万元（即${formatNumber(v / 10000)}亿元），明显偏大，可能是按“元”填写的`, {
                cells: [a],
                line: report.cells[a]?.line ?? null,
              }),
            );
          }
        }
      }
    }
    return out;
  },
};
