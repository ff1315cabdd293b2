// List numbering of a Word 97–2003 document ([MS-DOC] 2.9.147 PlfLst, 2.9.148 PlfLfo, 2.9.150
// LVL): the number text Word shows before a numbered paragraph, with Word's counters in document
// order. A paragraph is numbered by its own properties (sprmPIlfo/sprmPIlvl) or by its style's
// (the stylesheet, 2.9.271 STSH), as headings with outline numbering are.

import { formatNumber } from '../docx/number-format.ts';
import { SPRM, eachSprm } from './sprm.ts';

/** MSONFC number format codes → the names used in .docx (number-format.ts). */
const NFC = [
  'decimal', 'upperRoman', 'lowerRoman', 'upperLetter', 'lowerLetter', 'ordinal', 'cardinalText', 'ordinalText',
  'hex', 'chicago', 'ideographDigital', 'japaneseCounting', 'aiueo', 'iroha', 'decimalFullWidth', 'decimalHalfWidth',
  'japaneseLegal', 'japaneseDigitalTenThousand', 'decimalEnclosedCircle', 'decimalFullWidth2', 'aiueoFullWidth',
  'irohaFullWidth', 'decimalZero', 'bullet', 'ganada', 'chosung', 'decimalEnclosedFullstop', 'decimalEnclosedParen',
  'decimalEnclosedCircleChinese', 'ideographEnclosedCircle', 'ideographTraditional', 'ideographZodiac',
  'ideographZodiacTraditional', 'taiwaneseCounting', 'ideographLegalTraditional', 'taiwaneseCountingThousand',
  'taiwaneseDigital', 'chineseCounting', 'chineseLegalSimplified', 'chineseCountingThousand',
];

/** Longest number text kept (Word's has at most nine placeholders and their punctuation). */
const MAX_NUMBER_TEXT = 40;

interface Lvl {
  start: number;
  fmt: string;
  legal: boolean;
  /** Number text; characters 0–8 stand for the counters of those levels. */
  text: string;
  /** After the number: 0 tab, 1 space, 2 nothing. */
  follow: number;
}

interface Lfo {
  lsid: number;
  overrides: Map<number, { start?: number; lvl?: Lvl }>;
}

export interface DocLists {
  /** Number text of a paragraph (advancing the counters); '' when it is not numbered. */
  label(ilfo: number | undefined, ilvl: number | undefined, istd: number): string;
}

/** Read an LVL at `p`; returns it and the offset after it. */
function readLvl(t: DataView, p: number): [Lvl, number] {
  const start = t.getInt32(p, true);
  const nfc = t.getUint8(p + 4);
  const flags = t.getUint8(p + 5);
  const follow = t.getUint8(p + 15);
  const cbChpx = t.getUint8(p + 24);
  const cbPapx = t.getUint8(p + 25);
  let q = p + 28 + cbPapx + cbChpx;
  const cch = t.getUint16(q, true);
  q += 2;
  let text = '';
  // Number text is a few characters ("%1.%2."); a longer one is kept short, not copied onto every paragraph.
  for (let i = 0; i < Math.min(cch, MAX_NUMBER_TEXT); i++) text += String.fromCharCode(t.getUint16(q + i * 2, true));
  q += cch * 2;
  return [{ start, fmt: nfc === 0xff ? 'none' : (NFC[nfc] ?? 'decimal'), legal: (flags & 0x04) !== 0, text, follow }, q];
}

/** Paragraph styles' list and level, following istdBase. */
function readStyleLists(t: DataView, fc: number, lcb: number): (istd: number) => { ilfo?: number; ilvl?: number } {
  const own = new Map<number, { ilfo?: number; ilvl?: number; base: number }>();
  if (lcb > 4) {
    const cbStshi = t.getUint16(fc, true);
    const cstd = t.getUint16(fc + 2, true);
    const cbBase = t.getUint16(fc + 4, true);
    let p = fc + 2 + cbStshi;
    const end = fc + lcb;
    for (let istd = 0; istd < cstd && p + 2 <= end; istd++) {
      const cbStd = t.getUint16(p, true);
      const std = p + 2;
      p = std + cbStd;
      if (!cbStd || p > end) continue;
      const stk = t.getUint16(std + 2, true) & 0xf;
      const base = t.getUint16(std + 2, true) >> 4;
      if (stk !== 1) continue;
      const cch = t.getUint16(std + cbBase, true);
      let u = std + cbBase + 2 + (cch + 1) * 2;
      if ((u - std) & 1) u++;
      if (u + 2 > p) continue;
      const cbUpx = t.getUint16(u, true);
      const entry: { ilfo?: number; ilvl?: number; base: number } = { base };
      if (cbUpx >= 2 && u + 2 + cbUpx <= p) {
        eachSprm(t, u + 4, u + 2 + cbUpx, (sprm, at) => {
          if (sprm === SPRM.pIlfo) entry.ilfo = t.getInt16(at, true);
          else if (sprm === SPRM.pIlvl) entry.ilvl = t.getUint8(at);
        });
      }
      own.set(istd, entry);
    }
  }
  return (istd) => {
    const out: { ilfo?: number; ilvl?: number } = {};
    for (let i = 0, s = own.get(istd); s && i < 16; i++, s = own.get(s.base)) {
      if (out.ilfo === undefined && s.ilfo !== undefined) out.ilfo = s.ilfo;
      if (out.ilvl === undefined && s.ilvl !== undefined) out.ilvl = s.ilvl;
      if (s.base === 0xfff) break;
    }
    return out;
  };
}

