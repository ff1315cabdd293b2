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
  offsets: Int32Array;
  /** The narrative as one text (sections joined by newlines). */
  text: string;
  /** Line of each section's start, to name where a passage is. */
  sectionStarts: { offset: number; line: number | null; title: string }[];
  /** Letters and digits of the narrative before the template was removed. */
  rawChars: number;
  shingles: Shingles;
}

/**
 * The shingles of `chars` in typed arrays (no object per shingle): the hash of the shingle at
 * each position, and for each distinct hash its positions in increasing order (from its place
 * in `unique`, the positions where a hash occurs first, along `next`); the distinct hashes
 * also sorted, for compare to merge.
 */
export interface Shingles {
  /** Hash of the shingle starting at each position. */
  hashes: Uint32Array;
  /** Next position with the same hash, or -1. */
  next: Int32Array;
  /** Positions where a hash occurs for the first time, in increasing order. */
  unique: Int32Array;
  /** Index in `unique` of each position's hash. */
  uniqueOf: Int32Array;
  /** The distinct hashes in increasing order, and for each its index in `unique` (compare merges two of these). */
  sorted: Uint32Array;
  sortedUnique: Int32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hash32(s: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
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

// Per UTF-16 code unit, computed once: its NFKC form when that is one code unit (else itself),
// and whether it is kept. -1 / 0: not computed yet.
const NFKC_UNIT = new Int32Array(0x10000).fill(-1);
const KEPT_UNIT = new Uint8Array(0x10000);

function nfkcUnit(code: number): number {
  let n = NFKC_UNIT[code];
  if (n < 0) {
    const s = String.fromCharCode(code).normalize('NFKC');
    n = s.length === 1 ? s.charCodeAt(0) : code;
    NFKC_UNIT[code] = n;
  }
  return n;
}

function keptUnit(code: number): boolean {
  let k = KEPT_UNIT[code];
  if (k === 0) {
    k = kept(String.fromCharCode(code)) ? 1 : 2;
    KEPT_UNIT[code] = k;
  }
  return k === 1;
}

/** A string from UTF-16 code units (in slices: a spread of many arguments would overflow). */
function fromUnits(units: Uint16Array, length: number): string {
  let s = '';
  for (let i = 0; i < length; i += 4096) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 4096)) as unknown as number[]);
  return s;
}

interface Phrase {
  text: string;
  first: number;
  last: number;
}

let phrasesFrom: readonly string[] | undefined;
let phrases: Phrase[] = [];

/** The template's phrases in NFKC, longest first (normalised once, not per narrative). */
function normalizedPhrases(): Phrase[] {
  const list = templatePhrases();
  if (list !== phrasesFrom) {
    phrases = list.map((p) => {
      const text = p.normalize('NFKC');
      return { text, first: text.charCodeAt(0), last: text.charCodeAt(text.length - 1) };
    });
    phrasesFrom = list;
  }
  return phrases;
}

/** Code units present in the narrative being prepared (cleared after each use). */
const PRESENT = new Uint8Array(0x10000);

/** Index numbers kept in the low bits of a sort key (hash·2²¹ + index stays exact in a double). */
const INDEX_BITS = 0x200000;

/** The distinct hashes in increasing order, with the index in `unique` of each. */
function sortedHashes(hashes: Uint32Array, unique: readonly number[]): { sorted: Uint32Array; sortedUnique: Int32Array } {
  const n = unique.length;
  const sorted = new Uint32Array(n);
  const sortedUnique = new Int32Array(n);
  if (n >= INDEX_BITS) {
    // A narrative of millions of characters: sorted with a comparator.
    const order = Int32Array.from(unique.keys()).sort((x, y) => hashes[unique[x]] - hashes[unique[y]]);
    order.forEach((u, k) => {
      sorted[k] = hashes[unique[u]];
      sortedUnique[k] = u;
    });
    return { sorted, sortedUnique };
  }
  // Sorted as numbers (a typed array's own sort: no comparator to call).
  const keys = new Float64Array(n);
  for (let u = 0; u < n; u++) keys[u] = hashes[unique[u]] * INDEX_BITS + u;
  keys.sort();
  for (let k = 0; k < n; k++) {
    const u = keys[k] % INDEX_BITS;
    sorted[k] = (keys[k] - u) / INDEX_BITS;
    sortedUnique[k] = u;
  }
  return { sorted, sortedUnique };
}

