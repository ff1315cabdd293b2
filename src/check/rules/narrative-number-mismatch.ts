import { formatClaims } from '../../model/narrative.ts';
import { formatNumber } from '../cells.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';
import { where } from '../sentences.ts';

const meta: RuleMeta<'mismatch'> = {
  id: 'narrative.number_mismatch',
  severity: 'warning',
  stage: 'check',
  title: '正文数字与表格不符',
  description: '正文写明的件数（收到申请N件、予以公开N件、行政复议N件等）与表中相应数字不一致。可识别的说法见 src/model/narrative.yaml。',
  messages: {
    mismatch: { origin: 'check', example: '“一、总体情况”中写道“收到政府信息公开申请8件”，但表中收到的政府信息公开申请为6' },
  },
};

export const narrativeNumberMismatch: Rule = {
  meta,
  check(ctx) {
    const out = [];
    const seen = new Set<string>();
    // The sums each claim may refer to, leaving out sums over absent cells.
    const claims = formatClaims(ctx.format)
      .map(({ claim, sums: cellSums }) => {
        const usable = cellSums.filter((sum) => !sum.some((c) => ctx.provenance[c.index]?.status === 'missing'));
        return { claim, sums: usable.map((sum) => sum.reduce((acc, c) => acc + (ctx.values[c.index] ?? 0), 0)) };
      })
      .filter((c) => c.sums.length > 0);
    for (const s of ctx.sentences()) {
      if (!/\d/.test(s.text)) continue;
      for (const { claim, sums } of claims) {
        if (!claim.keywords.some((k) => s.text.includes(k))) continue;
        if (claim.unless?.test(s.text)) continue;
        for (const re of claim.patterns) {
          re.lastIndex = 0;
          for (const m of s.text.matchAll(re)) {
            const n = Number(m.groups?.n);
            if (sums.some((v) => Math.abs(v - n) < 1e-9)) continue;
            const key = `${claim.id}:${n}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push(
              createDiagnostic(meta, 'mismatch', `${where(s)}“${m[0]}”，但表中${claim.what}为${formatNumber(sums[0])}`, {
                cells: claim.accept[0],
                line: s.line,
              }),
            );
          }
        }
      }
    }
    return out;
  },
};
