// Finding labels in the text stream: exact search on normalised keys first, the label's numbered
// form for very short labels (3.其他, （七）总计), and an edit-distance search only inside the
// window where a label must be when the exact search failed.

import type { Labelled } from '../model/types.ts';
import { allowedDistance, fuzzyFind } from './fuzzy.ts';
import { PARSER_SETTINGS } from './settings.ts';
import type { TextStream, StreamMatch } from './stream.ts';

export type HitKind = 'official' | 'variant' | 'fuzzy';

export interface LabelHit extends StreamMatch {
  kind: HitKind;
  /** The normalised text that was matched in the report. */
  printed: string;
  distance: number;
}


function hit(stream: TextStream, offset: number, length: number, kind: HitKind, distance = 0): LabelHit {
  return {
    offset,
    length,
    start: stream.tokenAt(offset),
    end: stream.tokenAt(offset + length - 1),
    kind,
    printed: stream.text.slice(offset, offset + length),
    distance,
  };
}

export function isShortLabel(item: Labelled): boolean {
  return item.keys[0].text.length <= PARSER_SETTINGS.shortLabel;
}

/**
 * The earliest exact occurrence of any key of `item` in [from, to).
 * Short labels are looked for with their numbering first; without it only when `bareShort`.
 */
export function findExact(stream: TextStream, item: Labelled, from: number, to: number, bareShort = false): LabelHit | null {
  // Track the best position first; build the hit object once.
  let bestAt = -1;
  let bestLen = 0;
  let bestOfficial = true;
  const short = isShortLabel(item);
  if (short) {
    for (const key of item.numberedKeys) {
      const at = stream.find(key, from, to);
      if (at >= 0 && (bestAt < 0 || at < bestAt)) {
        bestAt = at;
        bestLen = key.length;
      }
    }
    if (bestAt >= 0) return hit(stream, bestAt, bestLen, 'official');
    if (!bareShort) return null;
    // Without its numbering a short label (其他, 总计) must stand as a cell of its own, not be
    // a piece of longer words ("（六）其他处…" cut off, "其他法律…").
    for (const key of item.keys) {
      for (let at = stream.find(key.text, from, to); at >= 0; at = stream.find(key.text, at + 1, to)) {
        if (stream.isWholeCell(at, key.text.length)) {
          if (bestAt < 0 || at < bestAt) {
            bestAt = at;
            bestLen = key.text.length;
            bestOfficial = key.official;
          }
          break;
        }
      }
    }
    return bestAt >= 0 ? hit(stream, bestAt, bestLen, bestOfficial ? 'official' : 'variant') : null;
  }
  for (const key of item.keys) {
    const at = stream.find(key.text, from, to);
    if (at < 0) continue;
    if (bestAt < 0 || at < bestAt || (at === bestAt && key.text.length > bestLen)) {
      bestAt = at;
      bestLen = key.text.length;
      bestOfficial = key.official;
    }
  }
  return bestAt >= 0 ? hit(stream, bestAt, bestLen, bestOfficial ? 'official' : 'variant') : null;
}

/**
 * Best approximate occurrence of the official label (or a variant) in [from, to). Characters in
 * `free` (the table's other labels) may sit inside the match at no cost; a match that differs
 * only by them is the label itself, interleaved by the extraction, not a misprint.
 */
export function findFuzzy(stream: TextStream, item: Labelled, from: number, to: number, free?: Uint8Array): LabelHit | null {
  let best: LabelHit | null = null;
  for (const key of item.keys) {
    const max = allowedDistance(key.text.length);
    if (max === 0) continue;
    const f = fuzzyFind(stream.text, key.text, from, Math.min(to, from + 4000), max, free);
    if (f && (!best || f.distance < best.distance)) {
      best = hit(stream, f.start, f.end - f.start, f.distance === 0 ? (key.official ? 'official' : 'variant') : 'fuzzy', f.distance);
    }
  }
  return best;
}

/** Exact first, then (if allowed) the bare short label, then approximate. */
export function findInWindow(stream: TextStream, item: Labelled, from: number, to: number, free?: Uint8Array): LabelHit | null {
  return findExact(stream, item, from, to, true) ?? findFuzzy(stream, item, from, to, free);
}

/**
 * Locate a sequence of labels that must appear in this order (the rows of a table).
 * Pass 1 takes each label's first exact occurrence unless one of the next two labels occurs
 * before it (then this one is probably absent or misprinted); pass 2 looks for the labels still
 * missing inside the window between their found neighbours, exactly and then approximately.
 */
export function locateSequence(stream: TextStream, items: Labelled[], from: number, to: number, free?: Uint8Array): (LabelHit | null)[] {
  const hits: (LabelHit | null)[] = new Array<LabelHit | null>(items.length).fill(null);
  let pos = from;
  for (let r = 0; r < items.length; r++) {
    let h = findExact(stream, items[r], pos, to);
    if (h) {
      for (let la = r + 1; la <= r + 2 && la < items.length && h; la++) {
        const ahead = findExact(stream, items[la], pos, h.offset);
        if (ahead && ahead.offset + ahead.length <= h.offset) h = null;
      }
    }
    if (h) {
      hits[r] = h;
      pos = h.offset + h.length;
    }
  }
  for (let r = 0; r < items.length; r++) {
    if (hits[r]) continue;
    let lo = from;
    for (let p = r - 1; p >= 0; p--) {
      const h = hits[p];
      if (h) {
        lo = h.offset + h.length;
        break;
      }
    }
    let hi = to;
    for (let q = r + 1; q < items.length; q++) {
      const h = hits[q];
      if (h) {
        hi = h.offset;
        break;
      }
    }
    if (hi <= lo) continue;
    hits[r] = findInWindow(stream, items[r], lo, hi, free);
  }
  return hits;
}
