import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';
import { where, type Sentence } from '../sentences.ts';

const UNITS = '条件个篇次项场期';
const TOTAL_RE = new RegExp(`(?:共|共计|总计|合计|累计)(?:有|发布|公开|收到|办理)?(\\d+)([${UNITS}])`);

const meta: RuleMeta<'exceeds' | 'unequal'> = {
  id: 'narrative.sum_mismatch',
  severity: 'warning',
  stage: 'check',
  title: '正文分项之和与总数不符',
  description: '正文写“共N条，其中……a条、b条……”，分项之和超过总数；或写“分别为”而分项之和不等于总数。',
  messages: {
    exceeds: { origin: 'check', example: '“二、主动公开政府信息情况”中写道总数“共120条”，列出的分项20+60+50=130，超过了总数' },
    unequal: { origin: 'check', example: '“二、主动公开政府信息情况”中写道总数“共120条”，列出的分项20+60=80，与总数不等' },
  },
};

export const narrativeSumMismatch: Rule = {
  meta,
  check(ctx) {
    const out = [];
    const all = ctx.sentences();
    for (let i = 0; i < all.length; i++) {
      const s = all[i];
      const m = TOTAL_RE.exec(s.text);
      if (!m || m.index === undefined) continue;
      const total = Number(m[1]);
      const unit = m[2];
      // The parts follow the total in the same sentence, or in sentences that start with 其中.
      let rest = s.text.slice(m.index + m[0].length);
      const joined: Sentence[] = [s];
      for (let j = i + 1; j < all.length && all[j].section === s.section && /^其中/.test(all[j].text); j++) {
        rest += '；' + all[j].text;
        joined.push(all[j]);
      }
      const listStart = rest.search(/其中|分别为|分别是|：|:/);
      if (listStart < 0) continue;
      const list = rest.slice(listStart);
      const exhaustive = /分别为|分别是/.test(list);
      const parts = [...list.matchAll(new RegExp(`(\\d+)${unit}`, 'g'))].map((x) => Number(x[1]));
      if (parts.length < 2) continue;
      const sum = parts.reduce((a, b) => a + b, 0);
      if (sum > total || (exhaustive && sum !== total)) {
        out.push(
          createDiagnostic(meta, sum > total ? 'exceeds' : 'unequal', `${where(s)}总数“共${total}${unit}”，列出的分项${parts.join('+')}=${sum}${sum > total ? '，超过了总数' : '，与总数不等'}`, { line: s.line }),
        );
      }
    }
    return out;
  },
};