function shinglesOf(chars: string): Shingles {
  const count = Math.max(0, chars.length - SHINGLE + 1);
  const hashes = new Uint32Array(count);
  const next = new Int32Array(count).fill(-1);
  let size = 16;
  while (size < count * 2) size <<= 1;
  const mask = size - 1;
  const slotHash = new Uint32Array(size);
  const slotFirst = new Int32Array(size);
  const slotLast = new Int32Array(size);
  const unique: number[] = [];
  const uniqueOf = new Int32Array(count);
  const codes = new Uint16Array(chars.length);
  for (let i = 0; i < chars.length; i++) codes[i] = chars.charCodeAt(i);
  for (let i = 0; i < count; i++) {
    // FNV-1a of the shingle's code units, as hash32(chars.slice(i, i + SHINGLE)).
    let h = FNV_OFFSET;
    for (let k = 0; k < SHINGLE; k++) h = Math.imul(h ^ codes[i + k], FNV_PRIME);
    h >>>= 0;
    hashes[i] = h;
    let slot = mix(h) & mask;
    for (;;) {
      const f = slotFirst[slot];
      if (f === 0) {
        slotHash[slot] = h;
        slotFirst[slot] = i + 1;
        slotLast[slot] = i;
        uniqueOf[i] = unique.length;
        unique.push(i);
        break;
      }
      if (slotHash[slot] === h) {
        uniqueOf[i] = uniqueOf[f - 1];
        next[slotLast[slot]] = i;
        slotLast[slot] = i;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const { sorted, sortedUnique } = sortedHashes(hashes, unique);
  return { hashes, next, unique: Int32Array.from(unique), uniqueOf, sorted, sortedUnique };
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
  // Normalised code unit by code unit (NFKC when that gives one unit), so that offsets stay
  // those of the original text.
  const n = text.length;
  const units = new Uint16Array(n);
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const u = c < 0x80 ? c : nfkcUnit(c);
    if (u !== c) changed = true;
    units[i] = u;
    PRESENT[u] = 1;
  }
  const norm = changed ? fromUnits(units, n) : text;
  // Mark the template's phrases (longest first) as removed.
  const removed = new Uint8Array(n);
  for (const p of normalizedPhrases()) {
    if (!PRESENT[p.first] || !PRESENT[p.last]) continue;
    const len = p.text.length;
    for (let i = norm.indexOf(p.text); i >= 0; i = norm.indexOf(p.text, i + len)) removed.fill(1, i, i + len);
  }
  for (let i = 0; i < n; i++) PRESENT[units[i]] = 0;
  const out = new Uint16Array(n);
  const offsets = new Int32Array(n);
  let m = 0;
  let rawChars = 0;
  for (let i = 0; i < n; i++) {
    const code = units[i];
    if (!keptUnit(code)) continue;
    rawChars++;
    if (removed[i]) continue;
    out[m] = code >= 48 && code <= 57 ? 35 /* '#' */ : code >= 65 && code <= 90 ? code + 32 : code;
    offsets[m++] = i;
  }
  const chars = fromUnits(out, m);
  return { chars, offsets: offsets.slice(0, m), text, sectionStarts, rawChars, shingles: shinglesOf(chars) };
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

function sameShingle(a: string, i: number, b: string, j: number): boolean {
  for (let k = 0; k < SHINGLE; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/**
 * Each position of A: B's first position with the same shingle (not only the same hash), or -1.
 * B's first position with each of A's distinct hashes comes from merging the two sorted lists;
 * where the shingle before matched at the position before this one, only the last character
 * is left to compare there.
 */
function matchesIn(a: Prepared, b: Prepared): Int32Array {
  const sa = a.shingles;
  const sb = b.shingles;
  const firstInB = new Int32Array(sa.unique.length).fill(-1);
  const ha = sa.sorted;
  const hb = sb.sorted;
  for (let p = 0, q = 0; p < ha.length && q < hb.length; ) {
    if (ha[p] < hb[q]) p++;
    else if (ha[p] > hb[q]) q++;
    else firstInB[sa.sortedUnique[p++]] = sb.unique[sb.sortedUnique[q++]];
  }
  const count = sa.hashes.length;
  const match = new Int32Array(count).fill(-1);
  const ca = a.chars;
  const cb = b.chars;
  for (let i = 0; i < count; i++) {
    let j = firstInB[sa.uniqueOf[i]];
    if (j < 0) continue;
    if (i > 0 && j === match[i - 1] + 1 && match[i - 1] >= 0) {
      if (ca.charCodeAt(i + SHINGLE - 1) === cb.charCodeAt(j + SHINGLE - 1)) {
        match[i] = j;
        continue;
      }
      j = sb.next[j];
    }
    while (j >= 0 && !sameShingle(ca, i, cb, j)) j = sb.next[j];
    match[i] = j;
  }
  return match;
}

/** How much of A's narrative B repeats, and where. */
export function compare(a: Prepared, b: Prepared): Comparison {
  const count = a.shingles.hashes.length;
  const match = matchesIn(a, b);
  // The rank of a position's hash among A's distinct ones, in the order they first occur.
  const order = a.shingles.uniqueOf;
  // A character is covered by a matched shingle starting at most SHINGLE - 1 before it.
  const length = a.chars.length;
  const covered = new Uint8Array(length);
  let n = 0;
  for (let x = 0, last = -SHINGLE; x < length; x++) {
    if (x < count && match[x] >= 0) last = x;
    if (x - last < SHINGLE) {
      covered[x] = 1;
      n++;
    }
  }
  // Where B has a character of A: from the covering shingle met first when A's distinct shingles
  // are taken in the order they first occur, each at all its positions in turn.
  const otherPos = (x: number): number => {
    let best = -1;
    for (let i = Math.max(0, x - SHINGLE + 1); i <= x && i < count; i++) {
      if (match[i] >= 0 && (best < 0 || order[i] < order[best])) best = i;
    }
    return best < 0 ? -1 : match[best] + (x - best);
  };
  const passages: Passage[] = [];
  for (let i = 0; i < length; ) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < length && covered[j + 1]) j++;
    // Passages of at least two shingles' length are worth showing.
    if (j - i + 1 >= SHINGLE * 2) {
      const start = a.offsets[i];
      const end = a.offsets[j] + 1;
      const oi = otherPos(i);
      const oj = otherPos(j);
      const os = oi >= 0 ? b.offsets[oi] : -1;
      const oe = oj >= 0 ? b.offsets[oj] + 1 : -1;
      passages.push({ start, end, otherStart: os, otherEnd: oe, text: a.text.slice(start, end) });
    }
    i = j + 1;
  }
  passages.sort((x, y) => y.end - y.start - (x.end - x.start));
  return { share: length ? n / length : 0, chars: length, baseline: templateShare(a), passages };
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
  const { unique, hashes } = p.shingles;
  if (p.chars.length < MIN_CHARS || !unique.length) return [];
  const mins = new Uint32Array(SEEDS.length);
  for (let k = 0; k < SEEDS.length; k++) {
    const seed = SEEDS[k];
    let min = 0xffffffff;
    for (let u = 0; u < unique.length; u++) {
      const v = mix(hashes[unique[u]] ^ seed);
      if (v < min) min = v;
    }
    mins[k] = min;
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
