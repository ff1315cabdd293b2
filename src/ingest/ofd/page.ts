// One OFD page's content (GB/T 33190-2016 §8–§11) → the PDF reader's layers 1 and 2: glyphs of
// every TextObject placed from its Boundary, CTM and the TextCode positions (X, Y of the first
// glyph's baseline, DeltaX/DeltaY between glyphs, "g n d" for n repeats), fed to the same run
// builder as PDF glyphs; straight segments of stroked PathObjects (AbbreviatedData: S/M/L/Q/B/A/C)
// and thin filled rectangles become ruling lines. Units: millimetres in the file, points here, y
// down from the page's top edge as in the PDF layers. Page blocks are walked to a bounded depth;
// white text and lines are left out.

import { IngestError } from '../errors.ts';
import { parseXml, type Attrs, type XmlPart } from '../docx/xml.ts';
import { apply, IDENTITY, type Matrix } from '../pdf/geometry.ts';
import { RunBuilder, type TextRun } from '../pdf/glyphs.ts';
import { PDF_LIMITS } from '../pdf/limits.ts';
import { Collector, type PageGraphics } from '../pdf/rulings.ts';
import { attr, box, local } from './package.ts';

/** Points per millimetre. */
export const PT = 72 / 25.4;
/** Nesting of page blocks and objects beyond which the content is not read. */
const MAX_DEPTH = 64;

export interface PageContent {
  runs: TextRun[];
  graphics: PageGraphics;
  /** Page box in millimetres, when the page states its own. */
  box: [number, number, number, number] | null;
  /** Template IDs the page uses. */
  templates: string[];
  /** Image objects (a scanned page has nothing else). */
  images: number;
}

/** DeltaX / DeltaY: numbers, with "g n d" for n times d. */
export function deltas(value: string | undefined, limit: number): number[] {
  if (!value) return [];
  const t = value.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < t.length && out.length < limit; i++) {
    if (t[i] === 'g') {
      const n = Math.min(Number(t[i + 1]) || 0, limit - out.length);
      const d = Number(t[i + 2]);
      for (let k = 0; k < n; k++) out.push(Number.isFinite(d) ? d : 0);
      i += 2;
    } else out.push(Number(t[i]) || 0);
  }
  return out;
}

function matrix(value: string | undefined): Matrix | null {
  if (!value) return null;
  const n = value.trim().split(/\s+/).map(Number);
  return n.length === 6 && n.every(Number.isFinite) ? (n as Matrix) : null;
}

function isWhite(value: string | undefined): boolean {
  return !!value && /^\s*255\s+255\s+255\s*$/.test(value);
}

/** Advance of a character without a DeltaX (mm): CJK a full em, others half. */
function advance(ch: string, size: number): number {
  return ch.charCodeAt(0) >= 0x2e80 ? size : size * 0.5;
}

