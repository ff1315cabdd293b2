// A module loaded on first use and kept: asking `import()` again costs a resolution each time
// (under a loader hook, a round trip to its thread).

/** `load` called on the first call only; the same promise after. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}
