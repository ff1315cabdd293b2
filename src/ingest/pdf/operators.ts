// One walk over a page's operator list (pdf.js getOperatorList) that yields layers 1 and 2: the
// glyphs of every text-showing operator placed with the text state (font, size, matrices,
// spacing, scaling, rise — PDF 32000 §9.4) and the current transformation matrix, and the
// stroked and filled paths that are ruling lines. pdf.js has already decoded each glyph to
// Unicode (ToUnicode maps, the packaged CJK CMaps, standard encodings). Reading the text this way
// instead of asking pdf.js for the text content a second time halves the work per page, and
// keeps the position of every glyph.

import { apply, IDENTITY, multiply, type Matrix } from './geometry.ts';
import { RunBuilder, type TextRun } from './glyphs.ts';
import { PDF_LIMITS } from './limits.ts';
import { Collector, paintPath, type PageGraphics } from './rulings.ts';

/** The operator codes the walk looks at (names as in pdf.js's OPS). */
export type OpCodes = Record<
  | 'save'
  | 'restore'
  | 'transform'
  | 'paintFormXObjectBegin'
  | 'paintFormXObjectEnd'
  | 'setLineWidth'
  | 'setGState'
  | 'setStrokeRGBColor'
  | 'setFillRGBColor'
  | 'constructPath'
  | 'stroke'
  | 'closeStroke'
  | 'fill'
  | 'eoFill'
  | 'fillStroke'
  | 'eoFillStroke'
  | 'closeFillStroke'
  | 'closeEOFillStroke'
  | 'beginText'
  | 'setFont'
  | 'setTextMatrix'
  | 'moveText'
  | 'setLeadingMoveText'
  | 'nextLine'
  | 'setLeading'
  | 'setCharSpacing'
  | 'setWordSpacing'
  | 'setHScale'
  | 'setTextRise'
  | 'showText'
  | 'showSpacedText',
  number
>;

/** What the walk needs of a font: its matrix (glyph space → text space) and writing direction. */
export interface FontInfo {
  fontMatrix: number[];
  vertical: boolean;
}

interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
  vmetric?: number[] | null;
}

