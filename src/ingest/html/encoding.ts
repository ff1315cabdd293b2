// The encoding of a web page: byte order mark first, then the page's own declaration
// (<meta charset> or <meta http-equiv="Content-Type" content="…; charset=…">), then the content.
// GBK and GB2312 are decoded as GB18030, their superset (pages declared gb2312 often hold GBK
// characters). A declaration that the bytes plainly contradict is not followed: Chinese portals
// copy page templates, so "gb2312" pages saved as UTF-8 and the reverse both occur.

import { decodeText } from '../decode.ts';

export interface DecodedPage {
  text: string;
  /** Encoding actually used to decode the bytes. */
  encoding: string;
  /** Charset the page declares, lower-cased, if any. */
  declared: string | null;
}

/** How far into the page the declaration is looked for (the HTML standard prescans 1024 bytes). */
const PRESCAN_BYTES = 4096;

const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'windows-936', 'ms936', 'euc-cn', 'csgb2312', 'chinese', 'iso-ir-58', 'gb_2312-80']);
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'utf-16', 'utf-16le', 'utf-16be']);
const BIG5 = new Set(['big5', 'big5-hkscs', 'cn-big5', 'x-x-big5', 'csbig5']);

/** The charset a page declares in its first kilobytes, lower-cased. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES)).replace(/<!--[\s\S]*?-->/g, '');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const cs = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(m[0]);
    if (cs) return cs[1].toLowerCase();
  }
  return null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

export function decodePage(bytes: Uint8Array): DecodedPage {
  const declared = declaredCharset(bytes);
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasBom) {
    const d = decodeText(bytes);
    return { text: d.text, encoding: d.encoding, declared };
  }
  if (declared && UTF8.has(declared)) {
    // A UTF-16 declaration found by an ASCII prescan cannot be true; HTML treats it as UTF-8.
    const text = strictUtf8(bytes);
    if (text !== null) return { text, encoding: 'utf-8', declared };
  } else if (declared && (GB_FAMILY.has(declared) || BIG5.has(declared))) {
    // GBK or Big5 text that also happens to be valid UTF-8 with non-ASCII bytes does not occur
    // in practice; such a page was saved as UTF-8 under an old template's declaration.
    const text = hasNonAscii(bytes) ? strictUtf8(bytes) : null;
    if (text !== null) return { text, encoding: 'utf-8', declared };
    const encoding = GB_FAMILY.has(declared) ? 'gb18030' : 'big5';
    return { text: new TextDecoder(encoding).decode(bytes), encoding, declared };
  }
  // No declaration, or one that says nothing useful (iso-8859-1 on a Chinese page): the content.
  const d = decodeText(bytes);
  return { text: d.text, encoding: d.encoding, declared };
}
