// Layer 2: ruling lines and rectangles of a page, from the paths of its operator list (walked in
// operators.ts, which follows the transforms and leaves out white strokes and fills). Stroked
// straight horizontal or vertical segments are rulings; filled rectangles that are thin (a cell
// border drawn as a filled bar, as Word does) are rulings too; larger filled rectangles are kept
// as rectangles (cell shading) for inspection.

import { PDF_LAYOUT } from './settings.ts';
import { apply, round2, type Box, type Matrix } from './geometry.ts';

export interface Ruling {
  /** Horizontal (y0 = y1) or vertical (x0 = x1). */
  dir: 'h' | 'v';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Line thickness in points. */
  width: number;
}

export interface PageGraphics {
  rulings: Ruling[];
  /** Filled rectangles too large to be lines. */
  rects: Box[];
}

/** pdf.js path buffer codes (DrawOPS in pdf.js, not exported by its API). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;

/** A filled shape thinner than this (points) is a line; how far from axis-parallel a segment may be and still count (settings.ts). */
const { thinRule: THIN, skew: SKEW } = PDF_LAYOUT;

export class Collector {
  readonly rulings: Ruling[] = [];
  readonly rects: Box[] = [];

  stroke(a: [number, number], b: [number, number], width: number): void {
    const dx = Math.abs(a[0] - b[0]);
    const dy = Math.abs(a[1] - b[1]);
    if (dx < 0.5 && dy < 0.5) return;
    if (dy <= SKEW && dx > dy) {
      const y = round2((a[1] + b[1]) / 2);
      this.rulings.push({ dir: 'h', x0: round2(Math.min(a[0], b[0])), x1: round2(Math.max(a[0], b[0])), y0: y, y1: y, width: round2(width) });
    } else if (dx <= SKEW && dy > dx) {
      const x = round2((a[0] + b[0]) / 2);
      this.rulings.push({ dir: 'v', x0: x, x1: x, y0: round2(Math.min(a[1], b[1])), y1: round2(Math.max(a[1], b[1])), width: round2(width) });
    }
  }

  fill(points: [number, number][]): void {
    const box = axisRect(points);
    if (!box) return;
    const w = box.x1 - box.x0;
    const h = box.y1 - box.y0;
    if (w < 0.3 && h < 0.3) return;
    if (h <= THIN && w > h) {
      const y = round2((box.y0 + box.y1) / 2);
      this.rulings.push({ dir: 'h', x0: round2(box.x0), x1: round2(box.x1), y0: y, y1: y, width: round2(h) });
    } else if (w <= THIN && h > w) {
      const x = round2((box.x0 + box.x1) / 2);
      this.rulings.push({ dir: 'v', x0: x, x1: x, y0: round2(box.y0), y1: round2(box.y1), width: round2(w) });
    } else {
      this.rects.push({ x0: round2(box.x0), y0: round2(box.y0), x1: round2(box.x1), y1: round2(box.y1) });
    }
  }
}

/** The box of a closed polygon when it is an axis-parallel rectangle, else null. */
function axisRect(points: [number, number][]): Box | null {
  const pts = points.slice();
  if (pts.length >= 2) {
    const f = pts[0];
    const l = pts[pts.length - 1];
    if (Math.abs(f[0] - l[0]) < 0.01 && Math.abs(f[1] - l[1]) < 0.01) pts.pop();
  }
  if (pts.length !== 4 && pts.length !== 2) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of pts) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  if (pts.length === 4) {
    // Every corner must lie on the box's corners.
    for (const [x, y] of pts) {
      const onX = Math.abs(x - x0) <= SKEW || Math.abs(x - x1) <= SKEW;
      const onY = Math.abs(y - y0) <= SKEW || Math.abs(y - y1) <= SKEW;
      if (!onX || !onY) return null;
    }
  }
  return { x0, y0, x1, y1 };
}

/** Walk one path buffer: stroke its straight segments and/or fill its closed sub-paths. */
export function paintPath(path: ArrayLike<number>, m: Matrix, out: Collector, stroke: boolean, fill: boolean, width: number): void {
  let sub: [number, number][] = [];
  let straight: boolean[] = []; // straight[i]: the segment from sub[i-1] to sub[i] is a line
  let closed = false;
  const flush = () => {
    if (sub.length >= 2) {
      if (stroke) {
        for (let i = 1; i < sub.length; i++) if (straight[i]) out.stroke(sub[i - 1], sub[i], width);
        if (closed) out.stroke(sub[sub.length - 1], sub[0], width);
      }
      if (fill && straight.slice(1).every(Boolean)) out.fill(sub);
    }
    sub = [];
    straight = [];
    closed = false;
  };
  let i = 0;
  const n = path.length;
  while (i < n) {
    const op = path[i];
    if (op === MOVE_TO) {
      flush();
      sub.push(apply(m, path[i + 1], path[i + 2]));
      straight.push(true);
      i += 3;
    } else if (op === LINE_TO) {
      sub.push(apply(m, path[i + 1], path[i + 2]));
      straight.push(true);
      i += 3;
    } else if (op === CURVE_TO) {
      sub.push(apply(m, path[i + 5], path[i + 6]));
      straight.push(false);
      i += 7;
    } else if (op === QUAD_TO) {
      sub.push(apply(m, path[i + 3], path[i + 4]));
      straight.push(false);
      i += 5;
    } else if (op === CLOSE) {
      closed = true;
      i += 1;
    } else {
      break; // unknown code: stop reading this path
    }
  }
  flush();
}
