// Layer 1: text runs with positions, built glyph by glyph. A run is a sequence of glyphs drawn one
// after the other on one baseline in one font and size; glyphs closer than 0.1 em stay together,
// a gap of 0.1–0.6 em becomes a space (as pdf.js does for its text content), a wider gap or a
// jump starts a new run. Every character keeps its x position (`edges`), so later layers cut
// runs into words exactly where the glyphs are, never inside a number.

import { PDF_LAYOUT } from './settings.ts';
import { round2, type Box } from './geometry.ts';

export interface TextRun extends Box {
  text: string;
  /** y of the baseline. */
  baseline: number;
  fontSize: number;
  font: string;
  /** Not horizontal left-to-right text (rotated or vertical writing). */
  rotated: boolean;
  /** Set at a slant (neither horizontal nor vertical): a watermark such as 草稿 or 内部资料, not content. */
  diagonal?: boolean;
  /** For horizontal runs: x where each character starts, then where the last one ends (text.length + 1 values). */
  edges?: number[];
}

// Glyph box relative to the baseline, as fractions of the font size; gaps (in em) under which
// glyphs touch, and over which they are not one run (settings.ts).
const { ascentEm: ASCENT, descentEm: DESCENT, spaceMinEm: SPACE_MIN, spaceMaxEm: SPACE_MAX } = PDF_LAYOUT;

/** Kangxi radicals (U+2F00–U+2FD5) that some Chinese PDF producers emit instead of the ideographs. */
export function fixRadicals(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x2f00 && c <= 0x2fd5) || (c >= 0x2e80 && c <= 0x2ef3)) {
      return s.replace(/[\u2e80-\u2ef3\u2f00-\u2fd5]/g, (ch) => ch.normalize('NFKC'));
    }
  }
  return s;
}

interface Pending {
  text: string;
  edges: number[];
  font: string;
  fontSize: number;
  /** Start and current end of the run, and its direction (unit vectors along and up). */
  sx: number;
  sy: number;
  ex: number;
  ey: number;
  ux: number;
  uy: number;
  vx: number;
  vy: number;
}

/** Collects glyphs (in page coordinates) into runs. */
export class RunBuilder {
  readonly runs: TextRun[] = [];
  private cur: Pending | null = null;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /**
   * One glyph: its text, its origin and advance end on the baseline (page coordinates), the
   * rendering matrix's up vector (length = font size), and its font.
   */
  glyph(text: string, x0: number, y0: number, x1: number, y1: number, upX: number, upY: number, font: string): void {
    if (this.runs.length >= this.limit) return;
    const fontSize = Math.hypot(upX, upY);
    if (!(fontSize > 0) || !Number.isFinite(x0) || !Number.isFinite(y0)) return;
    const len = Math.hypot(x1 - x0, y1 - y0);
    // Direction along the text: from the advance, or perpendicular to "up" for zero-width glyphs.
    const ux = len > 1e-6 ? (x1 - x0) / len : -upY / fontSize;
    const uy = len > 1e-6 ? (y1 - y0) / len : upX / fontSize;
    const c = this.cur;
    if (c) {
      const dx = x0 - c.ex;
      const dy = y0 - c.ey;
      const along = dx * c.ux + dy * c.uy;
      const across = dx * c.vx + dy * c.vy;
      const sameLine = Math.abs(across) <= 0.1 * c.fontSize && Math.abs(ux - c.ux) < 0.01 && Math.abs(uy - c.uy) < 0.01;
      const sameFont = c.font === font && Math.abs(c.fontSize - fontSize) <= 0.01 * fontSize;
      if (sameLine && sameFont && along >= -0.2 * fontSize && along <= SPACE_MAX * fontSize) {
        if (along > SPACE_MIN * fontSize && text !== ' ' && !c.text.endsWith(' ')) {
          c.text += ' ';
          c.edges.push(c.ex);
        }
        this.append(c, text, x0, x1);
        c.ex = x1;
        c.ey = y1;
        return;
      }
      this.flush();
    }
    if (text.trim() === '') return; // a run does not start with a space
    const p: Pending = { text: '', edges: [], font, fontSize, sx: x0, sy: y0, ex: x1, ey: y1, ux, uy, vx: upX / fontSize, vy: upY / fontSize };
    this.append(p, text, x0, x1);
    this.cur = p;
  }

  private append(p: Pending, text: string, x0: number, x1: number): void {
    // A ligature or a multi-character glyph shares its advance out.
    for (let i = 0; i < text.length; i++) p.edges.push(x0 + ((x1 - x0) * i) / text.length);
    p.text += text;
  }

  flush(): void {
    const c = this.cur;
    this.cur = null;
    if (!c) return;
    const text = fixRadicals(c.text.trimEnd());
    if (!text) return;
    const edges = c.edges.slice(0, text.length);
    edges.push(c.ex);
    const rotated = Math.abs(c.uy) > 0.05 || c.ux < 0;
    // More than about 5° away from both axes.
    const diagonal = Math.abs(c.ux) > 0.09 && Math.abs(c.uy) > 0.09;
    // Box from the baseline segment, raised by the ascent and lowered by the descent.
    const xs = [c.sx, c.ex].flatMap((x) => [x + c.vx * c.fontSize * ASCENT, x - c.vx * c.fontSize * DESCENT]);
    const ys = [c.sy, c.ey].flatMap((y) => [y + c.vy * c.fontSize * ASCENT, y - c.vy * c.fontSize * DESCENT]);
    const run: TextRun = {
      text,
      x0: round2(Math.min(...xs)),
      x1: round2(Math.max(...xs)),
      y0: round2(Math.min(...ys)),
      y1: round2(Math.max(...ys)),
      baseline: round2(c.sy),
      fontSize: round2(c.fontSize),
      font: c.font,
      rotated,
    };
    if (diagonal) run.diagonal = true;
    if (!rotated) run.edges = edges.map(round2);
    this.runs.push(run);
  }
}