/** AbbreviatedData → sub-paths of points (object space), each with which segments are straight. */
export function pathOf(data: string): { points: [number, number][]; straight: boolean[]; closed: boolean }[] {
  const t = data.trim().split(/[\s,]+/);
  const subs: { points: [number, number][]; straight: boolean[]; closed: boolean }[] = [];
  let cur: { points: [number, number][]; straight: boolean[]; closed: boolean } | null = null;
  const num = (i: number) => Number(t[i]);
  const start = (x: number, y: number) => {
    cur = { points: [[x, y]], straight: [true], closed: false };
    subs.push(cur);
  };
  const to = (x: number, y: number, straight: boolean) => {
    if (!cur) start(0, 0);
    cur!.points.push([x, y]);
    cur!.straight.push(straight);
  };
  for (let i = 0; i < t.length && subs.length < 10_000; ) {
    const op = t[i];
    switch (op) {
      case 'S':
      case 'M':
        start(num(i + 1), num(i + 2));
        i += 3;
        break;
      case 'L':
        to(num(i + 1), num(i + 2), true);
        i += 3;
        break;
      case 'Q':
        to(num(i + 3), num(i + 4), false);
        i += 5;
        break;
      case 'B':
        to(num(i + 5), num(i + 6), false);
        i += 7;
        break;
      case 'A':
        to(num(i + 6), num(i + 7), false);
        i += 8;
        break;
      case 'C':
        if (cur) (cur as { closed: boolean }).closed = true;
        i += 1;
        break;
      default:
        i += 1; // unknown token: skipped
    }
  }
  return subs.filter((s) => s.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
}

interface TextState {
  boundary: [number, number, number, number];
  ctm: Matrix;
  size: number;
  font: string;
  visible: boolean;
}

/** A page's (or template's) content XML → runs and rulings, in points. */
export function readPageContent(xml: XmlPart, fonts: Map<string, string>, file: string, part: string): PageContent {
  const text = new RunBuilder(PDF_LIMITS.maxRunsPerPage);
  const paths = new Collector();
  const out: PageContent = { runs: [], graphics: { rulings: [], rects: [] }, box: null, templates: [], images: 0 };
  const stack: string[] = [];
  let textObj: TextState | null = null;
  let code: { x: number; y: number; dx: number[]; dy: number[]; text: string } | null = null;
  let pathObj: { boundary: [number, number, number, number]; ctm: Matrix; width: number; stroke: boolean; fill: boolean; data: string } | null = null;
  let inData = false;
  let boxText: string | null = null;
  let pathOps = 0;
  const toPage = (m: Matrix, bx: number, by: number, x: number, y: number): [number, number] => {
    const [px, py] = apply(m, x, y);
    return [(bx + px) * PT, (by + py) * PT];
  };

  const flushCode = () => {
    const t = textObj;
    const c = code;
    code = null;
    if (!t || !c || !t.visible) return;
    const chars = [...c.text];
    const [bx, by] = t.boundary;
    let x = c.x;
    let y = c.y;
    // The glyphs' up vector: (0, -size) in object space, through the CTM's linear part.
    const m = t.ctm;
    const upX = -m[2] * t.size * PT;
    const upY = -m[3] * t.size * PT;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const adv = c.dx[i] ?? advance(ch, t.size);
      const [x0, y0] = toPage(m, bx, by, x, y);
      const [x1, y1] = toPage(m, bx, by, x + advance(ch, t.size), y);
      text.glyph(ch, x0, y0, x1, y1, upX, upY, t.font);
      if (i < chars.length - 1) {
        x += c.dx[i] !== undefined || c.dy.length === 0 ? adv : 0;
        y += c.dy[i] ?? 0;
      }
    }
  };

  parseXml(xml, {
    open(name, a: Attrs) {
      const n = local(name);
      stack.push(n);
      if (stack.length > MAX_DEPTH) throw new IngestError('too_large', file, `OFD 页面 ${part} 嵌套过深（超过 ${MAX_DEPTH} 层），疑似恶意构造的文件`);
      switch (n) {
        case 'PhysicalBox':
          if (stack.includes('Area') && !out.box) boxText = '';
          break;
        case 'Template': {
          const id = attr(a, 'TemplateID');
          if (id) out.templates.push(id);
          break;
        }
        case 'TextObject': {
          const b = box(attr(a, 'Boundary'));
          const size = Number(attr(a, 'Size'));
          textObj = b && size > 0 ? { boundary: b, ctm: matrix(attr(a, 'CTM')) ?? IDENTITY, size, font: fonts.get(attr(a, 'Font') ?? '') ?? attr(a, 'Font') ?? '', visible: true } : null;
          break;
        }
        case 'FillColor':
          if (textObj && stack[stack.length - 2] === 'TextObject' && isWhite(attr(a, 'Value'))) textObj.visible = false;
          if (pathObj && stack[stack.length - 2] === 'PathObject' && isWhite(attr(a, 'Value'))) pathObj.fill = false;
          break;
        case 'StrokeColor':
          if (pathObj && isWhite(attr(a, 'Value'))) pathObj.stroke = false;
          break;
        case 'TextCode':
          if (textObj) {
            code = { x: Number(attr(a, 'X')) || 0, y: Number(attr(a, 'Y')) || 0, dx: deltas(attr(a, 'DeltaX'), 10_000), dy: deltas(attr(a, 'DeltaY'), 10_000), text: '' };
          }
          break;
        case 'PathObject': {
          const b = box(attr(a, 'Boundary'));
          pathObj = b
            ? { boundary: b, ctm: matrix(attr(a, 'CTM')) ?? IDENTITY, width: Number(attr(a, 'LineWidth') ?? 0.353) || 0.353, stroke: attr(a, 'Stroke') !== 'false', fill: attr(a, 'Fill') === 'true', data: '' }
            : null;
          break;
        }
        case 'AbbreviatedData':
          inData = !!pathObj;
          break;
        case 'ImageObject':
          out.images++;
          break;
      }
    },
    close(name) {
      const n = local(name);
      stack.pop();
      switch (n) {
        case 'PhysicalBox':
          if (boxText !== null) out.box = box(boxText);
          boxText = null;
          break;
        case 'TextCode':
          flushCode();
          break;
        case 'TextObject':
          textObj = null;
          break;
        case 'AbbreviatedData':
          inData = false;
          break;
        case 'PathObject': {
          const p = pathObj;
          pathObj = null;
          if (!p || (!p.stroke && !p.fill) || pathOps > PDF_LIMITS.maxPathOpsPerPage) break;
          const [bx, by] = p.boundary;
          const scale = Math.sqrt(Math.abs(p.ctm[0] * p.ctm[3] - p.ctm[1] * p.ctm[2])) || 1;
          for (const sub of pathOf(p.data)) {
            pathOps += sub.points.length;
            const pts = sub.points.map(([x, y]) => toPage(p.ctm, bx, by, x, y));
            if (p.stroke) {
              for (let i = 1; i < pts.length; i++) if (sub.straight[i]) paths.stroke(pts[i - 1], pts[i], p.width * scale * PT);
              if (sub.closed && pts.length > 2) paths.stroke(pts[pts.length - 1], pts[0], p.width * scale * PT);
            }
            if (p.fill && sub.straight.every(Boolean)) paths.fill(pts);
          }
          break;
        }
      }
    },
    text(s) {
      if (code) code.text += s;
      else if (inData && pathObj) pathObj.data += s;
      else if (boxText !== null) boxText += s;
    },
  });
  text.flush();
  out.runs = text.runs;
  out.graphics = { rulings: paths.rulings, rects: paths.rects };
  return out;
}

/** Combine a template's content with a page's (template first: drawn beneath). */
export function combine(under: PageContent, page: PageContent): PageContent {
  return {
    runs: [...under.runs, ...page.runs],
    graphics: { rulings: [...under.graphics.rulings, ...page.graphics.rulings], rects: [...under.graphics.rects, ...page.graphics.rects] },
    box: page.box,
    templates: page.templates,
    images: under.images + page.images,
  };
}

