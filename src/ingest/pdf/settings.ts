// The PDF reader's layout tolerances, named and documented in one place (pdfplumber's
// TableSettings is the model). Lengths are in points unless they say "em" (a share of the font
// size, so that they scale with the text); shares of the page are fractions of its height or
// width. The readers import them from here; none is written inline.

const layout = {
  // --- glyphs → text runs (glyphs.ts) ---
  /** Glyph box above the baseline, em (CJK fonts: ascent ≈ 0.88). */
  ascentEm: 0.88,
  /** Glyph box below the baseline, em. */
  descentEm: 0.12,
  /** Gap under which glyphs touch (pdf.js's value), em. */
  spaceMinEm: 0.102,
  /** Gap over which glyphs are not one run (pdf.js's value), em. */
  spaceMaxEm: 0.6,

  // --- text runs → lines (lines.ts) ---
  /** Glyphs closer than this belong to the same word, em. */
  glueEm: 0.15,
  /** A gap at least this wide without a ruling separates columns (a tab in the line's text), em. */
  columnEm: 1.5,

  // --- drawn lines (rulings.ts, grid.ts) ---
  /** A filled shape thinner than this is a line. */
  thinRule: 2.5,
  /** How far from axis-parallel a segment may be (over its length) and still count. */
  skew: 0.5,
  /** Coordinates closer than this are the same line. */
  snap: 2,
  /** Collinear pieces with a gap up to this are one line (dashed or pieced borders). */
  join: 2.5,
  /** A line must cover this share of a cell side to separate the cells. */
  cover: 0.6,

  // --- tables across pages (assemble.ts) ---
  /** Column boundaries closer than this are the same, for tables with drawn lines. */
  sameX: 3,
  /** The same, for columns found by text alignment. */
  sameXUnruled: 8,

  // --- page furniture (margins.ts) ---
  /** Share of the page height at the top where page numbers and running heads are looked for. */
  topZone: 0.1,
  /** Share of the page height at the bottom. */
  bottomZone: 0.12,

  // --- tables without lines (unruled.ts) ---
  /** Font size assumed where a line has none, points. */
  defaultFontSize: 10,
  /** A value this close after a label's last word (or closer) belongs to the label, em. */
  labelValueGapEm: 0.3,
  /** Words whose baselines differ by at most this are on one line, em. */
  sameBaselineEm: 0.3,
  /** Left edge of the first value column: this much left of its first value, em. */
  columnLeftPadEm: 0.3,
  /** Right edge of the last value column: this much right of its last value, em. */
  columnRightPadEm: 0.5,
  /** A gap this wide inside a label starts a new label column, em. */
  labelColumnGapEm: 0.5,
  /** Label column starts closer than this are one column, points. */
  labelStartSnap: 3,
  /** A cell's line continues the cell above when centred within this, em … */
  alignCentreEm: 0.6,
  /** … or left-aligned within this, points … */
  alignLeft: 2,
  /** … and at most this far below it (one line pitch), em. */
  nextLineEm: 1.6,
  /** A line narrower than this share of the text width may be a table line. */
  tableishWidth: 0.6,
  /** A heading in another font size differs by more than this share. */
  headingSizeShare: 0.05,
  /** A heading standing apart has gaps of at least this above and below, em. */
  headingGapEm: 0.8,
  /** Table lines further apart than this are not one table, em. */
  tableGapEm: 2.5,
  /** A table's header is looked for at most this many lines above its first row. */
  headerLines: 15,
  /** Header lines above a table are at most this far apart, em. */
  headerGapEm: 1.0,
  /** Lines after a table's last row still belong to it when this close, em. */
  tailGapEm: 0.6,
};

export type PdfLayoutSettings = { readonly [K in keyof typeof layout]: number };

export const PDF_LAYOUT: PdfLayoutSettings = Object.freeze(layout);
