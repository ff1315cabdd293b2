// Resource limits for reading untrusted input. Checked before any expensive work.

export const LIMITS = {
  /** Largest input file accepted at all, in bytes (PDF and Word files with images are big). */
  maxInputBytes: 40 * 1024 * 1024,
  /** Largest text or web page accepted, in bytes. A whole annual report is 10–200 KB of text. */
  maxTextBytes: 8 * 1024 * 1024,
  /** Longest line the tokenizer looks at; the rest of an absurd line is ignored. */
  maxLineChars: 100_000,
};

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}
