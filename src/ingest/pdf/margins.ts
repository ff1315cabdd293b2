// Page furniture: page numbers ("— 3 —", "第 3 页", "3/6") and running headers or footers (the same
// line at the same place on most pages), found in the top and bottom margins and left out.

import { PDF_LAYOUT } from './settings.ts';
import { isPageMark } from '../page-marks.ts';
import type { PageLayout } from './page.ts';
import type { TextLine } from './lines.ts';

/** A page number standing in a page's margin (see ../page-marks.ts). */
export function isPageNumber(text: string): boolean {
  return isPageMark(text, { inMargin: true });
}

/** Share of the page height at the top and at the bottom where furniture is looked for (settings.ts). */
const { topZone: TOP_ZONE, bottomZone: BOTTOM_ZONE } = PDF_LAYOUT;

function inMargin(line: TextLine, height: number): boolean {
  return line.y1 <= height * TOP_ZONE || line.y0 >= height * (1 - BOTTOM_ZONE);
}

function shape(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#');
}

function itemTop(it: PageLayout['items'][number]): number {
  return it.kind === 'line' ? it.line.y0 : it.table.grid.box.y0;
}
function itemBottom(it: PageLayout['items'][number]): number {
  return it.kind === 'line' ? it.line.y1 : it.table.grid.box.y1;
}

/**
 * The lines of each page that are page furniture: page numbers in the margins, and lines repeated
 * at the same height on at least half of the pages that stand apart from the body (a running
 * header or footer is set off by space; a table header repeated at the top of a page is not).
 */
export function findFurniture(pages: PageLayout[]): Set<TextLine> {
  const out = new Set<TextLine>();
  const repeated = new Map<string, { page: number; line: TextLine }[]>();
  for (const p of pages) {
    p.items.forEach((it, k) => {
      if (it.kind !== 'line' || !inMargin(it.line, p.height)) return;
      const top = it.line.y1 <= p.height * TOP_ZONE;
      const neighbour = top ? p.items[k + 1] : p.items[k - 1];
      const apart = !neighbour || (top ? itemTop(neighbour) - it.line.y1 : it.line.y0 - itemBottom(neighbour)) >= it.line.fontSize;
      // A bare number could also be a value that ran onto a line of its own: only when set apart.
      if (isPageNumber(it.line.text) && (apart || !/^\d+$/.test(it.line.text.trim()))) {
        out.add(it.line);
        return;
      }
      const key = shape(it.line.text);
      if (key.length < 2 || !apart) return;
      const list = repeated.get(key) ?? [];
      list.push({ page: p.page, line: it.line });
      repeated.set(key, list);
    });
  }
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  for (const list of repeated.values()) {
    // The same text at about the same height on at least half of the pages.
    const atSameHeight = list.filter((x) => list.filter((o) => Math.abs(o.line.y0 - x.line.y0) <= 4).length >= threshold);
    if (new Set(atSameHeight.map((x) => x.page)).size >= threshold) for (const x of atSameHeight) out.add(x.line);
  }
  return out;
}
