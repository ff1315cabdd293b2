// The approximate label search (src/parse/fuzzy.ts): what a damaged label is found as, and that
// Ukkonen's cut-off (columns computed only as deep as a match within the bound can reach) finds
// exactly what the full dynamic-programming table finds.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allowedDistance, fuzzyFind, type FuzzyHit } from '../src/parse/fuzzy.ts';

/** Sellers' algorithm over the whole table: the reference the cut-off must agree with. */
function fullTable(text: string, pattern: string, from: number, to: number, maxDistance: number, free?: Uint8Array): FuzzyHit | null {
  const m = pattern.length;
  if (m === 0 || to <= from) return null;
  let prev = Array.from({ length: m + 1 }, (_, i) => i);
  let prevStart = new Array<number>(m + 1).fill(0);
  let best: FuzzyHit | null = null;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    const cur = [0];
    const start = [j + 1];
    for (let i = 1; i <= m; i++) {
      const options: [number, number][] = [
        [prev[i - 1] + (pattern.charCodeAt(i - 1) === c ? 0 : 1), i === 1 ? j : prevStart[i - 1]],
        [prev[i] + (free?.[c] ? 0 : 1), prevStart[i]],
        [cur[i - 1] + 1, start[i - 1]],
      ];
      // The first of the cheapest, in the order substitute, skip text, skip pattern.
      let pick = options[0];
      for (const o of options) if (o[0] < pick[0]) pick = o;
      cur.push(pick[0]);
      start.push(pick[1]);
    }
    if (cur[m] <= maxDistance && (!best || cur[m] < best.distance) && j + 1 - start[m] <= 3 * m) best = { start: start[m], end: j + 1, distance: cur[m] };
    prev = cur;
    prevStart = start;
  }
  return best;
}

test('a label with one character changed is found where it is printed, at distance 1', () => {
  const text = '（五）不予公开 1．属于国家秘密 2．属于三类内部事物信息 3．属于过程性信息';
  const label = '属于三类内部事务信息';
  const hit = fuzzyFind(text, label, 0, text.length, allowedDistance(label.length));
  assert.ok(hit);
  assert.equal(text.slice(hit.start, hit.end), '属于三类内部事物信息');
  assert.equal(hit.distance, 1);
});

test('characters marked free may sit inside a match at no cost (another label interleaved)', () => {
  const label = '本年新收政府信息公开申请数量';
  const text = `一、本年新收政府信息三、本年度办理结果公开申请数量 5 3`;
  const free = new Uint8Array(0x10000);
  for (const ch of '三、本年度办理结果') free[ch.charCodeAt(0)] = 1;
  const hit = fuzzyFind(text, label, 0, text.length, allowedDistance(label.length), free);
  assert.ok(hit);
  assert.equal(hit.distance, 0);
  assert.equal(text.slice(hit.start, hit.end), '本年新收政府信息三、本年度办理结果公开申请数量');
  // Without them, the interleaved characters cost one edit each: beyond the bound.
  assert.equal(fuzzyFind(text, label, 0, text.length, allowedDistance(label.length)), null);
});

test('nothing within the bound: no hit, not the nearest miss', () => {
  assert.equal(fuzzyFind('行政复议结果维持', '其他处理情况', 0, 8, 1), null);
});

test('the cut-off finds exactly what the full table finds (random texts, labels, bounds and free characters)', () => {
  const alphabet = fc.constantFrom(...'abcde其他处理');
  fc.assert(
    fc.property(
      fc.array(alphabet, { minLength: 1, maxLength: 16 }),
      fc.array(alphabet, { maxLength: 60 }),
      fc.nat(60),
      fc.nat(5),
      fc.boolean(),
      fc.nat(4),
      fc.nat(4),
      (p, t, insertAt, maxDistance, withFree, cutFrom, cutTo) => {
        const pattern = p.join('');
        const chars = t.slice();
        // Often the label itself, or most of it, is in the text.
        if (insertAt % 2 === 0) chars.splice(insertAt % (chars.length + 1), 0, ...p.slice(0, Math.max(1, p.length - (insertAt % 3))));
        const text = chars.join('');
        const free = withFree ? new Uint8Array(0x10000) : undefined;
        if (free) free['c'.charCodeAt(0)] = free['他'.charCodeAt(0)] = 1;
        const from = Math.min(cutFrom, text.length);
        const to = Math.max(from, text.length - cutTo);
        assert.deepEqual(fuzzyFind(text, pattern, from, to, maxDistance, free), fullTable(text, pattern, from, to, maxDistance, free));
      },
    ),
    { seed: 20261207, numRuns: 3000 },
  );
});
