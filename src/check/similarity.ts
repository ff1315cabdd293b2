// Near-identical narratives (内容雷同), measured after removing what every report shares: the
// format's fixed wording (headings, table labels, stock phrases from the model) and numbers
// (which change every year while copied text stays). Text is compared as overlapping
// 8-character shingles; a report's share of repeated text is the part of its own remaining text
// covered by shingles the other report has too, and the shared passages are located in both.
// For finding candidates among many reports: MinHash signatures split into LSH bands (a pair of
// reports shares a band with high probability when their shingle sets are similar), so no
// search compares all pairs.

import type { Report } from '../interchange/types.ts';
import { templatePhrases } from '../model/template.ts';

/** Shingle length in characters (after removing punctuation and spaces). */
export const SHINGLE = 8;
/** MinHash: BANDS bands of ROWS hashes each. */
export const BANDS = 16;
export const ROWS = 4;
/** A narrative shorter than this (remaining characters) is not judged. */
export const MIN_CHARS = 80;
/** From this share of repeated text on, narratives are reported as near-identical. */
export const SIMILAR_SHARE = 0.8;

export interface Prepared {
  /** Characters kept for comparison (template and punctuation removed, digits as '#'). */
  chars: string;
  /** Offset in `text` of each kept character. */
  offsets: number[];
  /** The narrative as one text (sections joined by newlines). */
  text: string;
  /** Line of each section's start, to name where a passage is. */
  sectionStarts: { offset: number; line: number | null; title: string }[];
  /** Letters and digits of the narrative before the template was removed. */
  rawChars: number;
  shingles: Map<number, number[]>;
}

function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const KEEP = /[\p{L}\p{N}]/u;

/** Letters and digits (CJK and ASCII by code, the rest by Unicode class). */
function kept(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  if (code < 128 || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff0f)) return false;
  return KEEP.test(c);
}

export function prepare(report: Pick<Report, 'sections'>): Prepared {
  const parts: string[] = [];
  const sectionStarts: Prepared['sectionStarts'] = [];
  let offset = 0;
  for (const s of report.sections) {
    if (!s.text) continue;
    sectionStarts.push({ offset, line: s.line ?? null, title: s.title });
    parts.push(s.text);
    offset += s.text.length + 1;
  }
  const text = parts.join('\n');
  // Normalised character by character, so that offsets stay those of the original text.
  let norm = '';
  for (let i = 0; i < text.length; i++) {
    const n = text[i].normalize('NFKC');
    norm += n.length === 1 ? n : text[i];
  }
  // Mark the template's phrases (longest first) as removed.
  const removed = new Uint8Array(norm.length);
  const present = new Set(norm);
  for (const p of templatePhrases()) {
    const phrase = p.normalize('NFKC');
    if (!present.has(phrase[0]) || !present.has(phrase[phrase.length - 1])) continue;
    for (let i = norm.indexOf(phrase); i >= 0; i = norm.indexOf(phrase, i + phrase.length)) removed.fill(1, i, i + phrase.length);
  }
  const out: string[] = [];
  const offsets: number[] = [];
  let rawChars = 0;
  for (let i = 0; i < norm.length; i++) {
    const c = norm[i];
    if (!kept(c)) continue;
    rawChars++;
    if (removed[i]) continue;
    const code = c.charCodeAt(0);
    out.push(code >= 48 && code <= 57 ? '#' : code >= 65 && code <= 90 ? c.toLowerCase() : c);
    offsets.push(i);
  }
  const chars = out.join('');
  const shingles = new Map<number, number[]>();
  for (let i = 0; i + SHINGLE <= chars.length; i++) {
    const h = hash32(chars.slice(i, i + SHINGLE));
    const list = shingles.get(h);
    if (list) list.push(i);
    else shingles.set(h, [i]);
  }
  return { chars, offsets, text, sectionStarts, rawChars, shingles };
}

