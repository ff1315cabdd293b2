// Label normalisation: how official labels and printed text are compared.
//
// Full/half width are unified, all whitespace and quotation marks are dropped, 、 and ， are
// treated as equal, and leading numbering (一、 （一） 1. 2、 …) can be stripped. The same function
// is applied to the model's labels and to the text of a report, so that matching is a plain
// substring search on normalised strings.

const CHINESE_NUMERALS = '一二三四五六七八九十';

/** Normalise a piece of text for label matching. Length may change; see `normalizeWithMap`. */
export function normalizeLabel(text: string): string {
  // Fast path: most pieces of text (CJK words) need no change at all.
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (needsMapping(c)) break;
  }
  if (i === text.length) return text;
  // Copy the unchanged stretches whole; map only the characters that change.
  let out = '';
  let from = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!needsMapping(c)) continue;
    out += text.slice(from, i) + mapChar(c);
    from = i + 1;
  }
  return out + text.slice(from);
}

/** Whether mapChar would change this code unit (computed from the rule below, as a table: the hot loop does one load). */
function mapsCode(c: number): boolean {
  if (c < 0x80) return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x2c;
  if (c >= 0xff01 && c <= 0xff5e) return true;
  return c === 0x3000 || c === 0x00a0 || (c >= 0x2002 && c <= 0x2003) || c === 0x2009 || c === 0x200b || c === 0xfeff ||
    (c >= 0x2018 && c <= 0x2019) || (c >= 0x201c && c <= 0x201d) || (c >= 0x300c && c <= 0x300f) || c === 0xff64;
}

const MAPS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) MAPS[c] = mapsCode(c) ? 1 : 0;

function needsMapping(c: number): boolean {
  return MAPS[c] === 1;
}

/**
 * Map one UTF-16 code unit to its normalised form ('' when it is dropped).
 * Exported so that hot loops can normalise while keeping offsets.
 */
// eslint-disable-next-line complexity -- a scanner: one branch per kind of input
export function mapChar(code: number): string {
  // ASCII fast path
  if (code < 0x80) {
    if (code <= 0x20 || code === 0x22 || code === 0x27) return ''; // whitespace, control, " '
    if (code === 0x2c) return '、'; // ,
    return String.fromCharCode(code);
  }
  if (code >= 0xff01 && code <= 0xff5e) {
    // full-width ASCII block
    if (code === 0xff0c) return '、'; // ，
    if (code === 0xff02 || code === 0xff07) return '';
    return String.fromCharCode(code - 0xfee0);
  }
  switch (code) {
    case 0x3000: // ideographic space
    case 0x00a0: // no-break space
    case 0x2002:
    case 0x2003:
    case 0x2009:
    case 0x200b: // zero width space
    case 0xfeff:
    case 0x201c: // “
    case 0x201d: // ”
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x300c: // 「
    case 0x300d: // 」
    case 0x300e:
    case 0x300f:
      return '';
    case 0x3001: // 、
      return '、';
    case 0xff64: // halfwidth ideographic comma
      return '、';
    default:
      return String.fromCharCode(code);
  }
}

const NUMBERING_RE = new RegExp(
  '^(?:' +
    `\\([${CHINESE_NUMERALS}]+\\)` + // (一)
    `|[${CHINESE_NUMERALS}]+[、.]` + // 一、
    '|\\(\\d{1,2}\\)' + // (1)
    '|\\d{1,2}[、.](?!\\d)' + // 1. 1、
    '|[、.]' + // stray separator left when the numeral was lost: 、其他需要报告的事项
    ')',
);

/** Remove one leading numbering (一、 （一） 1. 2、 (1)) from a normalised label. */
export function stripNumbering(normalized: string): string {
  const m = NUMBERING_RE.exec(normalized);
  return m ? normalized.slice(m[0].length) : normalized;
}

/** The leading numbering of a normalised label, or '' (e.g. '1.', '(三)', '四、'). */
export function leadingNumbering(normalized: string): string {
  const m = NUMBERING_RE.exec(normalized);
  return m ? m[0] : '';
}

/** Alternative spellings of a numbering: '3.' ↔ '3、', '(七)' ↔ '七、'. */
export function numberingVariants(numbering: string): string[] {
  const arabic = /^(\d{1,2})[、.]$/.exec(numbering);
  if (arabic) return [`${arabic[1]}.`, `${arabic[1]}、`];
  const paren = /^\(([一二三四五六七八九十]+)\)$/.exec(numbering);
  if (paren) return [`(${paren[1]})`, `${paren[1]}、`];
  const plain = /^([一二三四五六七八九十]+)[、.]$/.exec(numbering);
  if (plain) return [`${plain[1]}、`, `${plain[1]}.`];
  return numbering ? [numbering] : [];
}

/** The official label without a trailing parenthetical note: 部分公开（区分处理的…） → 部分公开. */
export function withoutParenthetical(normalized: string): string {
  const open = normalized.indexOf('(');
  if (open > 1 && normalized.endsWith(')')) return normalized.slice(0, open);
  return normalized;
}

export const CHINESE_NUMERAL_CHARS = CHINESE_NUMERALS;

/** 1 → 一, 6 → 六, 10 → 十 (for section numbering). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return n === 10 ? '十' : CHINESE_NUMERALS[n - 1];
  if (n < 20) return '十' + CHINESE_NUMERALS[n - 11];
  return String(n);
}

/** 一 → 1, 十二 → 12; NaN when not a Chinese numeral. */
export function parseChineseNumeral(s: string): number {
  if (!s) return NaN;
  if (s === '十') return 10;
  if (s.length === 1) {
    const i = CHINESE_NUMERALS.indexOf(s);
    return i >= 0 ? i + 1 : NaN;
  }
  if (s.length === 2 && s[0] === '十') return 10 + parseChineseNumeral(s[1]);
  if (s.length === 2 && s[1] === '十') return parseChineseNumeral(s[0]) * 10;
  if (s.length === 3 && s[1] === '十') return parseChineseNumeral(s[0]) * 10 + parseChineseNumeral(s[2]);
  return NaN;
}
