// Any reader's input damaged the ways files get damaged in transit: cut off, or bytes changed
// throughout (a seeded generator, so that every run builds the same files).

import { readFileSync } from 'node:fs';

/** The file cut off after `share` of its bytes. */
export function cutOff(path: string, share: number): Uint8Array {
  const b = readFileSync(path);
  return b.subarray(0, Math.floor(b.length * share));
}

/** The file with one byte in `every` replaced by a seeded random byte. */
export function scrambled(path: string, every: number, seed: number): Uint8Array {
  const b = Buffer.from(readFileSync(path));
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  for (let i = next() % every; i < b.length; i += 1 + (next() % (2 * every))) b[i] = next() >>> 24;
  return b;
}
