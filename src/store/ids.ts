// Ids are made here, not by the database: UUID version 7 (RFC 9562), time-ordered so that keys
// made one after another sit together in indexes and sort by creation.

import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function newId(): string {
  const b = randomBytes(16);
  let ms = Date.now();
  // Monotonic within a process: same millisecond → bump a 12-bit counter in rand_a.
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