export function readLists(t: DataView, lst: [number, number], lfo: [number, number], stsh: [number, number]): DocLists | null {
  const lists = new Map<number, Lvl[]>();
  if (lst[1] > 2) {
    const cLst = t.getInt16(lst[0], true);
    const heads: { lsid: number; simple: boolean }[] = [];
    for (let i = 0; i < cLst; i++) {
      const o = lst[0] + 2 + i * 28;
      heads.push({ lsid: t.getInt32(o, true), simple: (t.getUint8(o + 26) & 1) !== 0 });
    }
    let p = lst[0] + 2 + cLst * 28;
    for (const h of heads) {
      const levels: Lvl[] = [];
      for (let k = 0; k < (h.simple ? 1 : 9); k++) {
        const [lvl, next] = readLvl(t, p);
        levels.push(lvl);
        p = next;
      }
      lists.set(h.lsid, levels);
    }
  }
  const lfos: Lfo[] = [];
  if (lfo[1] > 4) {
    const n = t.getInt32(lfo[0], true);
    const counts: number[] = [];
    for (let i = 0; i < n; i++) {
      const o = lfo[0] + 4 + i * 16;
      lfos.push({ lsid: t.getInt32(o, true), overrides: new Map() });
      counts.push(t.getUint8(o + 12));
    }
    let p = lfo[0] + 4 + n * 16;
    for (let i = 0; i < n; i++) {
      p += 4; // cp
      for (let k = 0; k < counts[i]; k++) {
        const startAt = t.getInt32(p, true);
        const bits = t.getUint32(p + 4, true);
        p += 8;
        const ilvl = bits & 0xf;
        const o: { start?: number; lvl?: Lvl } = {};
        if (bits & 0x10) o.start = startAt;
        if (bits & 0x20) {
          const [lvl, next] = readLvl(t, p);
          o.lvl = lvl;
          p = next;
        }
        lfos[i].overrides.set(ilvl, o);
      }
    }
  }
  if (!lfos.length) return null;
  const styleLists = readStyleLists(t, stsh[0], stsh[1]);
  const counters = new Map<string, (number | undefined)[]>();

  return {
    label(ilfo, ilvl, istd) {
      if (ilfo === undefined || ilvl === undefined) {
        const s = styleLists(istd);
        ilfo ??= s.ilfo;
        ilvl ??= s.ilvl;
      }
      if (!ilfo || ilfo < 1 || ilfo > lfos.length) return '';
      const lfo = lfos[ilfo - 1];
      const levels = lists.get(lfo.lsid);
      if (!levels) return '';
      const level = Math.max(0, Math.min(levels.length - 1, ilvl ?? 0));
      const lvlAt = (k: number) => lfo.overrides.get(k)?.lvl ?? levels[k] ?? levels[0];
      const startAt = (k: number) => lfo.overrides.get(k)?.start ?? lvlAt(k).start;
      const key = lfo.overrides.size ? `o${ilfo}` : `l${lfo.lsid}`;
      let c = counters.get(key);
      if (!c) counters.set(key, (c = []));
      c[level] = c[level] === undefined ? startAt(level) : c[level] + 1;
      for (let k = level + 1; k < 9; k++) c[k] = undefined;
      const lvl = lvlAt(level);
      if (lvl.fmt === 'bullet') return '';
      let out = '';
      for (const ch of lvl.text) {
        const k = ch.charCodeAt(0);
        if (k < 9) {
          if (k <= level) out += formatNumber(c[k] ?? startAt(k), lvl.legal ? 'decimal' : lvlAt(k).fmt);
        } else out += ch;
      }
      if (!out) return '';
      if (lvl.follow === 1) return out + ' ';
      return lvl.follow === 0 && /[0-9A-Za-z]$/.test(out) ? out + ' ' : out;
    },
  };
}
