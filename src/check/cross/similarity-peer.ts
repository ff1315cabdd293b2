// similarity.peer: the narrative is near-identical to another agency's report of the same year.

import type { Diagnostic } from '../../interchange/types.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleMeta } from '../rule.ts';
import { compare, lineAt, MIN_CHARS, SIMILAR_SHARE, type Prepared } from '../similarity.ts';
import { describePassages } from './similarity-previous-year.ts';

export const similarityPeerMeta: RuleMeta<'copied'> = {
  id: 'similarity.peer',
  severity: 'warning',
  stage: 'check',
  title: '正文与其他机关同年度报告雷同',
  description: `去除格式固定用语和数字后，正文有${Math.round(SIMILAR_SHARE * 100)}%以上与另一机关同一年度的报告相同（内容雷同）；候选报告由 MinHash 分桶找出，不逐对比较。`,
  messages: { copied: { origin: 'check', example: '正文去除格式固定用语后共265字，其中95%与某某县财政局2023年度报告相同（格式固定用语占全文1%，已不计入）；相同段落1处' } },
};

export function similarityPeer(current: Prepared, peer: Prepared, peerAgency: string, year: number): Diagnostic[] {
  if (current.chars.length < MIN_CHARS) return [];
  const c = compare(current, peer);
  if (c.share < SIMILAR_SHARE) return [];
  return [
    createDiagnostic(
      similarityPeerMeta,
      'copied',
      `正文去除格式固定用语后共${c.chars}字，其中${Math.round(c.share * 100)}%与${peerAgency}${year}年度报告相同（格式固定用语占全文${Math.round(c.baseline * 100)}%，已不计入）；${describePassages(c, current)}`,
      { line: c.passages[0] ? lineAt(current, c.passages[0].start) : null },
    ),
  ];
}
