// Layer 3: lines of text. Runs are cut into words at their spaces (positions estimated from the
// characters' widths), words are grouped by baseline and sorted by x, and joined by what the gap
// between them means: nothing (the same word: glyphs closer than 0.15 em), a space, or a tab when
// a ruling line stands between them or the gap is wide enough to separate columns. Two numbers
// are glued only when their digits touch like the digits of one number; one number is never cut,
// since a run is only cut at a space.

import { PDF_LAYOUT } from './settings.ts';
import { round2, type Box } from './geometry.ts';
import type { TextRun } from './glyphs.ts';
import type { Ruling } from './rulings.ts';

export interface Word extends Box {
  text: string;
  baseline: number;
  fontSize: number;
}

export interface TextLine extends Box {
  baseline: number;
  fontSize: number;
  words: Word[];
  /** The words joined: '' inside a word, ' ' between words, '\t' between columns. */
  text: string;
}

/** Glyphs closer than this (in em) belong to the same word (settings.ts). */
export const GLUE_EM = PDF_LAYOUT.glueEm;
/** A gap at least this wide (in em) without a ruling separates columns (settings.ts). */
export const COLUMN_EM = PDF_LAYOUT.columnEm;

/** Relative advance of a character (em), for placing words inside a run. */
function charWeight(c: number): number {
  if (c === 32 || c === 0xa0) return 0.3;
  if (c >= 0x2e80 || (c >= 0x2000 && c <= 0x206f)) return 1;
  return 0.55;
}

/** Drop runs printed twice at (almost) the same place: simulated bold draws every glyph twice. */
export function dedupeRuns(runs: TextRun[]): TextRun[] {
  const seen = new Map<string, TextRun[]>();
  const out: TextRun[] = [];
  for (const r of runs) {
    const list = seen.get(r.text);
    if (list && list.some((o) => Math.abs(o.x0 - r.x0) < 1.5 && Math.abs(o.baseline - r.baseline) < 1.5)) continue;
    if (list) list.push(r);
    else seen.set(r.text, [r]);
    out.push(r);
  }
  return out;
}

/**
 * Cut horizontal runs into words at whitespace, at the glyphs' own positions; rotated runs stay
 * whole. Slanted runs (watermarks drawn across the page) are no content and are left out; they
 * remain visible in layer 1.
 */
export function toWords(runs: TextRun[]): Word[] {
  const words: Word[] = [];
  for (const r of runs) {
    if (r.diagonal) continue;
    const text = r.text;
    if (r.rotated || !/\s/.test(text)) {
      words.push({ text: text.trim(), x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, baseline: r.baseline, fontSize: r.fontSize });
      continue;
    }
    const edges = r.edges ?? estimatedEdges(r);
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      const space = c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
      if (!space && start < 0) start = i;
      else if (space && start >= 0) {
        words.push({ text: text.slice(start, i), x0: edges[start], y0: r.y0, x1: edges[i], y1: r.y1, baseline: r.baseline, fontSize: r.fontSize });
        start = -1;
      }
    }
  }
  return words;
}

/** Character positions estimated from their widths, for runs that come without them. */
function estimatedEdges(r: TextRun): number[] {
  let total = 0;
  for (let i = 0; i < r.text.length; i++) total += charWeight(r.text.charCodeAt(i));
  const scale = (r.x1 - r.x0) / (total || 1);
  const edges = [r.x0];
  let x = r.x0;
  for (let i = 0; i < r.text.length; i++) {
    x += charWeight(r.text.charCodeAt(i)) * scale;
    edges.push(round2(x));
  }
  return edges;
}

/** Is there a vertical ruling between x0 and x1 that crosses the band [y0, y1]? */
export function rulingBetween(vertical: Ruling[], x0: number, x1: number, y0: number, y1: number): boolean {
  const mid = (y0 + y1) / 2;
  for (const r of vertical) {
    if (r.x0 >= x0 - 1 && r.x0 <= x1 + 1 && r.y0 <= mid && r.y1 >= mid) return true;
  }
  return false;
}

/** What goes between two neighbouring words of a line. */
export function separator(a: Word, b: Word, vertical: Ruling[]): '' | ' ' | '\t' {
  const em = Math.min(a.fontSize, b.fontSize) || 1;
  const gap = b.x0 - a.x1;
  if (vertical.length && rulingBetween(vertical, Math.min(a.x1, b.x0), Math.max(a.x1, b.x0), Math.max(a.y0, b.y0), Math.min(a.y1, b.y1))) return '\t';
  if (gap <= GLUE_EM * em) return '';
  if (gap >= COLUMN_EM * em) return '\t';
  return ' ';
}

export function joinWords(words: Word[], vertical: Ruling[] = []): string {
  let text = '';
  for (let i = 0; i < words.length; i++) {
    if (i > 0) text += separator(words[i - 1], words[i], vertical);
    text += words[i].text;
  }
  return text;
}

/** Merge neighbouring words of one line that touch (separator ''): "1." + "属于国家秘密" is one word. */
export function glueWords(words: Word[]): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last && separator(last, w, []) === '') {
      out[out.length - 1] = { ...last, text: last.text + w.text, x1: Math.max(last.x1, w.x1), y0: Math.min(last.y0, w.y0), y1: Math.max(last.y1, w.y1) };
    } else {
      out.push(w);
    }
  }
  return out;
}

/** Group words into lines by baseline; each line's words sorted by x. Lines sorted top to bottom. */
export function buildLines(words: Word[], vertical: Ruling[] = []): TextLine[] {
  const sorted = words.slice().sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const groups: Word[][] = [];
  let current: Word[] = [];
  let base = -Infinity;
  let size = 0;
  for (const w of sorted) {
    if (current.length && Math.abs(w.baseline - base) <= 0.3 * Math.min(size, w.fontSize)) {
      current.push(w);
      continue;
    }
    if (current.length) groups.push(current);
    current = [w];
    base = w.baseline;
    size = w.fontSize;
  }
  if (current.length) groups.push(current);
  return groups.map((g) => {
    g.sort((a, b) => a.x0 - b.x0);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    let fs = 0;
    for (const w of g) {
      x0 = Math.min(x0, w.x0);
      y0 = Math.min(y0, w.y0);
      x1 = Math.max(x1, w.x1);
      y1 = Math.max(y1, w.y1);
      fs = Math.max(fs, w.fontSize);
    }
    return { x0, y0, x1, y1, baseline: g[0].baseline, fontSize: fs, words: g, text: joinWords(g, vertical) };
  });
}
