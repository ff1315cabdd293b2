import { cellNameOf } from '../../model/names.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';

/** A printed number: digits (ASCII or full-width), with a sign, thousands separators or a decimal point. */
const NUMERIC = /^[-−－+＋]?[0-9０-９][0-9０-９,，.．]*$/;

/** Why a printed number is no value, or null when it is not one of these. */
export function outOfRangeReason(raw: string): string | null {
  const s = raw.trim();
  if (!NUMERIC.test(s)) return null;
  const digits = s.replace(/[^0-9０-９]/g, '');
  if (/^[-−－]/.test(s) && /^[0０]+$/.test(digits)) return '是带负号的零，不是有效的数';
  const whole = s.split(/[.．]/)[0].replace(/[^0-9０-９]/g, '').replace(/^[0０]+/, '');
  if (whole.length >= 16) return `整数部分有 ${whole.length} 位，超出能精确表示的范围（2^53，约 9×10^15），不是有效的计数`;
  return null;
}

const meta: RuleMeta<'tooManyDigits' | 'negativeZero'> = {
  id: 'cell.out_of_range',
  severity: 'error',
  stage: 'check',
  title: '数字超出范围',
  description:
    '单元格印的数超过 2^53（约 9×10^15，再大的数无法精确表示，会被悄悄改成另一个数或“无穷大”），或是带负号的零。取值为空，原文保留在来源中；不会被当作 0 或近似值。',
  messages: {
    tooManyDigits: {
      origin: 'check',
      example: '表三“本年新收”行“自然人”列印作“12345678901234567890”，整数部分有 20 位，超出能精确表示的范围（2^53，约 9×10^15），不是有效的计数（第40行）',
    },
    negativeZero: { origin: 'check', example: '表三“本年新收”行“自然人”列印作“-0”，是带负号的零，不是有效的数（第40行）' },
  },
};

export const cellOutOfRange: Rule = {
  meta,
  check({ format, values, provenance }) {
    const out = [];
    for (const def of format.cells) {
      const c = provenance[def.index];
      if (c?.status !== 'read' || !c.raw || values[def.index] !== null) continue;
      const why = outOfRangeReason(c.raw);
      if (!why) continue;
      const shown = c.raw.length > 24 ? `${c.raw.slice(0, 12)}…${c.raw.slice(-6)}（共 ${c.raw.length} 个字符）` : c.raw;
      const message = `${cellNameOf(def.table, def.row, def.column)}印作“${shown}”，${why}${c.line ? `（第${c.line}行）` : ''}`;
      out.push(createDiagnostic(meta, why.startsWith('是带负号') ? 'negativeZero' : 'tooManyDigits', message, { cells: [def.address], line: c.line }));
    }
    return out;
  },
};
