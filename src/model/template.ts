// The format's fixed wording (template.yaml plus every heading and label of every format
// version): what all reports share, removed before narratives are compared for 内容雷同.

import { readModelFile } from './data-file.ts';
import { formats } from './load.ts';

let cache: string[] | undefined;

/** Fixed phrases, longest first (so a long phrase is removed before its parts). */
export function templatePhrases(): string[] {
  if (!cache) {
    const out = new Set(readModelFile<{ phrases: string[] }>('template.yaml').phrases);
    for (const f of formats()) {
      for (const s of f.sections) for (const l of [s.label, ...s.variants]) out.add(l);
      for (const t of f.tables) {
        for (const l of t.structuralLabels) out.add(l);
        for (const r of t.rows) for (const l of [r.label, ...r.variants]) out.add(l);
        for (const c of t.columns) for (const l of [c.label, ...c.variants]) out.add(l);
      }
    }
    cache = [...out].filter((p) => p.length >= 2).sort((a, b) => b.length - a.length);
  }
  return cache;
}
