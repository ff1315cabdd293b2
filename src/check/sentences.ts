// Narrative sentences for the narrative.* rules: normalised (full-width digits → ASCII, spaces
// removed) and split at 。；, with where each came from.

import type { Report } from '../interchange/types.ts';

export interface Sentence {
  text: string;
  section: string | null;
  title: string;
  /** Line of the section heading (sentences are located by section, quoted in messages). */
  line: number | null;
}

/** “在“一、总体情况”中写道” or “在正文开头写道” */
export function where(s: Sentence): string {
  return s.title ? `“${s.title}”中写道` : '正文开头写道';
}

const FULL_DIGIT = /[\uff10-\uff19]/;
const SPACE = /[\s\u3000\u00a0]/;

function normalise(s: string): string {
  let t = s;
  if (FULL_DIGIT.test(t)) t = t.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (SPACE.test(t)) t = t.replace(/[\s\u3000\u00a0]+/g, '');
  return t;
}

export function sentences(report: Report): Sentence[] {
  const out: Sentence[] = [];
  for (const s of report.sections) {
    for (const ln of s.text.split('\n')) {
      for (const part of normalise(ln).split(/[。；;！!？?]/)) {
        if (part) out.push({ text: part, section: s.id, title: s.title, line: s.line ?? null });
      }
    }
  }
  return out;
}
