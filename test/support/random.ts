// A source of random choices for the report generator and the layout renderers, with two
// implementations: a seeded PRNG (src/demo/random.ts: demo corpus, benchmark, reproducing a
// case) and fast-check's `fc.gen()` (for property tests, so that counterexamples shrink). Every choice
// shrinks towards its simplest form: integers towards `min`, `chance` towards false, `pick`
// towards the first element.

import fc from 'fast-check';

export { seeded, type Source } from '../../src/demo/random.ts';
import type { Source } from '../../src/demo/random.ts';

/** Choices drawn through fast-check, inside a property (shrinkable). */
export function fromGen(g: fc.GeneratorValue): Source {
  return {
    int: (min, max) => g(fc.integer, { min, max }),
    // 0 (the shrink target) means false.
    chance: (p) => g(fc.integer, { min: 0, max: 999 }) >= 1000 - Math.round(p * 1000),
    pick: (items) => items[g(fc.integer, { min: 0, max: items.length - 1 })],
  };
}

/** An arbitrary built from a function of a Source. */
export function arbitraryOf<T>(build: (src: Source) => T): fc.Arbitrary<T> {
  return fc.gen().map((g) => build(fromGen(g)));
}
