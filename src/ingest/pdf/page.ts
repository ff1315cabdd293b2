// One page through layers 3 and 4: runs (layer 1) and rulings (layer 2) → table grids filled with
// their text, and the lines of text outside them, in reading order (top to bottom).

import { fillGrid, type FilledGrid } from './cells.ts';
import type { TextRun } from './glyphs.ts';
import { findGrids } from './grid.ts';
import { buildLines, dedupeRuns, toWords, type TextLine } from './lines.ts';
import { findFurniture } from './margins.ts';
import type { PageGraphics } from './rulings.ts';
import { findUnruledTables, type UnruledTable } from './unruled.ts';
import { appendAll, maxOf, minOf } from '../../util/arrays.ts';

const top = (it: PageItem) => (it.kind === 'line' ? it.line.y0 : it.table.grid.box.y0);

export type PageItem = { kind: 'line'; line: TextLine } | { kind: 'table'; table: FilledGrid };

export interface PageLayout {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  /** Layer 1: text runs. */
  runs: TextRun[];
  /** Layer 2: ruling lines and rectangles. */
  graphics: PageGraphics;
  /** Layer 3: every line of text on the page (inside tables too), words joined. */
  lines: TextLine[];
  /** Layer 4: tables (drawn with ruling lines, or found by text alignment), with the text of each cell. */
  tables: FilledGrid[];
  /** Lines outside tables and the tables, top to bottom (page furniture left out). */
  items: PageItem[];
  /** Page numbers, running headers and footers. */
  furniture: TextLine[];
}

export function layoutPage(page: number, width: number, height: number, runs: TextRun[], graphics: PageGraphics): PageLayout {
  const words = toWords(dedupeRuns(runs));
  const vertical = graphics.rulings.filter((r) => r.dir === 'v');
  const grids = findGrids(graphics.rulings);
  const tables: FilledGrid[] = [];
  let rest = words;
  for (const g of grids) {
    const r = fillGrid(g, rest, vertical);
    rest = r.rest;
    // A box with no text in it is decoration, not a table.
    if (r.filled.cells.some((c) => c.text !== '')) tables.push(r.filled);
  }
  const outside = buildLines(rest, vertical);
  const items: PageItem[] = [
    ...outside.map((line) => ({ kind: 'line' as const, line })),
    ...tables.map((table) => ({ kind: 'table' as const, table })),
  ];
  items.sort((a, b) => top(a) - top(b));
  return { page, width, height, runs, graphics, lines: buildLines(words, vertical), tables, items, furniture: [] };
}

/**
 * The steps that need all pages: page furniture (found by repetition across pages) is taken out,
 * then tables without ruling lines are found among the remaining lines of each page.
 */
export function finishPages(pages: PageLayout[]): void {
  const furniture = findFurniture(pages);
  for (const p of pages) {
    p.furniture = p.items.flatMap((it) => (it.kind === 'line' && furniture.has(it.line) ? [it.line] : []));
    const items = p.items.filter((it) => !(it.kind === 'line' && furniture.has(it.line)));
    const lines = items.flatMap((it) => (it.kind === 'line' ? [it.line] : []));
    if (!lines.length) {
      p.items = items;
      continue;
    }
    const textWidth = maxOf(lines.map((l) => l.x1)) - minOf(lines.map((l) => l.x0));
    // Runs of consecutive lines (a ruled table between them ends a run).
    const found: UnruledTable[] = [];
    let run: TextLine[] = [];
    for (const it of [...items, null]) {
      if (it && it.kind === 'line') {
        run.push(it.line);
        continue;
      }
      if (run.length) appendAll(found, findUnruledTables(run, textWidth));
      run = [];
    }
    const used = new Set<TextLine>();
    for (const f of found) for (const l of f.lines) used.add(l);
    const next: PageItem[] = items.filter((it) => !(it.kind === 'line' && used.has(it.line)));
    for (const f of found) {
      next.push({ kind: 'table', table: f.table });
      p.tables.push(f.table);
    }
    next.sort((a, b) => top(a) - top(b));
    p.items = next;
  }
}
