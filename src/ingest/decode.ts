// Bytes → text, with the encoding detected from the content (BOM, UTF-16 byte patterns, UTF-8
// validity, else GB18030, which covers GBK and GB2312).

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
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

/** Decode text bytes. Never throws: undecodable bytes become U+FFFD (counted by `badChars`). */
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
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Share of characters that are replacement or control characters (a sign of binary input). */
export function garbageRatio(text: string): number {
  const n = Math.min(text.length, 200_000);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) bad++;
  }
  return bad / n;
}
