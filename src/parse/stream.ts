// The text stream: all text tokens' normalised text concatenated, with a map back to tokens.
// Labels are found by plain substring search on it, so a label broken over several lines,
// cells or pages ("结果\n纠正", one character per line) is found like an unbroken one.

import type { Token } from './tokens.ts';

export interface StreamMatch {
  /** Offset and length in the stream. */
  offset: number;
  length: number;
  /** First and last token index covered. */
  start: number;
  end: number;
}

export class TextStream {
  readonly text: string;
  /** For every token index, the stream offset where that token's text begins (or would begin). */
  private readonly tokenOffset: Int32Array;
  /** Token index of each text token, in order, and its start offset in the stream. */
  private readonly textTokens: Int32Array;
  private readonly textStarts: Int32Array;

  constructor(tokens: Token[]) {
    const parts: string[] = [];
    const tokenOffset = new Int32Array(tokens.length + 1);
    const textTokens: number[] = [];
    const textStarts: number[] = [];
    let offset = 0;
    for (let i = 0; i < tokens.length; i++) {
      tokenOffset[i] = offset;
      const t = tokens[i];
      if (t.kind === 'text') {
        textTokens.push(i);
        textStarts.push(offset);
        parts.push(t.norm);
        offset += t.norm.length;
      }
    }
    tokenOffset[tokens.length] = offset;
    this.text = parts.join('');
    this.tokenOffset = tokenOffset;
    this.textTokens = Int32Array.from(textTokens);
    this.textStarts = Int32Array.from(textStarts);
  }

  /** Stream offset at token index `i`. */
  offsetOf(i: number): number {
    return this.tokenOffset[Math.max(0, Math.min(i, this.tokenOffset.length - 1))];
  }

  /** Index of the text token that holds stream offset `offset`. */
  tokenAt(offset: number): number {
    const starts = this.textStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.textTokens[lo] ?? 0;
  }

  match(offset: number, length: number): StreamMatch {
    return { offset, length, start: this.tokenAt(offset), end: this.tokenAt(offset + length - 1) };
  }

  /** First occurrence of `key` starting in [from, to), or -1. */
  find(key: string, from: number, to = this.text.length): number {
    if (!key) return -1;
    const at = this.text.indexOf(key, from);
    return at >= 0 && at < to ? at : -1;
  }

  /** Last occurrence of `key` starting in [from, to), or -1. */
  findLast(key: string, from: number, to: number): number {
    if (!key || to <= from) return -1;
    const at = this.text.lastIndexOf(key, to - 1);
    return at >= from ? at : -1;
  }
}