/** Share of the narrative that is the format's fixed wording (the baseline every report shares). */
export function templateShare(p: Prepared): number {
  return p.rawChars ? 1 - p.chars.length / p.rawChars : 0;
}

export interface Passage {
  /** Character range in this report's narrative text. */
  start: number;
  end: number;
  /** The same passage in the other report's narrative text. */
  otherStart: number;
  otherEnd: number;
  text: string;
}

export interface Comparison {
  /** Share of A's remaining text (after removing the template) that B has too. */
  share: number;
  /** Characters of A compared. */
  chars: number;
  /** Share of A's narrative that is template wording. */
  baseline: number;
  passages: Passage[];
}

/** How much of A's narrative B repeats, and where. */
export function compare(a: Prepared, b: Prepared): Comparison {
  const covered = new Uint8Array(a.chars.length);
  const otherPos = new Int32Array(a.chars.length).fill(-1);
  for (const [h, positions] of a.shingles) {
    const inB = b.shingles.get(h);
    if (!inB) continue;
    for (const i of positions) {
      const j = inB.find((x) => b.chars.slice(x, x + SHINGLE) === a.chars.slice(i, i + SHINGLE));
      if (j === undefined) continue;
      for (let k = 0; k < SHINGLE; k++) {
        covered[i + k] = 1;
        if (otherPos[i + k] < 0) otherPos[i + k] = j + k;
      }
    }
  }
  let n = 0;
  for (const c of covered) n += c;
  const passages: Passage[] = [];
  for (let i = 0; i < covered.length; ) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < covered.length && covered[j + 1]) j++;
    // Passages of at least two shingles' length are worth showing.
    if (j - i + 1 >= SHINGLE * 2) {
      const start = a.offsets[i];
      const end = a.offsets[j] + 1;
      const os = otherPos[i] >= 0 ? b.offsets[otherPos[i]] : -1;
      const oe = otherPos[j] >= 0 ? b.offsets[otherPos[j]] + 1 : -1;
      passages.push({ start, end, otherStart: os, otherEnd: oe, text: a.text.slice(start, end) });
    }
    i = j + 1;
  }
  passages.sort((x, y) => y.end - y.start - (x.end - x.start));
  return { share: a.chars.length ? n / a.chars.length : 0, chars: a.chars.length, baseline: templateShare(a), passages };
}

/** Seeds of the MinHash functions (fixed, so that stored bands stay comparable). */
const SEEDS = (() => {
  const out = new Uint32Array(BANDS * ROWS);
  let x = 0x9e3779b9;
  for (let i = 0; i < out.length; i++) {
    x = (Math.imul(x ^ (x >>> 16), 0x85ebca6b) + 0x6b43a9b5) >>> 0;
    out[i] = x;
  }
  return out;
})();

/** A 32-bit mixing function (murmur3's finaliser): the k-th MinHash function is mix(h ^ seed_k). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MinHash LSH bucket keys of a narrative (one per band), or [] when it is too short to judge. */
export function bandKeys(p: Prepared): string[] {
  if (p.chars.length < MIN_CHARS || !p.shingles.size) return [];
  const mins = new Uint32Array(SEEDS.length).fill(0xffffffff);
  for (const h of p.shingles.keys()) {
    for (let k = 0; k < SEEDS.length; k++) {
      const v = mix(h ^ SEEDS[k]);
      if (v < mins[k]) mins[k] = v;
    }
  }
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) keys.push(hash32(mins.subarray(band * ROWS, band * ROWS + ROWS).join(',')).toString(16).padStart(8, '0'));
  return keys;
}

/** Line of the section a narrative offset falls in (for messages). */
export function lineAt(p: Prepared, offset: number): number | null {
  let line: number | null = null;
  for (const s of p.sectionStarts) if (s.offset <= offset) line = s.line;
  return line;
}

export function excerpt(text: string, max = 40): string {
  const t = text.replace(/\s+/g, '');
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
