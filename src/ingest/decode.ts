// Bytes → text, with the encoding detected from the content (BOM, UTF-16 byte patterns, UTF-8
// validity, else GB18030, which covers GBK and GB2312).

import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Lines not in `encoding` (set only when there are some). */
  mixed?: MixedLines;
}


/** Guess UTF-16 without BOM from where the zero bytes fall (ASCII-heavy text) or CJK patterns. */
// eslint-disable-next-line complexity -- a scanner: one branch per kind of input
function sniffUtf16(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.2 && zeroEven < pairs * 0.02) return 'utf-16le';
  if (zeroEven > pairs * 0.2 && zeroOdd < pairs * 0.02) return 'utf-16be';
  // Mostly-Chinese UTF-16 has few zero bytes; recognise it by CJK code units.
  if (!looksUtf8(bytes)) {
    let cjkLe = 0;
    let cjkBe = 0;
    for (let i = 0; i < n; i += 2) {
      const le = bytes[i] | (bytes[i + 1] << 8);
      const be = (bytes[i] << 8) | bytes[i + 1];
      if ((le >= 0x4e00 && le <= 0x9fff) || le === 0x000a || (le >= 0x3000 && le <= 0x303f) || (le >= 0xff00 && le <= 0xffef)) cjkLe++;
      if ((be >= 0x4e00 && be <= 0x9fff) || be === 0x000a || (be >= 0x3000 && be <= 0x303f) || (be >= 0xff00 && be <= 0xffef)) cjkBe++;
    }
    if (cjkLe > pairs * 0.6 && cjkLe > cjkBe * 2) return 'utf-16le';
    if (cjkBe > pairs * 0.6 && cjkBe > cjkLe * 2) return 'utf-16be';
  }
  return null;
}

function looksUtf8(bytes: Uint8Array): boolean {
  try {
    // Only a prefix: a multi-byte sequence cut at the end is not an error (stream mode).
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 4096)), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Lines decoded otherwise than the rest of the text (1-based line numbers of the decoded text). */
export interface MixedLines {
  /** Lines in the other encoding (a GBK sentence pasted into UTF-8 text, or the reverse). */
  other: number[];
  /** Lines with bytes valid in neither (shown as U+FFFD). */
  invalid: number[];
  /** The encoding of those other lines. */
  otherEncoding: TextEncoding;
}

