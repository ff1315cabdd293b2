// The text stream: all text tokens' normalised text concatenated, with a map back to tokens.
// Labels are found by plain substring search on it, so a label broken over several lines,
// cells or pages ("结果\n纠正", one character per line) is found like an unbroken one.

import { stripNumbering } from '../model/labels.ts';
import { lastAtMost } from '../util/sorted.ts';
import type { Token } from './tokens.ts';

export interface StreamMatch {
  /** Offset and length in the stream. */
  offset: number;
  length: number;
  /** First and last token index covered. */
  start: number;
  end: number;
}

/** Stands in the stream for a narrative sentence. */
const PROSE_MARK = '\u0001';

export class TextStream {
  readonly text: string;
  /** For every token index, the stream offset where that token's text begins (or would begin). */
  private readonly tokenOffset: Int32Array;
  /** Token index of each text token, in order, and its start offset in the stream. */
  private readonly textTokens: Int32Array;
  private readonly textStarts: Int32Array;
  /** For each text token (in order): 1 when the next token is a number or a not-applicable mark. */
  private readonly valueFollows: Uint8Array;

  constructor(tokens: Token[]) {
    const parts: string[] = [];
    const tokenOffset = new Int32Array(tokens.length + 1);
    const textTokens: number[] = [];
    const textStarts: number[] = [];
    let offset = 0;
    for (let i = 0; i < tokens.length; i++) {
      tokenOffset[i] = offset;
      const t = tokens[i];
      if (t.kind === 'text' && t.prose) {
        // Narrative sentences hold no table labels: left out, with a mark no label can cross.
        parts.push(PROSE_MARK);
        offset += 1;
      } else if (t.kind === 'text') {
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
    this.valueFollows = new Uint8Array(textTokens.length);
    textTokens.forEach((ti, k) => {
      const next = tokens[ti + 1];
      if (next && (next.kind === 'num' || next.kind === 'na')) this.valueFollows[k] = 1;
    });
  }

  /** Stream offset at token index `i`. */
  offsetOf(i: number): number {
    return this.tokenOffset[Math.max(0, Math.min(i, this.tokenOffset.length - 1))];
  }

  /** Index of the text token that holds stream offset `offset`. */
  tokenAt(offset: number): number {
    return this.textTokens[lastAtMost(this.textStarts, offset)] ?? 0;
  }

  match(offset: number, length: number): StreamMatch {
    return { offset, length, start: this.tokenAt(offset), end: this.tokenAt(offset + length - 1) };
  }

  /**
   * Does [offset, offset + length) cover whole text tokens — from a token's start (or just after
   * its numbering, 3.其他) to a token's end? A label broken over several cells counts as whole.
   */
  isWholeCell(offset: number, length: number): boolean {
    const first = this.textIndex(offset);
    const last = this.textIndex(offset + length - 1);
    if (first < 0 || last < 0) return false;
    const lastEnd = last + 1 < this.textStarts.length ? this.textStarts[last + 1] : this.text.length;
    if (offset + length !== lastEnd) return false;
    const prefix = this.text.slice(this.textStarts[first], offset);
    // Text that lost its separators ("…现行有效件数规章000"): the label ends its words and
    // its numbers follow at once.
    return prefix === '' || stripNumbering(prefix) === '' || this.valueFollows[last] === 1;
  }

  /** Position (among text tokens) of the text token holding stream offset `offset`, or -1. */
  private textIndex(offset: number): number {
    if (this.textStarts.length === 0 || offset < 0 || offset >= this.text.length) return -1;
    return lastAtMost(this.textStarts, offset);
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
