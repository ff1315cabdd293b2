// Approximate substring search (Sellers' algorithm): the best match of a short pattern anywhere
// in a window of text, by edit distance. Used only for labels that were not found exactly, within
// the small window where they must be, so its O(m·n) cost stays off the hot path.

export interface FuzzyHit {
  start: number;
  end: number; // exclusive
  distance: number;
}

/**
 * `free`, when given, marks characters that may be skipped inside a match at no cost: the pieces
 * of other labels that text extraction interleaves with this one (a parent label printed beside
 * it one line at a time, a table header repeated at a page break). A match may not stretch over
 * more than three times the pattern's length.
 */
export function fuzzyFind(text: string, pattern: string, from: number, to: number, maxDistance: number, free?: Uint8Array): FuzzyHit | null {
  const m = pattern.length;
  if (m === 0 || to <= from) return null;
  // prev[i] = edit distance of pattern[0..i) against some suffix of text[from..j)
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  // where the match ending at the current cell begins in the text
  let startAt = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best: FuzzyHit | null = null;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    cur[0] = 0;
    startAt[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1] + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const del = prev[i] + (free && free[c] ? 0 : 1); // skip a text char
      const ins = cur[i - 1] + 1; // skip a pattern char
      let v = sub;
      let s = i - 1 === 0 ? j : prevStart[i - 1];
      if (del < v) {
        v = del;
        s = prevStart[i];
      }
      if (ins < v) {
        v = ins;
        s = startAt[i - 1];
      }
      cur[i] = v;
      startAt[i] = s;
    }
    if (cur[m] <= maxDistance && (!best || cur[m] < best.distance) && j + 1 - startAt[m] <= 3 * m) {
      best = { start: startAt[m], end: j + 1, distance: cur[m] };
    }
    [prev, cur] = [cur, prev];
    [prevStart, startAt] = [startAt, prevStart];
  }
  return best;
}

/** Edit distance between two short strings. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** How many edits a label of this length may carry and still be recognised. */
export function allowedDistance(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return Math.floor(length / 5);
}