/** Length of the valid UTF-8 sequence at `i` (1–4), or 0 when the bytes there are no UTF-8. */
function utf8Sequence(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) [n, min] = [2, 0x80];
  else if (c >= 0xe0 && c <= 0xef) [n, min] = [3, 0x800];
  else if (c >= 0xf0 && c <= 0xf4) [n, min] = [4, 0x10000];
  else return 0;
  if (i + n > end) return 0;
  let cp = c & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const t = b[i + k];
    if ((t & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (t & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

/** How UTF-8 fits the bytes [start, end): 'ascii', 'utf8' (valid, with some Chinese: a 3-byte sequence), 'utf8-other' or 'invalid'. */
function utf8Fit(b: Uint8Array, start: number, end: number): 'ascii' | 'utf8' | 'utf8-other' | 'invalid' {
  let wide = false;
  let other = false;
  for (let i = start; i < end; ) {
    const n = utf8Sequence(b, i, end);
    if (n === 0) return 'invalid';
    if (n === 3) wide = true;
    else if (n !== 1) other = true;
    i += n;
  }
  return wide ? 'utf8' : other ? 'utf8-other' : 'ascii';
}

/**
 * Whether most non-ASCII bytes of `b` form valid UTF-8: UTF-8 with a damaged byte or two, not
 * another encoding (a GBK sentence has hardly any valid UTF-8 sequence in it).
 */
function mostlyUtf8(b: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; ) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    const n = utf8Sequence(b, i, b.length);
    if (n === 0) {
      invalid++;
      i++;
    } else {
      valid += n;
      i += n;
    }
  }
  return valid >= invalid;
}

const gbFatal = new TextDecoder('gb18030', { fatal: true });
const gbLoose = new TextDecoder('gb18030');
const utf8Loose = new TextDecoder('utf-8');

/** The bytes as GB18030 when every byte is valid there, else null. */
function strictGb(b: Uint8Array): string | null {
  try {
    return gbFatal.decode(b);
  } catch {
    return null;
  }
}

/**
 * Text that is not UTF-8 throughout, decoded line by line: mostly UTF-8 with a few bad bytes or a
 * pasted GBK sentence, or mostly GBK with a pasted UTF-8 sentence. The majority of the lines with
 * Chinese decides the text's encoding; a line that only the other encoding reads is read in it,
 * and a line that neither reads keeps replacement characters. Both are told (MixedLines).
 */
function decodeByLine(bytes: Uint8Array): DecodedText {
  const ranges: [number, number, ReturnType<typeof utf8Fit>][] = [];
  let utf8Lines = 0;
  let badLines = 0;
  for (let start = 0; start <= bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const fit = utf8Fit(bytes, start, end);
    if (fit === 'utf8') utf8Lines++;
    else if (fit === 'invalid') badLines++;
    ranges.push([start, end, fit]);
    start = end + 1;
  }
  const majority: TextEncoding = utf8Lines >= badLines ? 'utf-8' : 'gb18030';
  const other: TextEncoding = majority === 'utf-8' ? 'gb18030' : 'utf-8';
  if (majority === 'gb18030' && utf8Lines === 0) {
    // Plain GBK text (the common case): one decoder call; bad bytes are looked for after.
    const text = gbLoose.decode(bytes);
    const invalid = linesWith(text, '\ufffd');
    return { text, encoding: 'gb18030', ...(invalid.length ? { mixed: { other: [], invalid, otherEncoding: 'utf-8' } } : {}) };
  }
  const parts: string[] = [];
  const otherLines: number[] = [];
  const invalidLines: number[] = [];
  for (let k = 0; k < ranges.length; k++) {
    const [start, end, fit] = ranges[k];
    const line = bytes.subarray(start, end);
    let text: string;
    if (fit === 'ascii' || (majority === 'utf-8' && fit !== 'invalid')) text = utf8Loose.decode(line);
    else if (majority === 'gb18030' && fit !== 'utf8') text = strictGb(line) ?? (invalidLines.push(k), gbLoose.decode(line));
    else if (fit === 'utf8') {
      // A UTF-8 line (with Chinese in it) in GBK text: a GBK reading of it would be other characters.
      text = utf8Loose.decode(line);
      otherLines.push(k);
    } else {
      // A line UTF-8 cannot read in UTF-8 text: GBK when it reads it all and gives Chinese.
      const gb = mostlyUtf8(line) ? null : strictGb(line);
      if (gb !== null && /[\u4e00-\u9fff]/.test(gb)) {
        text = gb;
        otherLines.push(k);
      } else {
        text = utf8Loose.decode(line);
        invalidLines.push(k);
      }
    }
    parts.push(text);
  }
  const text = parts.join('\n');
  // Chunk numbers → line numbers as the text reader counts them (CR, LF and CRLF each end a line).
  const lineOf = chunkLines(parts);
  const mixed: MixedLines = { other: otherLines.map(lineOf), invalid: invalidLines.map(lineOf), otherEncoding: other };
  return { text, encoding: majority, ...(mixed.other.length || mixed.invalid.length ? { mixed } : {}) };
}

/** For chunks split at LF: the 1-based line (CR, LF, CRLF ending a line) each chunk starts on. */
function chunkLines(parts: string[]): (chunk: number) => number {
  const starts: number[] = [];
  let line = 1;
  for (const p of parts) {
    starts.push(line);
    for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 13 && p.charCodeAt(i + 1) !== 10) line++;
    if (p.endsWith('\r')) line--; // CR LF: the LF that follows ends the line
    line++;
  }
  return (k) => starts[k];
}

/** 1-based lines of `text` holding `ch`. */
function linesWith(text: string, ch: string): number[] {
  const out: number[] = [];
  let line = 1;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
    else if (text[i] === ch && line !== last) out.push((last = line));
  }
  return out;
}

/** Decode text bytes. Never throws: undecodable bytes become U+FFFD, and their lines are told in `mixed`. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  // The common input, checked natively: valid UTF-8 with no zero byte where sniffUtf16 looks (so
  // it could only have answered "not UTF-16"). The same text the fatal decoder below would give.
  if (bytes.subarray(0, 4096).indexOf(0) < 0 && isUtf8(bytes)) return { text: utf8Loose.decode(bytes), encoding: 'utf-8' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeByLine(bytes);
  }
}

// Replacement and control characters other than tab, line feed, form feed and carriage return.
const GARBAGE = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/g;

/** Share of characters that are replacement or control characters (a sign of binary input). */
export function garbageRatio(text: string): number {
  const n = Math.min(text.length, 200_000);
  if (n === 0) return 0;
  // A pattern scans natively (text is mostly free of them, and this runs on every text input).
  const head = n < text.length ? text.slice(0, n) : text;
  GARBAGE.lastIndex = 0;
  let bad = 0;
  while (GARBAGE.exec(head)) bad++;
  return bad / n;
}
