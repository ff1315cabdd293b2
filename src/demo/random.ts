// A seeded source of random choices for the report generator (demo corpus, benchmark). The
// property tests draw the same choices through fast-check instead (test/support/random.ts), so
// that counterexamples shrink: every choice shrinks towards its simplest form (integers towards
// `min`, `chance` towards false, `pick` towards the first element).

export interface Source {
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element (the first is the simplest). */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast, good enough for test data. */
export function seeded(seed: number): Source {
  // Scramble the seed (splitmix32 step) so that nearby seeds start far apart.
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  let a = (z ^ (z >>> 16)) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}
