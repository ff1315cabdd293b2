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
 *
 * Ukkonen's cut-off: a column is computed only down to the rows that can still be within
 * `maxDistance` (the row after the last one that was, and the rows an insertion reaches from
 * there); every row below holds more than `maxDistance` and is read as `maxDistance + 1`. Cells
 * within the bound, their starts and so the hit are exactly those of the full table: a cell's
 * value comes from a neighbour's plus a non-negative cost, so a neighbour beyond the bound can
 * give only a value beyond it. Most of a window is far from the label, where a column is a few
 * rows instead of the label's length.
 */
// eslint-disable-next-line complexity -- one dynamic-programming scan; its cut-off is what keeps it cheap
export function fuzzyFind(text: string, pattern: string, from: number, to: number, maxDistance: number, free?: Uint8Array): FuzzyHit | null {
  const m = pattern.length;
  if (m === 0 || to <= from) return null;
  const beyond = maxDistance + 1;
  // prev[i] = edit distance of pattern[0..i) against some suffix of text[from..j); rows past
  // prevTop (curTop) were not computed for that column and stand for `beyond`.
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  // where the match ending at the current cell begins in the text
  let startAt = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let prevTop = m;
  // The last row of the previous column within the bound.
  let active = Math.min(m, maxDistance);
  let best: FuzzyHit | null = null;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    const skip = free && free[c] ? 0 : 1;
    cur[0] = 0;
    startAt[0] = j + 1;
    let i = 1;
    for (; i <= m && (i <= active + 1 || cur[i - 1] < maxDistance); i++) {
      const up = i - 1 <= prevTop ? prev[i - 1] : beyond;
      const left = i <= prevTop ? prev[i] : beyond;
      const sub = up + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const del = left + skip; // skip a text char
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
    const curTop = i - 1;
    active = curTop;
    while (active > 0 && cur[active] > maxDistance) active--;
    if (curTop === m && cur[m] <= maxDistance && (!best || cur[m] < best.distance) && j + 1 - startAt[m] <= 3 * m) {
      best = { start: startAt[m], end: j + 1, distance: cur[m] };
    }
    [prev, cur] = [cur, prev];
    [prevStart, startAt] = [startAt, prevStart];
    prevTop = curTop;
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
