// similarity.previous_year: the narrative is near-identical to the same agency's previous report.

import type { Diagnostic } from '../../interchange/types.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleMeta } from '../rule.ts';
import { compare, excerpt, lineAt, MIN_CHARS, SIMILAR_SHARE, type Prepared } from '../similarity.ts';

export const similarityPreviousYearMeta: RuleMeta<'copied'> = {
  id: 'similarity.previous_year',
  severity: 'warning',
  stage: 'check',
  title: '正文与上一年度报告雷同',
  description: `同一机关：去除格式固定用语（标题、表格标签、固定表述）和数字后，正文有${Math.round(SIMILAR_SHARE * 100)}%以上与上一年度报告相同（内容雷同）；提示重复文字所占比例、格式固定用语所占比例（基线）和相同段落。`,
  messages: { copied: { origin: 'check', example: '正文去除格式固定用语后共259字，其中100%与2023年度报告相同（格式固定用语占全文3%，已不计入）；相同段落1处' } },
};

export function describePassages(c: ReturnType<typeof compare>, a: Prepared): string {
  const shown = c.passages.slice(0, 3).map((p) => {
    const line = lineAt(a, p.start);
    return `“${excerpt(p.text)}”${line ? `（第${line}行起的一节）` : ''}`;
  });
  return shown.length ? `相同段落${c.passages.length}处，如${shown.join('；')}` : '';
}

export function similarityPreviousYear(current: Prepared, previous: Prepared, previousYear: number): Diagnostic[] {
  if (current.chars.length < MIN_CHARS) return [];
  const c = compare(current, previous);
  if (c.share < SIMILAR_SHARE) return [];
  return [
    createDiagnostic(
      similarityPreviousYearMeta,
      'copied',
      `正文去除格式固定用语后共${c.chars}字，其中${Math.round(c.share * 100)}%与${previousYear}年度报告相同（格式固定用语占全文${Math.round(c.baseline * 100)}%，已不计入）；${describePassages(c, current)}`,
      { line: c.passages[0] ? lineAt(current, c.passages[0].start) : null },
    ),
  ];
}
