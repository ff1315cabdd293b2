// Layer 4c: tables printed without ruling lines, found by the alignment of their text.
//
// A table row prints its label, then its values: a line that ends in numbers (or “/”) after the
// label is an anchor. Consecutive anchors with only table-like lines between them (short lines or
// lines with column gaps) form a table; the lines just above the first anchor are its header.
// Value columns are the clusters of the anchors' numbers by x; label columns are where label
// words start. A label wrapped over several lines is printed with its numbers on one of them
// (vertically centred), so the lines between two anchors are shared out between them: a line that
// starts with numbering (“2.”, “（三）”, “一、”) begins the next row's label, otherwise each line
// goes to the nearer anchor. Header words are put over the value column they stand above, words
// of one header cell wrapped over several lines joined (“结果”+“维持”). Empty value cells — which
// a table without lines shows only by their absence — are kept within the columns the rows of
// that part of the table use, so that a row with a blank cell does not shift its numbers.

import { PDF_LAYOUT } from './settings.ts';
import { round2 } from './geometry.ts';
import type { FilledCell, FilledGrid } from './cells.ts';
import { glueWords, separator, type TextLine, type Word } from './lines.ts';

/** A value cell: a number or a not-applicable mark. */
const VALUE = /^[+\-－]?[0-9０-９][0-9０-９,，.．]*$|^[/／\\—–―\-－×]{1,3}$/;
/** A label that starts with its own numbering. */
const NUMBERED = /^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])/;
/** A section heading ("三、收到和处理…", "（一）主动公开"): never part of a table's header. */
const HEADING = /^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/;
/** The first piece of a group label ("（三" of "（三）不予公开" wrapped in a narrow column). */
const GROUP_START = /^[(（][一二三四五六七八九十]/;

interface Info {
  line: TextLine;
  /** Words of the line, touching words glued. */
  words: Word[];
  /** Trailing values (non-empty: the line is an anchor). */
  values: Word[];
  label: Word[];
}

export interface UnruledTable {
  table: FilledGrid;
  lines: Set<TextLine>;
}

function analyse(line: TextLine): Info {
  const words = glueWords(line.words);
  let k = words.length;
  while (k > 0 && VALUE.test(words[k - 1].text)) k--;
  let values = words.slice(k);
  let label = words.slice(0, k);
  if (values.length && label.length && values[0].x0 - label[label.length - 1].x1 < PDF_LAYOUT.labelValueGapEm * line.fontSize) {
    // Glued to the words before it ("第 3"): part of the text, not a value.
    values = [];
    label = words;
  }
  return { line, words, values, label };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : 0;
}

function joinPieces(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return a.charCodeAt(a.length - 1) >= 0x2e80 || b.charCodeAt(0) >= 0x2e80 ? a + b : `${a} ${b}`;
}

/** Text of words in reading order: lines top to bottom, words left to right. */
function textOf(words: Word[]): string {
  const sorted = words.slice().sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  let text = '';
  let prev: Word | null = null;
  for (const w of sorted) {
    if (prev && Math.abs(prev.baseline - w.baseline) <= PDF_LAYOUT.sameBaselineEm * Math.min(prev.fontSize, w.fontSize)) {
      text += (separator(prev, w, []) === '' ? '' : ' ') + w.text;
    } else {
      text = joinPieces(text, w.text);
    }
    prev = w;
  }
  return text;
}

interface Column {
  x0: number;
  x1: number;
}

/** Cluster words into columns by horizontal overlap. */
function clusterColumns(words: Word[]): Column[] {
  const sorted = words.slice().sort((a, b) => a.x0 - b.x0);
  const cols: Column[] = [];
  for (const w of sorted) {
    const last = cols[cols.length - 1];
    if (last && w.x0 <= last.x1 + 1) last.x1 = Math.max(last.x1, w.x1);
    else cols.push({ x0: w.x0, x1: w.x1 });
  }
  return cols;
}

interface Row {
  y0: number;
  y1: number;
  cells: { col: number; colSpan: number; rowSpan: number; text: string }[];
}

class TableBuilder {
  readonly fs: number;
  readonly cols: Column[];
  /** Value column boundaries: bounds[j]..bounds[j+1] is value column j. */
  readonly bounds: number[];
  /** Left edges of the label columns. */
  readonly labelStarts: number[];

  constructor(readonly infos: Info[]) {
    const anchors = infos.filter((i) => i.values.length);
    this.fs = median(infos.map((i) => i.line.fontSize)) || PDF_LAYOUT.defaultFontSize;
    this.cols = clusterColumns(anchors.flatMap((a) => a.values));
    const c = this.cols;
    const b: number[] = [c[0].x0 - PDF_LAYOUT.columnLeftPadEm * this.fs];
    for (let j = 1; j < c.length; j++) b.push((c[j - 1].x1 + c[j].x0) / 2);
    b.push(c[c.length - 1].x1 + PDF_LAYOUT.columnRightPadEm * this.fs);
    this.bounds = b.map(round2);
    // Label columns start where label words (or their pieces) start, at least twice.
    const starts: number[] = [];
    for (const i of infos) {
      if (this.inValueArea(i)) continue;
      let prev: Word | null = null;
      for (const w of i.label) {
        if (!prev || w.x0 - prev.x1 >= PDF_LAYOUT.labelColumnGapEm * this.fs) starts.push(w.x0);
        prev = w;
      }
    }
    starts.sort((x, y) => x - y);
    const clusters: number[][] = [];
    for (const x of starts) {
      const last = clusters[clusters.length - 1];
      if (last && x - last[0] <= 3) last.push(x);
      else clusters.push([x]);
    }
    const left = Math.min(...infos.map((i) => i.line.x0));
    this.labelStarts = [];
    if (left < this.bounds[0] - this.fs) {
      this.labelStarts.push(round2(left));
      for (const cl of clusters) if (cl.length >= 2 && cl[0] - this.labelStarts[this.labelStarts.length - 1] > PDF_LAYOUT.labelStartSnap && cl[0] < this.bounds[0] - this.fs) this.labelStarts.push(round2(cl[0]));
    } else {
      // No labels before the values (a table of numbers under its header): values start the table.
      this.bounds[0] = round2(Math.min(this.bounds[0], left));
    }
  }

  get labelCount(): number {
    return this.labelStarts.length;
  }

  /** A non-anchor line with words over the value columns (a header line). */
  inValueArea(i: Info): boolean {
    return !i.values.length && i.words.some((w) => (w.x0 + w.x1) / 2 >= this.bounds[0]);
  }

  labelCol(w: Word): number {
    let c = 0;
    for (let i = 0; i < this.labelStarts.length; i++) if (this.labelStarts[i] <= w.x0 + 3) c = i;
    return c;
  }

  /** Label columns a label word covers from its own (a label spanning the columns of a merged cell). */
  labelSpan(w: Word): number {
    const c = this.labelCol(w);
    let end = c;
    while (end + 1 < this.labelCount && this.labelStarts[end + 1] < w.x1 - 3) end++;
    return end - c + 1;
  }

  valueCol(w: Word): number {
    const cx = (w.x0 + w.x1) / 2;
    for (let j = 0; j < this.cols.length; j++) if (cx >= this.bounds[j] && cx < this.bounds[j + 1]) return j;
    return cx < this.bounds[0] ? 0 : this.cols.length - 1;
  }

  /** Does the line start a new row's label (its label begins with a numbering)? */
  numbered(i: Info): boolean {
    const last = this.labelCount - 1;
    for (const w of i.label) {
      const c = this.labelCol(w);
      if (c === last || this.labelSpan(w) > 1) return NUMBERED.test(w.text);
    }
    return false;
  }

  /** Value columns a header word stands over: those whose numbers' centre it covers, else the nearest. */
  private headerRange(w: Word): [number, number] {
    let c0 = -1;
    let c1 = -1;
    let nearest = 0;
    const cx = (w.x0 + w.x1) / 2;
    for (let j = 0; j < this.cols.length; j++) {
      const centre = (this.cols[j].x0 + this.cols[j].x1) / 2;
      if (centre >= w.x0 && centre <= w.x1) {
        if (c0 < 0) c0 = j;
        c1 = j;
      }
      const best = (this.cols[nearest].x0 + this.cols[nearest].x1) / 2;
      if (Math.abs(centre - cx) < Math.abs(best - cx)) nearest = j;
    }
    return c0 < 0 ? [nearest, nearest] : [c0, c1];
  }

  /**
   * A header group: one row per printed line, then the lines of one cell wrapped over several
   * lines joined (a piece under a piece over the same columns and aligned with it), then each
   * cell moved down as far as no other cell below stands over its columns.
   */
  headerRows(lines: Info[]): Row[] {
    const k = this.labelCount;
    interface HCell {
      c0: number;
      c1: number;
      text: string;
      x0: number;
      cx: number;
      y0: number;
      y1: number;
      /** Baseline of the cell's last piece. */
      base: number;
    }
    // Lines by baseline.
    const sorted = lines.slice().sort((a, b) => a.line.baseline - b.line.baseline);
    const grid: HCell[][] = [];
    for (const i of sorted) {
      const cells: HCell[] = [];
      const label = i.words.filter((w) => (w.x0 + w.x1) / 2 < this.bounds[0]);
      if (label.length) {
        cells.push({ c0: -k, c1: -1, text: textOf(label), x0: label[0].x0, cx: 0, y0: i.line.y0, y1: i.line.y1, base: label[0].baseline });
      }
      for (const w of i.words) {
        if ((w.x0 + w.x1) / 2 < this.bounds[0]) continue;
        const [c0, c1] = this.headerRange(w);
        const last = cells[cells.length - 1];
        if (last && last.c1 >= c0 && last.c0 >= 0) {
          last.text = joinPieces(last.text, w.text);
          last.c1 = Math.max(last.c1, c1);
          continue;
        }
        cells.push({ c0, c1, text: w.text, x0: w.x0, cx: (w.x0 + w.x1) / 2, y0: w.y0, y1: w.y1, base: w.baseline });
      }
      grid.push(cells);
    }
    // Join wrapped pieces into the cell above them.
    for (let r = 1; r < grid.length; r++) {
      grid[r] = grid[r].filter((c) => {
        for (let q = r - 1; q >= 0; q--) {
          const above = grid[q].find((p) => p.c0 <= c.c1 && c.c0 <= p.c1);
          if (!above) continue;
          const aligned = Math.abs(above.cx - c.cx) <= PDF_LAYOUT.alignCentreEm * this.fs || Math.abs(above.x0 - c.x0) <= PDF_LAYOUT.alignLeft;
          // The next line of the same cell: same columns, aligned, one line pitch below.
          const nextLine = c.base - above.base <= PDF_LAYOUT.nextLineEm * this.fs;
          if (above.c0 === c.c0 && above.c1 === c.c1 && ((aligned && nextLine) || c.c0 < 0)) {
            above.text = joinPieces(above.text, c.text);
            above.y1 = Math.max(above.y1, c.y1);
            above.base = c.base;
            return false;
          }
          return true;
        }
        return true;
      });
    }
    // Move cells down while nothing below stands over their columns; a line holding one cell only
    // (a title over the columns, like 第二十条第（五）项) stays a row of its own.
    const alone = grid.map((cells) => cells.length === 1);
    for (let r = grid.length - 2; r >= 0; r--) {
      if (alone[r]) continue;
      grid[r] = grid[r].filter((c) => {
        let to = r;
        while (to + 1 < grid.length && !grid[to + 1].some((o) => o.c0 <= c.c1 && c.c0 <= o.c1)) to++;
        if (to === r) return true;
        grid[to].push(c);
        return false;
      });
    }
    const rows: Row[] = [];
    for (const cells of grid) {
      if (!cells.length) continue;
      cells.sort((a, b) => a.c0 - b.c0);
      rows.push({
        y0: Math.min(...cells.map((c) => c.y0)),
        y1: Math.max(...cells.map((c) => c.y1)),
        cells: cells.map((c) => (c.c0 < 0 ? { col: 0, colSpan: k, rowSpan: 1, text: c.text } : { col: k + c.c0, colSpan: c.c1 - c.c0 + 1, rowSpan: 1, text: c.text })),
      });
    }
    return rows;
  }

  /** Rows of one block (anchors and the label lines around them) with empty cells kept in the block's columns. */
  blockRows(items: Info[]): Row[] {
    const groups: { lines: Info[]; anchor: Info | null }[] = [];
    let pending: Info[] = [];
    let prev: { lines: Info[]; anchor: Info | null } | null = null;
    const own = (lines: Info[]) => {
      if (lines.length) groups.push({ lines, anchor: null });
    };
    const distribute = (next: Info | null): Info[] => {
      // Split the pending label lines at numbered ones: G0 before the first, then one group each.
      const parts: Info[][] = [[]];
      for (const i of pending) {
        if (this.numbered(i)) parts.push([i]);
        else parts[parts.length - 1].push(i);
      }
      const nextFree = next !== null && !this.numbered(next);
      const g0 = parts[0];
      if (parts.length === 1) {
        if (!prev) return nextFree ? g0 : (own(g0), []);
        if (!next || !nextFree) {
          prev.lines.push(...g0);
          return [];
        }
        const a = prev.anchor!.line.baseline;
        const b = next.line.baseline;
        const toNext: Info[] = [];
        for (const i of g0) {
          if (Math.abs(i.line.baseline - a) <= Math.abs(i.line.baseline - b)) prev.lines.push(i);
          else toNext.push(i);
        }
        return toNext;
      }
      if (prev) prev.lines.push(...g0);
      else own(g0);
      for (let p = 1; p < parts.length - 1; p++) own(parts[p]);
      const lastPart = parts[parts.length - 1];
      if (nextFree) return lastPart;
      own(lastPart);
      return [];
    };
    for (const i of items) {
      if (!i.values.length) {
        pending.push(i);
        continue;
      }
      const before = distribute(i);
      const g = { lines: [...before, i], anchor: i };
      groups.push(g);
      prev = g;
      pending = [];
    }
    distribute(null);
    groups.sort((a, b) => Math.min(...a.lines.map((l) => l.line.y0)) - Math.min(...b.lines.map((l) => l.line.y0)));

    // The value columns this block uses.
    let lo = Infinity;
    let hi = -Infinity;
    for (const g of groups) {
      for (const v of g.anchor?.values ?? []) {
        const c = this.valueCol(v);
        lo = Math.min(lo, c);
        hi = Math.max(hi, c);
      }
    }
    const k = this.labelCount;
    const rows: Row[] = groups.map((g) => {
      const lines = g.lines.slice().sort((a, b) => a.line.y0 - b.line.y0);
      const labelWords = new Map<number, Word[]>();
      const spans = new Map<number, number>();
      for (const i of lines) {
        for (const w of i.label) {
          const c = this.labelCol(w);
          const list = labelWords.get(c) ?? [];
          list.push(w);
          labelWords.set(c, list);
          spans.set(c, Math.max(spans.get(c) ?? 1, this.labelSpan(w)));
        }
      }
      const cells: Row['cells'] = [];
      let covered = -1;
      for (let c = 0; c < k; c++) {
        const ws = labelWords.get(c);
        if (!ws) continue;
        if (c <= covered) {
          // Words inside another label's span: add them to that label.
          const host = cells[cells.length - 1];
          host.text = textOf([...(labelWords.get(host.col) ?? []), ...ws]);
          labelWords.set(host.col, [...(labelWords.get(host.col) ?? []), ...ws]);
          continue;
        }
        const span = spans.get(c) ?? 1;
        cells.push({ col: c, colSpan: span, rowSpan: 1, text: textOf(ws) });
        covered = c + span - 1;
      }
      const values = new Map<number, Word[]>();
      for (const v of g.anchor?.values ?? []) {
        const c = this.valueCol(v);
        values.set(c, [...(values.get(c) ?? []), v]);
      }
      if (lo <= hi) {
        for (let c = lo; c <= hi; c++) cells.push({ col: k + c, colSpan: 1, rowSpan: 1, text: (values.get(c) ?? []).map((w) => w.text).join(' ') });
      }
      return { y0: Math.min(...lines.map((l) => l.line.y0)), y1: Math.max(...lines.map((l) => l.line.y1)), cells };
    });
    this.joinGroupLabels(rows);
    return rows;
  }

  /** Pieces of a group label wrapped in a narrow column over several rows ("（三" "）不" "予公" "开") → one cell. */
  joinGroupLabels(rows: Row[]): void {
    for (let c = 0; c < this.labelCount - 1; c++) {
      let start = -1;
      const close = (end: number) => {
        if (start >= 0 && end - start > 1) {
          const host = rows[start].cells.find((x) => x.col === c)!;
          for (let r = start + 1; r < end; r++) {
            const i = rows[r].cells.findIndex((x) => x.col === c);
            host.text = joinPieces(host.text, rows[r].cells[i].text);
            rows[r].cells.splice(i, 1);
          }
          host.rowSpan = end - start;
        }
        start = -1;
      };
      for (let r = 0; r < rows.length; r++) {
        const cell = rows[r].cells.find((x) => x.col === c);
        const piece = cell && cell.colSpan === 1 && cell.text !== '';
        if (!piece) {
          close(r);
          continue;
        }
        if (start >= 0 && GROUP_START.test(cell.text)) close(r);
        if (start < 0) start = r;
      }
      close(rows.length);
    }
  }

  build(): FilledGrid {
    // Split the lines into header groups and blocks of rows.
    const rows: Row[] = [];
    const firstAnchor = this.infos.findIndex((i) => i.values.length);
    // Above the first anchor: header lines, then label lines that belong to the first rows.
    let headEnd = firstAnchor;
    while (headEnd > 0 && !this.inValueArea(this.infos[headEnd - 1])) headEnd--;
    if (headEnd > 0) rows.push(...this.headerRows(this.infos.slice(0, headEnd)));
    let block: Info[] = [];
    let header: Info[] = [];
    for (let n = headEnd; n < this.infos.length; n++) {
      const i = this.infos[n];
      if (this.inValueArea(i)) {
        if (block.length) rows.push(...this.blockRows(block));
        block = [];
        header.push(i);
      } else {
        if (header.length) rows.push(...this.headerRows(header));
        header = [];
        block.push(i);
      }
    }
    if (block.length) rows.push(...this.blockRows(block));
    if (header.length) rows.push(...this.headerRows(header));

    const xs = [...this.labelStarts, ...this.bounds];
    const ys: number[] = [];
    for (const r of rows) ys.push(Math.max(round2(r.y0), ys[ys.length - 1] ?? -Infinity));
    ys.push(Math.max(round2(Math.max(...rows.map((r) => r.y1))), ys[ys.length - 1]));
    const cells: FilledCell[] = [];
    rows.forEach((r, ri) => {
      for (const c of r.cells) {
        const box = { x0: xs[c.col], y0: ys[ri], x1: xs[Math.min(c.col + c.colSpan, xs.length - 1)], y1: ys[Math.min(ri + c.rowSpan, ys.length - 1)] };
        cells.push({ row: ri, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, box, text: c.text, lines: [] });
      }
    });
    const box = { x0: xs[0], y0: ys[0], x1: xs[xs.length - 1], y1: ys[ys.length - 1] };
    return { grid: { box, xs, ys, cells, rulings: [], ruled: false, labelColumns: this.labelCount }, cells };
  }
}

/**
 * Layer 4c of one page: tables without ruling lines among `lines` (the page's lines outside ruled
 * tables, top to bottom, page furniture removed). `textWidth` is the width of the page's text block.
 */
export function findUnruledTables(lines: TextLine[], textWidth: number): UnruledTable[] {
  const infos = lines.map(analyse);
  const n = infos.length;
  const fsOf = (k: number) => infos[k].line.fontSize || PDF_LAYOUT.defaultFontSize;
  const gap = (a: number, b: number) => infos[b].line.y0 - infos[a].line.y1;
  const tableish = (k: number) => infos[k].line.text.includes('\t') || infos[k].line.x1 - infos[k].line.x0 < PDF_LAYOUT.tableishWidth * textWidth;
  const heading = (k: number) => !infos[k].line.text.includes('\t') && !infos[k].values.length && HEADING.test(infos[k].line.text);
  /** A section heading between two parts: set in another size, or set apart by space above and below. */
  const breaks = (k: number, anchor: number) => {
    if (!heading(k)) return false;
    const fs = fsOf(anchor);
    if (Math.abs(fsOf(k) - fs) > PDF_LAYOUT.headingSizeShare * fs) return true;
    return k > 0 && k + 1 < n && gap(k - 1, k) >= PDF_LAYOUT.headingGapEm * fs && gap(k, k + 1) >= PDF_LAYOUT.headingGapEm * fs;
  };

  // Anchors linked into regions.
  const regions: { start: number; end: number; anchors: number[] }[] = [];
  let cur: { start: number; end: number; anchors: number[] } | null = null;
  for (let k = 0; k < n; k++) {
    if (!infos[k].values.length) continue;
    let linked = cur !== null;
    if (cur) {
      const a = cur.anchors[cur.anchors.length - 1];
      for (let m = a + 1; m < k && linked; m++) if (!tableish(m) || breaks(m, a)) linked = false;
      for (let m = a; m < k && linked; m++) if (gap(m, m + 1) > PDF_LAYOUT.tableGapEm * fsOf(m)) linked = false;
    }
    if (cur && linked) {
      cur.anchors.push(k);
      cur.end = k;
    } else {
      if (cur) regions.push(cur);
      cur = { start: k, end: k, anchors: [k] };
    }
  }
  if (cur) regions.push(cur);

  const out: UnruledTable[] = [];
  let floor = 0;
  for (let r = 0; r < regions.length; r++) {
    const reg = regions[r];
    const valueCount = reg.anchors.reduce((s, a) => s + infos[a].values.length, 0);
    const widest = Math.max(...reg.anchors.map((a) => infos[a].values.length));
    if (valueCount < 3 || (reg.anchors.length < 2 && widest < 3) || widest < 2) {
      continue;
    }
    let start = reg.start;
    while (start - 1 >= floor && reg.start - (start - 1) <= PDF_LAYOUT.headerLines && tableish(start - 1) && !heading(start - 1) && gap(start - 1, start) <= PDF_LAYOUT.headerGapEm * fsOf(start)) start--;
    let end = reg.end;
    const ceiling = r + 1 < regions.length ? regions[r + 1].start : n;
    while (end + 1 < ceiling && tableish(end + 1) && !heading(end + 1) && !infos[end + 1].values.length && gap(end, end + 1) <= PDF_LAYOUT.tailGapEm * fsOf(end)) end++;
    floor = end + 1;
    const part = infos.slice(start, end + 1);
    const table = new TableBuilder(part).build();
    out.push({ table, lines: new Set(part.map((i) => i.line)) });
  }
  return out;
}
