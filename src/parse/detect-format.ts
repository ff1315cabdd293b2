// Which national format a report follows, from the labels it prints (not only its year): each
// format is scored by the labels only it has (2021: 本年制发件数, 申请人无正当理由逾期不补正…;
// 2019: 本年新制作数量, 政府集中采购…). The year decides only when the labels do not.

import { formatForYear, formats } from '../model/load.ts';
import { normalizeLabel } from '../model/labels.ts';
import type { Format, Labelled } from '../model/types.ts';
import type { TextStream } from './stream.ts';

let distinctive: Map<Format, string[]> | undefined;

function allKeys(f: Format): Set<string> {
  const keys = new Set<string>();
  const add = (l: Labelled) => l.keys.forEach((k) => keys.add(k.text));
  for (const t of f.tables) {
    t.rows.forEach(add);
    t.columns.forEach(add);
    for (const s of t.structuralLabels) keys.add(normalizeLabel(s));
  }
  return keys;
}

/** Labels (≥ 4 characters) that occur in one format version and in no other. */
export function distinctiveLabels(): Map<Format, string[]> {
  if (!distinctive) {
    const all = formats();
    const sets = new Map(all.map((f) => [f, allKeys(f)]));
    distinctive = new Map();
    for (const f of all) {
      const mine = [...sets.get(f)!].filter((k) => k.length >= 4);
      const others = all.filter((o) => o !== f).map((o) => [...sets.get(o)!]);
      distinctive.set(
        f,
        mine.filter((k) => !others.some((ks) => ks.some((o) => o.includes(k) || k.includes(o)))),
      );
    }
  }
  return distinctive;
}

export interface FormatDecision {
  format: Format;
  /** How many distinctive labels of the chosen format were found. */
  evidence: number;
  via: 'labels' | 'year' | 'default';
}

export function detectFormat(stream: TextStream, year: number | null): FormatDecision {
  let best: Format | null = null;
  let bestScore = 0;
  let tie = false;
  for (const [f, labels] of distinctiveLabels()) {
    let score = 0;
    for (const l of labels) if (stream.text.includes(l)) score++;
    if (score > bestScore) {
      best = f;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) tie = true;
  }
  if (best && !tie) return { format: best, evidence: bestScore, via: 'labels' };
  if (year) return { format: formatForYear(year), evidence: bestScore, via: 'year' };
  return { format: formats()[0], evidence: 0, via: 'default' };
}
