// List numbering (word/numbering.xml): the number text Word shows before a numbered paragraph
// ("一、", "（二）", "3."), computed with Word's counters in document order. Headings whose
// numbers come from numbering then read as they print: "一、总体情况".

import { formatNumber } from './number-format.ts';
import type { NumPr, ParagraphStyles } from './styles.ts';
import { REVISION_RECORDS } from './styles.ts';
import { parseXml, type XmlPart } from './xml.ts';

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  isLgl: boolean;
  suff: string;
  pStyle?: string;
}

interface AbstractNum {
  levels: Level[];
  numStyleLink?: string;
  styleLink?: string;
}

interface Num {
  abstractId: string;
  /** Per-level overrides: a start value and/or a whole level definition. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

function newLevel(): Level {
  return { start: 1, numFmt: 'decimal', lvlText: '', isLgl: false, suff: 'tab' };
}

export class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, Num>();
  /** Counters per list instance (abstract numbering, or a num with start overrides). */
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(xml: XmlPart | null, private readonly styles: ParagraphStyles) {
    if (xml) this.read(xml);
  }

  private read(xml: XmlPart): void {
    let abs: AbstractNum | null = null;
    let num: Num | null = null;
    let override: { start?: number; level?: Level } | null = null;
    let level: Level | null = null;
    let skip = 0;
    let inPPr = false;
    parseXml(xml, {
      open: (name, a) => {
        if (skip) return void (skip += 1);
        if (REVISION_RECORDS.has(name)) return void (skip = 1);
        const val = a['w:val'];
        switch (name) {
          case 'w:abstractNum':
            abs = { levels: [] };
            this.abstracts.set(a['w:abstractNumId'], abs);
            break;
          case 'w:num':
            num = { abstractId: '', overrides: new Map() };
            this.nums.set(a['w:numId'], num);
            break;
          case 'w:abstractNumId':
            if (num) num.abstractId = val;
            break;
          case 'w:lvlOverride':
            if (num) {
              override = {};
              num.overrides.set(Number(a['w:ilvl']) || 0, override);
            }
            break;
          case 'w:startOverride':
            if (override) override.start = Number(val) || 0;
            break;
          case 'w:lvl': {
            const ilvl = Number(a['w:ilvl']) || 0;
            if (ilvl < 0 || ilvl > 8) break;
            level = newLevel();
            if (override) override.level = level;
            else if (abs) abs.levels[ilvl] = level;
            break;
          }
          case 'w:start':
            if (level) level.start = Number(val) || 0;
            break;
          case 'w:numFmt':
            // "custom" formats (Word 2010+) come with a fallback numFmt in mc:Fallback.
            if (level && val && val !== 'custom') level.numFmt = val;
            break;
          case 'w:lvlText':
            if (level) level.lvlText = (val ?? '').slice(0, 40); // a few characters ("%1.%2."); never copied long onto every paragraph
            break;
          case 'w:isLgl':
            if (level) level.isLgl = val !== '0' && val !== 'false';
            break;
          case 'w:suff':
            if (level && val) level.suff = val;
            break;
          case 'w:pPr':
            inPPr = true;
            break;
          case 'w:pStyle':
            if (level && !inPPr) level.pStyle = val;
            break;
          case 'w:numStyleLink':
            if (abs) abs.numStyleLink = val;
            break;
          case 'w:styleLink':
            if (abs) abs.styleLink = val;
            break;
        }
      },
      close: (name) => {
        if (skip) return void (skip -= 1);
        switch (name) {
          case 'w:abstractNum':
            abs = null;
            break;
          case 'w:num':
            num = null;
            break;
          case 'w:lvlOverride':
            override = null;
            break;
          case 'w:lvl':
            level = null;
            break;
          case 'w:pPr':
            inPPr = false;
            break;
        }
      },
    });
  }

  /** The abstract numbering of a num, following a numbering style link. */
  private abstractOf(num: Num): AbstractNum | undefined {
    let abs = this.abstracts.get(num.abstractId);
    for (let hops = 0; abs?.numStyleLink && hops < 3; hops++) {
      const linked = this.styles.numPr(abs.numStyleLink);
      const target = linked?.numId ? this.nums.get(linked.numId) : undefined;
      const next = target ? this.abstracts.get(target.abstractId) : undefined;
      if (!next || next === abs) break;
      abs = next;
    }
    return abs;
  }

  /**
   * The number text of a paragraph with direct numbering `direct` and style `styleId`, advancing
   * the counters; '' when the paragraph is not numbered (or is a bullet).
   */
  label(direct: NumPr | undefined, styleId: string | undefined): string {
    const fromStyle = this.styles.numPr(styleId ?? this.styles.defaultId);
    const numId = direct?.numId ?? fromStyle?.numId;
    if (numId === undefined || numId === '0') return '';
    const num = this.nums.get(numId);
    if (!num) return '';
    const abs = this.abstractOf(num);
    if (!abs) return '';
    let ilvl = direct?.ilvl ?? (direct?.numId === undefined ? fromStyle?.ilvl : undefined);
    if (ilvl === undefined && styleId) {
      // Numbering from a style: the level is the one linked to that style.
      const linked = abs.levels.findIndex((l) => l?.pStyle === styleId);
      if (linked >= 0) ilvl = linked;
    }
    ilvl = Math.max(0, Math.min(8, ilvl ?? 0));

    const levelAt = (i: number): Level => num.overrides.get(i)?.level ?? abs.levels[i] ?? newLevel();
    const startAt = (i: number): number => num.overrides.get(i)?.start ?? levelAt(i).start;
    const key = num.overrides.size ? `n${numId}` : `a${num.abstractId}`;
    let counters = this.counters.get(key);
    if (!counters) this.counters.set(key, (counters = []));
    counters[ilvl] = counters[ilvl] === undefined ? startAt(ilvl) : counters[ilvl]! + 1;
    for (let k = ilvl + 1; k < 9; k++) counters[k] = undefined;

    const lvl = levelAt(ilvl);
    if (lvl.numFmt === 'bullet') return '';
    const text = lvl.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      if (k > ilvl) return '';
      const value = counters[k] ?? startAt(k);
      return formatNumber(value, lvl.isLgl ? 'decimal' : levelAt(k).numFmt);
    });
    if (!text) return '';
    if (lvl.suff === 'space') return text + ' ';
    // A tab after the number is layout; keep words apart only where they would run together.
    return lvl.suff === 'tab' && /[0-9A-Za-z]$/.test(text) ? text + ' ' : text;
  }
}
