import { cellNameOf } from '../../model/names.ts';
import { formatNumber } from '../cells.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';
import { where } from '../sentences.ts';

/** 10亿元: above this an agency's annual 行政事业性收费 in 万元 is implausible; it was likely printed in 元. */
const IMPLAUSIBLE_WAN = 100_000;

/** "收费…3500元" (not 万元): an amount the narrative states in yuan. */
const YUAN = /收费[^。；]{0,20}?(\d+(?:\.\d+)?)元/g;


const meta: RuleMeta<'implausible' | 'yuanInNarrative'> = {
  id: 'active.fee_unit',
  severity: 'warning',
  stage: 'check',
  title: '收费金额单位疑似为元',
  description:
    '表二“本年收费金额”的单位是万元。正文以“元”写出与表中相同的数，或金额大得不合常理（超过10亿元），说明表中可能按元填写。提示不改动数值。',
  messages: {
    implausible: { origin: 'check', example: '表二“行政事业性收费”为2500000万元（即250亿元），明显偏大，可能是按“元”填写的' },
    yuanInNarrative: {
      origin: 'check',
      example: '表二“行政事业性收费”填的是3500（单位万元），而“二、主动公开政府信息情况”中写道“收费3500元”：表中数字可能是按“元”填写的，应为0.35万元',
    },
  },
};

export const activeFeeUnit: Rule = {
  meta,
  check(ctx) {
    const { format, values, provenance } = ctx;
    const out = [];
    for (const def of format.cells) {
      if (def.column.unit !== '万元') continue;
      const v = values[def.index];
      if (typeof v !== 'number' || v === 0) continue;
      const name = cellNameOf(def.table, def.row, def.column);
      const line = provenance[def.index]?.line ?? null;
      if (v >= IMPLAUSIBLE_WAN) {
        out.push(createDiagnostic(meta, 'implausible', `${name}为${formatNumber(v)}万元（即${formatNumber(v / 10000)}亿元），明显偏大，可能是按“元”填写的`, { cells: [def.address], line }));
        continue;
      }
      // The narrative gives the same number in 元: the table holds yuan under a 万元 header.
      for (const s of ctx.sentences()) {
        if (!s.text.includes('收费') || !s.text.includes('元')) continue;
        YUAN.lastIndex = 0;
        const m = [...s.text.matchAll(YUAN)].find((x) => Number(x[1]) === v && x[0].slice(-2) !== '万元');
        if (!m) continue;
        out.push(
          createDiagnostic(meta, 'yuanInNarrative', `${name}填的是${formatNumber(v)}（单位万元），而${where(s)}“${m[0]}”：表中数字可能是按“元”填写的，应为${formatNumber(v / 10000)}万元`, {
            cells: [def.address],
            line,
          }),
        );
        break;
      }
    }
    return out;
  },
};
