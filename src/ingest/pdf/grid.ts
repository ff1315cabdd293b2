// Layer 4a: table grids from ruling lines. Rulings that touch form a component; a component with
// horizontal and vertical lines is a table. Its column and row boundaries are the lines' x and y
// coordinates; an elementary cell is joined with its neighbour where the line between them is
// absent, which gives merged cells (rowSpan/colSpan).

import { PDF_LAYOUT } from './settings.ts';
import { overlap, round2, type Box } from './geometry.ts';
import type { Ruling } from './rulings.ts';
import { lastAtMost } from '../../util/sorted.ts';

export interface GridCell {
  /** 0-based first row and column in the grid. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
}

export interface Grid {
  box: Box;
  /** Column boundaries (left to right) and row boundaries (top to bottom). */
  xs: number[];
  ys: number[];
  cells: GridCell[];
  /** The merged rulings the grid was built from (none for a table found by text alignment). */
  rulings: Ruling[];
  /** Drawn with ruling lines (false: columns found by the alignment of the text). */
  ruled: boolean;
  /** For a table without lines: how many of the columns (from the left) hold labels, the rest values. */
  labelColumns?: number;
}

// Tolerances for drawn lines (settings.ts).
const { snap: SNAP, join: JOIN, cover: COVER } = PDF_LAYOUT;

