// Layer 1: the text runs of a page with their positions, from pdf.js's text content. A run is what
// pdf.js gives as one item: glyphs drawn in sequence with the same font, gaps under 0.6 em
// already turned into spaces. Position, size and font come from the item's transform.

import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { multiply, round2, type Box, type Matrix } from './geometry.ts';
import { PDF_LIMITS } from './limits.ts';
import type { PdfPage } from './engine.ts';

export interface TextRun extends Box {
  text: string;
  /** y of the baseline. */
  baseline: number;
  fontSize: number;
  font: string;
  /** Not horizontal left-to-right text (rotated or vertical writing). */
  rotated: boolean;
}

// Glyph box relative to the baseline, as fractions of the font size (CJK fonts: ascent ≈ 0.88).
const ASCENT = 0.88;
const DESCENT = 0.12;

/** Kangxi radicals (U+2F00–U+2FD5) that some Chinese PDF producers emit instead of the ideographs. */
function fixRadicals(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x2f00 && c <= 0x2fd5) || (c >= 0x2e80 && c <= 0x2ef3)) {
      return s.replace(/[\u2e80-\u2ef3\u2f00-\u2fd5]/g, (ch) => ch.normalize('NFKC'));
    }
  }
  return s;
}

/** Text items (as pdf.js gives them) → runs in page coordinates. Whitespace-only items are dropped. */
export function toRuns(items: readonly unknown[], viewport: Matrix | number[]): TextRun[] {
  const runs: TextRun[] = [];
  const n = Math.min(items.length, PDF_LIMITS.maxItemsPerPage);
  for (let i = 0; i < n; i++) {
    const item = items[i] as TextItem;
    if (typeof item.str !== 'string' || item.str.trim() === '') continue;
    const m = multiply(viewport, item.transform);
    const fontSize = Math.hypot(m[2], m[3]);
    const advance = Math.hypot(m[0], m[1]);
    if (!(fontSize > 0) || !(advance > 0) || !Number.isFinite(m[4]) || !Number.isFinite(m[5])) continue;
    // Unit vectors along the text and towards the top of the glyphs.
    const ux = m[0] / advance;
    const uy = m[1] / advance;
    const vx = -m[2] / fontSize;
    const vy = -m[3] / fontSize;
    const width = Math.abs(item.width) > 0 ? Math.abs(item.width) : item.str.length * fontSize * 0.5;
    const rotated = Math.abs(uy) > 0.05 || ux < 0;
    const xs = [0, width].flatMap((t) => [m[4] + ux * t + vx * fontSize * ASCENT, m[4] + ux * t - vx * fontSize * DESCENT]);
    const ys = [0, width].flatMap((t) => [m[5] + uy * t + vy * fontSize * ASCENT, m[5] + uy * t - vy * fontSize * DESCENT]);
    runs.push({
      text: fixRadicals(item.str),
      x0: round2(Math.min(...xs)),
      x1: round2(Math.max(...xs)),
      y0: round2(Math.min(...ys)),
      y1: round2(Math.max(...ys)),
      baseline: round2(m[5]),
      fontSize: round2(fontSize),
      font: item.fontName,
      rotated,
    });
  }
  return runs;
}

/** Layer 1 of one page. */
export async function readRuns(page: PdfPage, viewport: Matrix | number[]): Promise<TextRun[]> {
  const content = await page.getTextContent({ includeMarkedContent: false });
  return toRuns(content.items, viewport);
}
