// Splitting one printed cell into text and number tokens.
//
// A cell such as "（一）予以公开7000007", "行政许可 296", "0 0 0 0", "1. 属于国家秘密" or
// "2022 年" is scanned once. Digits become a number token unless their context shows they are
// part of the words: label numbering (1. 2、), bracketed numbers, dates, times, percentages,
// numbers glued inside words with a counter (第1项, 共5件), or mixed with Latin letters.

import { normalizeLabel } from '../model/labels.ts';
import { makeToken, type Token } from './tokens.ts';

export interface CellOrigin {
  block: number;
  line: number;
  page: number;
  table: number;
  row: number;
  col: number;
}

const NA_CELLS = new Set(['/', '／', '\\', '—', '——', '-', '--', '－', '–', '―', '—/—', '×', '无', '空', '-/-', '/ /']);
const DATE_UNITS = '年月日时分秒页%‰';
const COUNTERS = '项条款号次个件名人类期章节级岁';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0 || c === 0x2002 || c === 0x2003 || c === 0x200b;
}
function isLatin(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** Full-width digits and punctuation to ASCII; everything else unchanged. One char per char. */
function asciiCode(c: number): number {
  return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
}

function isPlainInteger(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function isNaCell(text: string): boolean {
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) return false; // starts with a digit
  if (NA_CELLS.has(text)) return true;
  let spaced = false;
  for (let i = 0; i < text.length && !spaced; i++) spaced = isSpace(text.charCodeAt(i));
  return spaced && NA_CELLS.has(text.replace(/\s+/g, ' ').trim());
}

/** Whether a cell is words only: no digit and no mark that may stand for a cell ("/", "—"). */
function wordsOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 ? c >= 43 && c <= 57 : (c >= 0xff0b && c <= 0xff19) || c === 0x2014) return false;
  }
  return true;
}

function pushText(out: Token[], text: string, o: CellOrigin): void {
  const raw = text.trim();
  if (!raw) return;
  const t = makeToken('text', raw, o.block, o.line);
  t.norm = normalizeLabel(raw);
  if (!t.norm) return;
  setOrigin(t, o);
  out.push(t);
}

export function setOrigin(t: Token, o: CellOrigin): void {
  t.page = o.page;
  t.table = o.table;
  t.row = o.row;
  t.col = o.col;
}

/**
 * Scan one cell's text into tokens appended to `out`.
 * `cell` is the raw text; nothing is returned for an empty cell (the caller emits blanks).
 */