/** Merge collinear, overlapping or nearly touching rulings of one direction. */
export function mergeRulings(rulings: Ruling[], dir: 'h' | 'v'): Ruling[] {
  const list = rulings.filter((r) => r.dir === dir);
  const pos = (r: Ruling) => (dir === 'h' ? r.y0 : r.x0);
  const lo = (r: Ruling) => (dir === 'h' ? r.x0 : r.y0);
  const hi = (r: Ruling) => (dir === 'h' ? r.x1 : r.y1);
  list.sort((a, b) => pos(a) - pos(b));
  // Cluster by position.
  const clusters: Ruling[][] = [];
  for (const r of list) {
    const last = clusters[clusters.length - 1];
    if (last && pos(r) - pos(last[0]) <= SNAP) last.push(r);
    else clusters.push([r]);
  }
  const out: Ruling[] = [];
  for (const c of clusters) {
    const p = round2(c.reduce((s, r) => s + pos(r), 0) / c.length);
    c.sort((a, b) => lo(a) - lo(b));
    let a = lo(c[0]);
    let b = hi(c[0]);
    let w = c[0].width;
    const push = () => {
      if (b - a >= 1) {
        out.push(dir === 'h' ? { dir, x0: a, x1: b, y0: p, y1: p, width: w } : { dir, x0: p, x1: p, y0: a, y1: b, width: w });
      }
    };
    for (let i = 1; i < c.length; i++) {
      if (lo(c[i]) <= b + JOIN) {
        b = Math.max(b, hi(c[i]));
        w = Math.max(w, c[i].width);
      } else {
        push();
        a = lo(c[i]);
        b = hi(c[i]);
        w = c[i].width;
      }
    }
    push();
  }
  return out;
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** Sorted cluster centres of values closer than SNAP. */
function clusterValues(values: number[]): number[] {
  const sorted = values.slice().sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[0] > SNAP) {
      out.push(round2(group.reduce((s, x) => s + x, 0) / group.length));
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(round2(group.reduce((s, x) => s + x, 0) / group.length));
  return out;
}

function nearest(values: number[], v: number): number {
  let best = -1;
  let dist = Infinity;
  for (let i = 0; i < values.length; i++) {
    const d = Math.abs(values[i] - v);
    if (d < dist) {
      dist = d;
      best = i;
    }
  }
  return dist <= SNAP ? best : -1;
}

/** Does one of `lines` (all at about the same position) cover ≥ COVER of [a, b]? */
function covered(lines: { lo: number; hi: number }[] | undefined, a: number, b: number): boolean {
  if (!lines) return false;
  let sum = 0;
  for (const l of lines) sum += overlap(l.lo, l.hi, a, b);
  return sum >= COVER * (b - a);
}

function buildGrid(h: Ruling[], v: Ruling[]): Grid | null {
  const xs = clusterValues([...v.map((r) => r.x0), Math.min(...h.map((r) => r.x0)), Math.max(...h.map((r) => r.x1))]);
  const ys = clusterValues([...h.map((r) => r.y0), Math.min(...v.map((r) => r.y0)), Math.max(...v.map((r) => r.y1))]);
  const nc = xs.length - 1;
  const nr = ys.length - 1;
  if (nc < 1 || nr < 1 || nc * nr < 2) return null;
  // Lines by boundary index.
  const vAt = new Map<number, { lo: number; hi: number }[]>();
  for (const r of v) {
    const j = nearest(xs, r.x0);
    if (j < 0) continue;
    const list = vAt.get(j) ?? [];
    list.push({ lo: r.y0, hi: r.y1 });
    vAt.set(j, list);
  }
  const hAt = new Map<number, { lo: number; hi: number }[]>();
  for (const r of h) {
    const i = nearest(ys, r.y0);
    if (i < 0) continue;
    const list = hAt.get(i) ?? [];
    list.push({ lo: r.x0, hi: r.x1 });
    hAt.set(i, list);
  }
  // Join elementary cells not separated by a line.
  const parent = new Int32Array(nr * nc).map((_, i) => i);
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      if (j + 1 < nc && !covered(vAt.get(j + 1), ys[i], ys[i + 1])) union(parent, i * nc + j, i * nc + j + 1);
      if (i + 1 < nr && !covered(hAt.get(i + 1), xs[j], xs[j + 1])) union(parent, i * nc + j, (i + 1) * nc + j);
    }
  }
  const groups = new Map<number, number[]>();
  for (let k = 0; k < nr * nc; k++) {
    const root = find(parent, k);
    const g = groups.get(root);
    if (g) g.push(k);
    else groups.set(root, [k]);
  }
  const cells: GridCell[] = [];
  for (const members of groups.values()) {
    let r0 = nr;
    let r1 = -1;
    let c0 = nc;
    let c1 = -1;
    for (const k of members) {
      const i = Math.floor(k / nc);
      const j = k % nc;
      r0 = Math.min(r0, i);
      r1 = Math.max(r1, i);
      c0 = Math.min(c0, j);
      c1 = Math.max(c1, j);
    }
    const rect = (r1 - r0 + 1) * (c1 - c0 + 1) === members.length;
    const parts = rect ? [[r0, r1, c0, c1]] : members.map((k) => [Math.floor(k / nc), Math.floor(k / nc), k % nc, k % nc]);
    for (const [a, b, c, d] of parts) {
      cells.push({ row: a, col: c, rowSpan: b - a + 1, colSpan: d - c + 1, box: { x0: xs[c], y0: ys[a], x1: xs[d + 1], y1: ys[b + 1] } });
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { box: { x0: xs[0], y0: ys[0], x1: xs[nc], y1: ys[nr] }, xs, ys, cells, rulings: [...h, ...v], ruled: true };
}

/** Layer 4a of one page: every table grid drawn with ruling lines. */
export function findGrids(rulings: Ruling[]): Grid[] {
  const h = mergeRulings(rulings, 'h');
  const v = mergeRulings(rulings, 'v');
  const all = [...h, ...v];
  const parent = new Int32Array(all.length).map((_, i) => i);
  for (let a = 0; a < h.length; a++) {
    for (let b = 0; b < v.length; b++) {
      const hr = h[a];
      const vr = v[b];
      if (vr.x0 >= hr.x0 - SNAP && vr.x0 <= hr.x1 + SNAP && hr.y0 >= vr.y0 - SNAP && hr.y0 <= vr.y1 + SNAP) union(parent, a, h.length + b);
    }
  }
  const comps = new Map<number, { h: Ruling[]; v: Ruling[] }>();
  all.forEach((r, i) => {
    const root = find(parent, i);
    const c = comps.get(root) ?? { h: [], v: [] };
    (r.dir === 'h' ? c.h : c.v).push(r);
    comps.set(root, c);
  });
  const grids: Grid[] = [];
  for (const c of comps.values()) {
    if (c.h.length < 1 || c.v.length < 1 || c.h.length + c.v.length < 4) continue;
    const g = buildGrid(c.h, c.v);
    if (g) grids.push(g);
  }
  return grids.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}

/** Index of the interval of `bounds` (sorted) that holds v, or -1 outside. */
export function intervalOf(bounds: number[], v: number): number {
  if (v < bounds[0] || v > bounds[bounds.length - 1]) return -1;
  return lastAtMost(bounds, v, bounds.length - 2);
}