interface State {
  ctm: Matrix;
  lineWidth: number;
  strokeVisible: boolean;
  fillVisible: boolean;
  // Text state (kept across BT/ET, saved with q/Q).
  font: string;
  fontInfo: FontInfo;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

const DEFAULT_FONT: FontInfo = { fontMatrix: [0.001, 0, 0, 0.001, 0, 0], vertical: false };

function isWhite(color: unknown): boolean {
  return typeof color === 'string' && /^#?f{6}$/i.test(color);
}

export interface PageContent {
  runs: TextRun[];
  graphics: PageGraphics;
}

/** Operator list (as pdf.js gives it) → text runs, rulings and rectangles in page coordinates. */
// eslint-disable-next-line complexity, max-lines-per-function -- a scanner: one branch per kind of input
export function readOperators(
  fnArray: ArrayLike<number>,
  argsArray: readonly unknown[],
  ops: OpCodes,
  viewport: Matrix | number[],
  fonts: (name: string) => FontInfo | null,
): PageContent {
  const paths = new Collector();
  const text = new RunBuilder(PDF_LIMITS.maxRunsPerPage);
  const stack: State[] = [];
  let gs: State = {
    ctm: IDENTITY,
    lineWidth: 1,
    strokeVisible: true,
    fillVisible: true,
    font: '',
    fontInfo: DEFAULT_FONT,
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
  };
  // Text object state: the text matrix as set, the line start and the current point within it.
  let tm: number[] = IDENTITY;
  let lineX = 0;
  let lineY = 0;
  let x = 0;
  let y = 0;
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  let pathOps = 0;
  const moveText = (tx: number, ty: number) => {
    lineX += tx;
    lineY += ty;
    x = lineX;
    y = lineY;
  };

  const show = (glyphs: readonly (Glyph | number)[]) => {
    const size = gs.fontSize;
    if (!size || !glyphs.length) return;
    const fm = gs.fontInfo.fontMatrix;
    const scale = size * (fm[0] || 0.001);
    const vertical = gs.fontInfo.vertical;
    // Text space → page: the text matrix, then the CTM, then the viewport.
    const m = multiply(multiply(viewport, gs.ctm), tm);
    // The glyphs' up vector in page space has the length of the font size.
    const upX = m[2] * size;
    const upY = m[3] * size;
    // dx: distance advanced along the line (text space, before horizontal scaling).
    let dx = 0;
    for (const g of glyphs) {
      if (typeof g === 'number') {
        dx -= (g * size) / 1000; // TJ adjustment, in thousandths of an em
        continue;
      }
      if (!g) continue;
      const spacing = gs.charSpacing + (g.isSpace ? gs.wordSpacing : 0);
      const width = (vertical ? (g.vmetric ? -g.vmetric[0] : (g.width ?? 0)) : (g.width ?? 0)) * scale;
      if (vertical) {
        // Vertical writing advances down the page.
        const [ox, oy] = apply(m, x, y + gs.rise - dx);
        const [ex, ey] = apply(m, x, y + gs.rise - dx - width);
        text.glyph(g.unicode ?? '', ox, oy, ex, ey, upX, upY, gs.font);
      } else {
        const gx = x + dx * gs.hScale;
        const [ox, oy] = apply(m, gx, y + gs.rise);
        const [ex, ey] = apply(m, gx + width * gs.hScale, y + gs.rise);
        text.glyph(g.unicode ?? '', ox, oy, ex, ey, upX, upY, gs.font);
      }
      dx += width + spacing;
    }
    if (vertical) y -= dx;
    else x += dx * gs.hScale;
  };

  for (let k = 0; k < fnArray.length; k++) {
    const fn = fnArray[k];
    const args = argsArray[k] as unknown[] | null;
    switch (fn) {
      case ops.save:
        stack.push({ ...gs });
        break;
      case ops.restore:
        gs = stack.pop() ?? gs;
        break;
      case ops.transform:
        if (args && args.length >= 6) gs.ctm = multiply(gs.ctm, args as number[]);
        break;
      case ops.paintFormXObjectBegin: {
        stack.push({ ...gs });
        const matrix = args?.[0] as number[] | null | undefined;
        if (matrix && matrix.length >= 6) gs.ctm = multiply(gs.ctm, matrix);
        break;
      }
      case ops.paintFormXObjectEnd:
        gs = stack.pop() ?? gs;
        break;
      case ops.setLineWidth:
        gs.lineWidth = Number(args?.[0]) || 0;
        break;
      case ops.setGState:
        for (const entry of (args?.[0] as [string, unknown][] | undefined) ?? []) {
          if (entry[0] === 'LW') gs.lineWidth = Number(entry[1]) || 0;
          if (entry[0] === 'Font' && Array.isArray(entry[1])) gs.fontSize = Math.abs(Number(entry[1][1])) || gs.fontSize;
        }
        break;
      case ops.setStrokeRGBColor:
        gs.strokeVisible = !isWhite(args?.[0]);
        break;
      case ops.setFillRGBColor:
        gs.fillVisible = !isWhite(args?.[0]);
        break;
      case ops.constructPath: {
        if (!args || pathOps > PDF_LIMITS.maxPathOpsPerPage) break;
        const paint = args[0] as number;
        const path = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
        if (!path) break;
        pathOps += path.length;
        const stroke = strokeOps.has(paint) && gs.strokeVisible;
        const fill = fillOps.has(paint) && gs.fillVisible;
        if (!stroke && !fill) break;
        const m = multiply(viewport, gs.ctm);
        const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])) || 1;
        paintPath(path, m, paths, stroke, fill, Math.max(gs.lineWidth * scale, 0.1));
        break;
      }
      case ops.beginText:
        // A new text object does not end a run: producers often draw each glyph in its own.
        tm = IDENTITY;
        lineX = lineY = x = y = 0;
        break;
      case ops.setFont: {
        gs.font = typeof args?.[0] === 'string' ? args[0] : '';
        gs.fontSize = Math.abs(Number(args?.[1]) || 0);
        gs.fontInfo = fonts(gs.font) ?? DEFAULT_FONT;
        break;
      }
      case ops.setTextMatrix: {
        const a = (args && args.length >= 6 ? args : (args?.[0] as ArrayLike<number> | undefined)) as ArrayLike<number> | undefined;
        if (a && a.length >= 6) tm = [a[0], a[1], a[2], a[3], a[4], a[5]].map(Number);
        lineX = lineY = x = y = 0;
        break;
      }
      case ops.moveText:
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case ops.setLeadingMoveText:
        gs.leading = -(Number(args?.[1]) || 0);
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case ops.nextLine:
        moveText(0, -gs.leading);
        break;
      case ops.setLeading:
        gs.leading = Number(args?.[0]) || 0;
        break;
      case ops.setCharSpacing:
        gs.charSpacing = Number(args?.[0]) || 0;
        break;
      case ops.setWordSpacing:
        gs.wordSpacing = Number(args?.[0]) || 0;
        break;
      case ops.setHScale:
        gs.hScale = (Number(args?.[0]) || 100) / 100;
        break;
      case ops.setTextRise:
        gs.rise = Number(args?.[0]) || 0;
        break;
      case ops.showText:
      case ops.showSpacedText:
        show((args?.[0] as (Glyph | number)[] | undefined) ?? []);
        break;
    }
  }
  text.flush();
  return { runs: text.runs, graphics: { rulings: paths.rulings, rects: paths.rects } };
}