// eslint-disable-next-line complexity, max-lines-per-function -- a scanner: one branch per kind of input
export function scanCell(cell: string, o: CellOrigin, out: Token[]): void {
  const trimmed = cell.trim();
  if (!trimmed) return;
  if (trimmed.length <= 15 && isPlainInteger(trimmed)) {
    // The common case in tables: a cell that is one number ("0", "17225").
    const t = makeToken('num', trimmed, o.block, o.line);
    t.value = Number(trimmed);
    t.digits = trimmed;
    setOrigin(t, o);
    out.push(t);
    return;
  }
  if (trimmed.length <= 5 && isNaCell(trimmed)) {
    const t = makeToken('na', trimmed, o.block, o.line);
    setOrigin(t, o);
    out.push(t);
    return;
  }
  if (wordsOnly(trimmed)) {
    // A label or a header word: one text token, no character-by-character scan.
    pushText(out, trimmed, o);
    return;
  }
  const s = cell;
  const n = s.length;
  let textStart = -1; // start of the pending text run
  let minusAt = -1; // a minus sign glued to the number before it (see below)
  let i = 0;
  while (i < n) {
    const c = asciiCode(s.charCodeAt(i));
    const signed =
      (c === 45 || c === 43) && i + 1 < n && isDigit(asciiCode(s.charCodeAt(i + 1))) && (i === 0 || isSpace(s.charCodeAt(i - 1)) || i === minusAt);
    if (!isDigit(c) && !signed) {
      // A standalone "/" or "—" between spaces is a not-applicable mark inside a run of numbers.
      if ((c === 47 || c === 0x2014 || c === 0xff0f) && (i === 0 || isSpace(s.charCodeAt(i - 1)))) {
        let j = i + 1;
        while (j < n && (s.charCodeAt(j) === c)) j++;
        if ((j === n || isSpace(s.charCodeAt(j))) && (textStart < 0 || s.slice(textStart, i).trim() === '')) {
          const t = makeToken('na', s.slice(i, j), o.block, o.line);
          setOrigin(t, o);
          out.push(t);
          textStart = -1;
          i = j;
          continue;
        }
      }
      if (textStart < 0 && !isSpace(c)) textStart = i;
      i++;
      continue;
    }
    // Read a number: [sign] digits [,ddd]* [.digits]
    const start = i;
    let j = signed ? i + 1 : i;
    while (j < n && isDigit(asciiCode(s.charCodeAt(j)))) j++;
    const intEnd = j;
    let thousands = false;
    while (
      j + 3 < n &&
      asciiCode(s.charCodeAt(j)) === 44 &&
      isDigit(asciiCode(s.charCodeAt(j + 1))) && isDigit(asciiCode(s.charCodeAt(j + 2))) && isDigit(asciiCode(s.charCodeAt(j + 3))) &&
      (j + 4 >= n || !isDigit(asciiCode(s.charCodeAt(j + 4)))) &&
      intEnd - (signed ? i + 1 : i) <= 3
    ) {
      thousands = true;
      j += 4;
    }
    let decimal = false;
    if (j + 1 < n && (asciiCode(s.charCodeAt(j)) === 46) && isDigit(asciiCode(s.charCodeAt(j + 1)))) {
      let k = j + 1;
      while (k < n && isDigit(asciiCode(s.charCodeAt(k)))) k++;
      decimal = true;
      j = k;
    }
    const prev = start > 0 ? asciiCode(s.charCodeAt(start - 1)) : -1;
    const next = j < n ? asciiCode(s.charCodeAt(j)) : -1;
    const afterNext = j + 1 < n ? asciiCode(s.charCodeAt(j + 1)) : -1;
    // next non-space character within one space
    let peek = next;
    if (peek === 32 && j + 1 < n) peek = asciiCode(s.charCodeAt(j + 1));
    const gluedLeft = prev >= 0 && !isSpace(prev);
    const gluedRight = next >= 0 && !isSpace(next);
    const intDigits = s.slice(signed ? start + 1 : start, intEnd);
    let isText = false;
    let numberingFollows = false;
    if (!decimal && !thousands && (next === 46 || next === 0x3001 || next === 0xff0e) && !(afterNext >= 0 && isDigit(afterNext))) {
      // "1." / "2、": numbering of a label. A longer run ending in a numbering ("00000002.其他…")
      // is a run of values that swallowed the next label's number.
      if (intDigits.length <= 2 && !signed) isText = true;
      else numberingFollows = true;
    } else if ((prev === 40 || prev === 0xff08 || prev === 0x3014) && (next === 41 || next === 0xff09 || next === 0x3015)) {
      isText = true; // (1) （5） 〔2020〕
    } else if ((prev >= 0 && isLatin(prev)) || (next >= 0 && isLatin(next))) {
      isText = true; // GB2312, www.example.gov.cn, A4
    } else if (peek >= 0 && DATE_UNITS.includes(String.fromCharCode(peek))) {
      isText = true; // 2022 年, 100%, 第 3 页
    } else if (next === 45 && !signed && !decimal && !thousands && gluedLeft && isIdeograph(prev) && intDigits.length <= 3 && gluedMinus(s, j)) {
      // "行政许可6-74": a row's numbers run together after its label, a negative one among them
      // (本年增/减). Not a date, a range ("3-5个") or a phone number.
      minusAt = j;
    } else if ((next === 45 || next === 47 || next === 58 || next === 0xff1a || next === 46) && afterNext >= 0 && isDigit(afterNext)) {
      isText = true; // 2022-02-15, 3/6, 10:44, 2022.1.19
    } else if ((prev === 45 || prev === 47 || prev === 58 || prev === 0xff1a || prev === 46) && start >= 2 && isDigit(asciiCode(s.charCodeAt(start - 2)))) {
      isText = true; // the second half of a date or time
    } else if (prev === 0x3014 || prev === 0x3010 || prev === 0x5b || next === 0x3015 || next === 0x3011 || next === 0x5d) {
      isText = true; // 〔2021〕 【3】 [2]
    } else if (gluedLeft && gluedRight && next >= 0 && COUNTERS.includes(String.fromCharCode(next))) {
      isText = true; // 第1项, 共5件
    } else if (gluedLeft && (prev === 0x7b2c /* 第 */ || prev === 0x5171 /* 共 */)) {
      isText = true;
    }
    if (isText) {
      if (textStart < 0) textStart = start;
      i = j;
      continue;
    }
    if (textStart >= 0) pushText(out, s.slice(textStart, start), o);
    textStart = -1;
    const raw = s.slice(start, j);
    const ascii = asciiDigits(raw);
    const t = makeToken('num', raw, o.block, o.line);
    t.value = Number(thousands ? ascii.replace(/,/g, '') : ascii);
    t.decimal = decimal;
    t.glued = gluedLeft || gluedRight;
    // The digits of a run that may hold several numbers (a signed one only where it is glued).
    t.digits = !thousands && !decimal && (!signed || t.glued) ? (signed ? ascii.slice(1) : ascii) : '';
    t.numberingFollows = numberingFollows;
    setOrigin(t, o);
    out.push(t);
    i = j;
  }
  if (textStart >= 0) pushText(out, s.slice(textStart), o);
}

function isIdeograph(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

/**
 * After a run of digits ending at `at` (a '-'): digits, then the end of the cell, a letter of a
 * label or another run; not a date unit, a counter or another '-' (dates, ranges, phone numbers).
 */
function gluedMinus(s: string, at: number): boolean {
  let k = at + 1;
  while (k < s.length && isDigit(asciiCode(s.charCodeAt(k)))) k++;
  if (k === at + 1) return false;
  if (k === s.length) return true;
  const c = asciiCode(s.charCodeAt(k));
  if (c === 45 || c === 46 || c === 47 || c === 58 || isSpace(c) || isLatin(c)) return false;
  const ch = String.fromCharCode(c);
  return !DATE_UNITS.includes(ch) && !COUNTERS.includes(ch);
}

function asciiDigits(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) out += String.fromCharCode(asciiCode(raw.charCodeAt(i)));
  return out;
}
