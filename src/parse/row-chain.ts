// Row by row: which of the numbers between two row labels belong to the row above and which to
// the row below, when the text does not show printed rows (PDF text in drawing order, one cell
// per line). Extractors put a row's numbers before its label in one row and after it in the next
// (pdftotext prints a vertically centred label after its numbers, a wrapped one before them), so
// one orientation for the whole table is not enough.
//
// When every number lies between the first label and the last, they form a chain: the first
// row takes from the numbers after its label exactly as many as it has cells, the rest of those
// go to the next row, which takes as many as it still lacks from the numbers after its own
// label, and so on. That is the only reading that gives every row exactly its count and leaves
// no number over, so it is used when it does. Otherwise (a lost label, glued digits, an empty
// cell, numbers outside the labels) the table is read by one orientation (orientation.ts).

import type { FoundRow } from './orientation.ts';
import type { Token } from './tokens.ts';

/** Numbers (not empty cells) among tokens. */
function numbers(ts: Token[]): Token[] {
  return ts.filter((t) => t.kind !== 'blank');
}

/** Tokens of `a` and `b` together, in printed order, each once. */
function union(a: Token[], b: Token[]): Token[] {
  const seen = new Set<number>();
  const out: Token[] = [];
  for (const t of [...a, ...b]) {
    if (seen.has(t.index)) continue;
    seen.add(t.index);
    out.push(t);
  }
  return out.sort((x, y) => x.index - y.index);
}

/**
 * Each found row's values when the chain reading accounts for every number with every row
 * exactly full; null when it does not (then the table's orientation decides).
 * `found`: the found rows' model indices (consecutive rows only: a lost label between two found
 * ones is left to the orientation reading and its sharing by order).
 */
export function chainReading(candidates: FoundRow[], found: number[]): Token[][] | null {
  const n = candidates.length;
  if (n < 2) return null;
  for (let k = 1; k < n; k++) if (found[k] !== found[k - 1] + 1) return null;
  for (const c of candidates) {
    for (const t of [...c.before, ...c.inSpan, ...c.after]) {
      // A run of glued digits may hold several numbers; an empty cell may be one of a row's.
      if ((t.kind === 'num' && t.glued && t.digits.length > 1) || t.kind === 'blank') return null;
    }
  }
  // Every number lies between the first label and the last. Numbers before the first label or
  // after the last one may be rows whose labels were lost, or a stray number (a page number)
  // that, with a row short of one, would let the chain shift every row by one.
  if (numbers(candidates[0].before).length > 0 || numbers(candidates[n - 1].after).length > 0) return null;

  const out: Token[][] = [];
  let carried: Token[] = [];
  for (let k = 0; k < n; k++) {
    const c = candidates[k];
    const want = c.row.columns.length;
    const own = [...carried, ...numbers(c.inSpan)];
    if (k === n - 1) {
      if (own.length !== want) return null;
      out.push(own);
      break;
    }
    const gap = numbers(union(c.after, candidates[k + 1].before));
    const take = want - own.length;
    if (take < 0 || take > gap.length) return null;
    const mine = gap.slice(0, take);
    const theirs = gap.slice(take);
    // Group bounds (表三's groups) may keep some of the gap on one side only.
    const after = new Set(c.after.map((t) => t.index));
    const before = new Set(candidates[k + 1].before.map((t) => t.index));
    if (!mine.every((t) => after.has(t.index)) || !theirs.every((t) => before.has(t.index))) return null;
    out.push([...own, ...mine].sort((x, y) => x.index - y.index));
    carried = theirs;
  }
  return out;
}
