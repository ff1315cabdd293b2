// Writing a generated report as text, in each layout that real extraction produces (see the
// seeds in ../shared/seeds): tab-indented cells one per line, tab-separated rows, cells as
// paragraphs, pipe and Markdown tables, PDF text from various tools, pdftotext -layout columns,
// and runs with every separator lost. Document-level variation (title present or not, heading
// numerals, where the tables sit) and noise (full-width characters, thousands separators, page
// numbers, stray spaces) are drawn from the same Source, so property tests shrink them too.

import { getFormat } from '../../src/model/index.ts';
import type { SectionId } from '../../src/model/index.ts';
import type { GeneratedReport } from './generate.ts';
import { tableGrid, type Grid, type GridCell } from './grid.ts';
import { seeded, type Source } from './random.ts';

export const LAYOUTS = [
  'cells-per-line', // seeds 000/001/004: "\t" + cell, one per line, blank line between rows
  'tab-rows', // seed 002: a row per line, tab-separated, empty fields displaced
  'paragraphs', // seed 003: every cell a paragraph, blank lines between
  'pipe', // a | b | c
  'markdown', // | a | b | c | with |---| and fragment header rows, detached labels
  'pdf-lines', // PDF text by other tools: cells one per line, labels wrapped, page numbers
  'pdf-before', // PDF text where every row's numbers are printed before its label
  'spaces', // pdftotext -layout: columns separated by runs of spaces, labels wrapped
  'glued', // every separator lost: （一）予以公开7000007, runs swallowing numbering
] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Layouts whose numbers cannot be told apart without the relations (need single digits). */
export const RUN_LAYOUTS: readonly Layout[] = ['glued'];

export interface Noise {
  /** Full-width digits in the tables. */
  fullwidthDigits: boolean;
  /** Full-width / half-width swap for punctuation in labels and headings. */
  halfwidthPunct: boolean;
  /** Thousands separators in numbers ≥ 1000. */
  thousands: boolean;
  /** No-break spaces and stray spaces around values. */
  spaces: boolean;
  /** Windows line ends. */
  crlf: boolean;
  /** Page numbers / footers inside the tables (PDF layouts repeat the table header after them). */
  pageMarks: boolean;
  /** Labels printed in one of their known variant spellings (规范性文件, 本年制发数量 …). */
  variants: boolean;
}

export interface DocumentStyle {
  title: 'one-line' | 'two-line' | 'spaced' | 'year-after' | 'none';
  headings: 'chinese' | 'arabic' | 'missing' | 'stray-separator' | 'mixed' | 'wrong';
  /** Tables inside their sections, or all after the narrative (seed 003). */
  tables: 'in-section' | 'after-narrative';
  signature: boolean;
  publishedLine: boolean;
  /** Without a title: the agency is named in the signature or in the body (本报告由…编制). */
  agencyInBody: boolean;
}

export interface Rendered {
  text: string;
  layout: Layout;
  style: DocumentStyle;
  noise: Noise;
}

// --- character helpers ------------------------------------------------------------------------

function fullwidth(s: string): string {
  return s.replace(/[0-9.,-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function halfwidth(s: string): string {
  return s.replace(/[（）：，]/g, (c) => ({ '（': '(', '）': ')', '：': ':', '，': ',' })[c] ?? c).replace(/[“”]/g, '"');
}

function withThousands(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m || m[2].length < 4) return text;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '');
}

interface Ctx {
  src: Source;
  noise: Noise;
  layout: Layout;
}

function valueText(cell: GridCell, ctx: Ctx): string {
  let t = cell.text;
  if (ctx.noise.thousands) t = withThousands(t);
  if (ctx.noise.fullwidthDigits) t = fullwidth(t);
  return t;
}

function labelText(text: string, ctx: Ctx): string {
  return ctx.noise.halfwidthPunct ? halfwidth(text) : text;
}

function cellText(cell: GridCell, ctx: Ctx): string {
  if (cell.kind === 'value') return valueText(cell, ctx);
  const text = ctx.noise.variants && cell.variants?.length && ctx.src.chance(0.5) ? ctx.src.pick(cell.variants) : cell.text;
  return labelText(text, ctx);
}

/** Split a header word of four characters the way PDF tools do (结果\n纠正, 商业 企业). */
function splitWord(text: string): [string, string] | null {
  return text.length === 4 && /^[\u4e00-\u9fa5]+$/.test(text) ? [text.slice(0, 2), text.slice(2)] : null;
}

function pageMark(src: Source): string {
  const n = src.int(2, 9);
  return src.pick([`— ${n} —`, `- ${n} -`, `第 ${n} 页 共 ${n + src.int(1, 5)} 页`, `${n}/${n + src.int(1, 5)}`, `第${n}页`]);
}

/** Wrap a label into pieces of `width` characters. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
}

// --- table layouts --------------------------------------------------------------------------

function cellsPerLine(grid: Grid, ctx: Ctx): string[] {
  const { src } = ctx;
  const lines: string[] = [];
  const splitHeaders = src.chance(0.3); // seed 004: 结果\n纠正
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.kind === 'colspan') continue;
      if (cell.kind === 'rowspan') {
        lines.push(ctx.noise.spaces && src.chance(0.3) ? '\t\u00a0' : '\t');
        continue;
      }
      const text = cellText(cell, ctx);
      const parts = splitHeaders && cell.kind === 'header' && grid.table.layout === 'single_row' ? splitWord(text) : null;
      if (parts) lines.push(`\t${parts[0]}`, parts[1]);
      else if (cell.kind === 'value' && ctx.noise.spaces) lines.push(src.pick([`\t${text}`, `\t\u00a0${text}`, `\t${text}\u00a0`]));
      else lines.push(`\t${text}`);
    }
    lines.push('');
  }
  return lines;
}

function tabRows(grid: Grid, ctx: Ctx): string[] {
  const { src } = ctx;
  const lines: string[] = [];
  const spaced = src.chance(0.5); // "结果 维持", "(一) 予以公开", "1. 属于国家秘密"
  const breakLabel = src.chance(0.3); // a long label broken across a page
  for (const row of grid.rows) {
    let fields = row.cells.map((c) => {
      if (c.kind === 'rowspan' || c.kind === 'colspan') return '';
      let t = cellText(c, ctx);
      if (spaced && c.kind !== 'value') {
        const w = splitWord(t);
        t = w && c.kind === 'header' ? `${w[0]} ${w[1]}` : t.replace(/^([(（][一二三四五六七八九十]+[)）]|\d+[.、])/, '$1 ');
      }
      return t;
    });
    // Displaced empty fields: a row whose leading empties moved behind its label (seed 002).
    const firstLabel = row.cells.findIndex((c) => c.kind === 'label');
    if (row.kind === 'data' && fields[0] === '' && firstLabel > 0 && src.chance(0.15)) {
      // Only the empty label columns move (merged cells of the row headers), never a value.
      const lead = firstLabel;
      fields = [...fields.slice(lead, lead + 1), ...fields.slice(0, lead), ...fields.slice(lead + 1)];
    }
    // Trailing empties are sometimes dropped, sometimes kept.
    if (src.chance(0.5)) while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    const longLabel = row.kind === 'data' ? fields.findIndex((f) => f.length > 24) : -1;
    if (breakLabel && longLabel >= 0 && src.chance(0.5)) {
      const f = fields[longLabel];
      const cut = src.int(10, f.length - 4);
      const head = fields.slice();
      head[longLabel] = f.slice(0, cut);
      lines.push(head.join('\t'), '');
      const tail = fields.map((_, i) => (i === longLabel ? f.slice(cut) : ''));
      lines.push(tail.join('\t'));
      continue;
    }
    lines.push(fields.join('\t'));
  }
  return lines;
}

function paragraphs(grid: Grid, ctx: Ctx): string[] {
  const lines: string[] = [];
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.kind === 'colspan') continue;
      if (cell.kind === 'rowspan') {
        lines.push('', '');
        continue;
      }
      lines.push(cellText(cell, ctx), '');
    }
    if (ctx.src.chance(0.3)) lines.push('');
  }
  return lines;
}

function pipe(grid: Grid, ctx: Ctx): string[] {
  return grid.rows.map((row) =>
    row.cells
      .filter((c) => c.kind !== 'colspan' || ctx.src.chance(0.5))
      .map((c) => (c.kind === 'rowspan' || c.kind === 'colspan' ? '' : cellText(c, ctx)))
      .join(ctx.src.pick([' | ', '|'])),
  );
}

function markdown(grid: Grid, ctx: Ctx): string[] {
  const { src } = ctx;
  const lines: string[] = [];
  const detach = src.chance(0.4); // row labels printed on their own line above the row
  let first = true;
  for (const row of grid.rows) {
    let cells = row.cells.filter((c) => c.kind !== 'colspan');
    if (row.kind !== 'data') cells = cells.filter((c) => c.kind !== 'rowspan' || src.chance(0.5)); // fragment header rows
    if (cells.length === 0) continue;
    if (detach && row.kind === 'data' && cells[0].kind === 'label') {
      const labels = cells.filter((c) => c.kind === 'label');
      lines.push(labels.map((c) => cellText(c, ctx)).join(''));
      cells = [{ kind: 'rowspan', text: '' }, ...cells.filter((c) => c.kind !== 'label')];
    }
    const texts = cells.map((c) => (c.kind === 'rowspan' ? '' : cellText(c, ctx)));
    lines.push(`| ${texts.join(' | ')} |`);
    if (first) {
      lines.push(`|${texts.map(() => ' --- ').join('|')}|`);
      first = false;
    }
  }
  return lines;
}

/** PDF text from tools that print each text run on its own line. */
function pdfLines(grid: Grid, ctx: Ctx, numbersFirst: boolean): string[] {
  const { src } = ctx;
  const lines: string[] = [];
  const labelWidth = src.pick([0, 12, 16, 20]); // 0: labels unwrapped
  const charPerLine = src.chance(0.3); // narrow header cells: one character per line
  const valuesOnOneLine = src.chance(0.5);
  const splitHeaders = src.chance(0.5);
  let rowCount = 0;
  const repeatHeader = grid.table.layout === 'rows' && src.chance(0.5);
  const headerLines: string[] = [];
  for (const row of grid.rows) {
    const labels: string[] = [];
    const values: string[] = [];
    for (const cell of row.cells) {
      if (cell.kind === 'rowspan' || cell.kind === 'colspan') continue;
      const text = cellText(cell, ctx);
      if (cell.kind === 'value') values.push(text);
      else if (cell.kind === 'header' && charPerLine && text.length <= 4) labels.push(...text.split(''));
      else if (cell.kind === 'header' && splitHeaders && splitWord(text)) labels.push(...splitWord(text)!);
      else if (labelWidth && text.length > labelWidth) labels.push(...wrap(text, labelWidth));
      else labels.push(text);
    }
    const valueLines = valuesOnOneLine ? (values.length ? [values.join(' ')] : []) : values;
    if (numbersFirst && row.kind === 'data') lines.push(...valueLines, ...labels);
    else lines.push(...labels, ...valueLines);
    if (row.kind === 'header') headerLines.push(...labels);
    rowCount++;
    // A page break inside the table: page number, and the table's header printed again.
    if (ctx.noise.pageMarks && rowCount % 9 === 0) lines.push(pageMark(src), ...(repeatHeader && row.kind === 'data' ? headerLines : []));
  }
  return lines;
}

/** pdftotext -layout: fixed-width columns, long labels wrapped with the numbers on the middle line. */
function spaces(grid: Grid, ctx: Ctx): string[] {
  const { src } = ctx;
  const lines: string[] = [];
  const labelWidth = src.pick([14, 18, 24]);
  const gap = src.int(2, 6);
  const valueWidth = src.int(3, 8);
  let rowCount = 0;
  for (const row of grid.rows) {
    const labelParts = row.cells
      .filter((c) => c.kind !== 'value' && c.kind !== 'rowspan' && c.kind !== 'colspan')
      .map((c) => cellText(c, ctx));
    const values = row.cells.filter((c) => c.kind === 'value').map((c) => valueText(c, ctx));
    if (row.kind !== 'data') {
      // Header words, column by column; 4-character headers split over two lines.
      const top: string[] = [];
      const bottom: string[] = [];
      for (const c of row.cells) {
        if (c.kind === 'value' || c.kind === 'rowspan' || c.kind === 'colspan') continue;
        const t = cellText(c, ctx);
        const w = c.kind === 'header' ? splitWord(t) : null;
        top.push(w ? w[0] : t);
        bottom.push(w ? w[1] : '');
      }
      lines.push(' '.repeat(src.int(0, 4)) + top.join(' '.repeat(gap)));
      if (bottom.some(Boolean)) lines.push(' '.repeat(src.int(0, 4)) + bottom.filter(Boolean).join(' '.repeat(gap)));
      continue;
    }
    // Label columns side by side, each wrapped within its width; the numbers on the middle line.
    const columns = labelParts.map((t) => wrap(t, labelWidth));
    const height = Math.max(1, ...columns.map((c) => c.length));
    const valuePart = values.map((v) => v.padStart(valueWidth)).join(' '.repeat(gap));
    const mid = Math.floor((height - 1) / 2);
    for (let i = 0; i < height; i++) {
      // Chinese characters are two columns wide in the layout.
      const left = columns.map((c) => {
        const piece = c[i] ?? '';
        return piece + ' '.repeat(Math.max(2, labelWidth * 2 + 2 - piece.length * 2));
      });
      const line = left.join('');
      lines.push(i === mid ? line + valuePart : line.trimEnd());
    }
    rowCount++;
    if (ctx.noise.pageMarks && rowCount % 11 === 0) lines.push('', ' '.repeat(30) + pageMark(src), '');
  }
  return lines;
}

/** Every separator lost: a row's label and numbers run together; rows sometimes share a line. */
function glued(grid: Grid, ctx: Ctx): string[] {
  const { src } = ctx;
  const lines: string[] = [];
  let current = '';
  for (const row of grid.rows) {
    const text = row.cells.map((c) => (c.kind === 'rowspan' || c.kind === 'colspan' ? '' : cellText(c, ctx))).join('');
    current += text;
    if (!src.chance(0.4)) {
      lines.push(current);
      current = '';
    }
  }
  if (current) lines.push(current);
  return lines;
}

function tableLines(grid: Grid, ctx: Ctx): string[] {
  switch (ctx.layout) {
    case 'cells-per-line':
      return cellsPerLine(grid, ctx);
    case 'tab-rows':
      return tabRows(grid, ctx);
    case 'paragraphs':
      return paragraphs(grid, ctx);
    case 'pipe':
      return pipe(grid, ctx);
    case 'markdown':
      return markdown(grid, ctx);
    case 'pdf-lines':
      return pdfLines(grid, ctx, false);
    case 'pdf-before':
      return pdfLines(grid, ctx, true);
    case 'spaces':
      return spaces(grid, ctx);
    case 'glued':
      return glued(grid, ctx);
  }
}

// --- the document -----------------------------------------------------------------------------

const SECTION_TABLE: Partial<Record<SectionId, string>> = { active: 'active', applications: 'applications', review_litigation: 'review_litigation' };

function headingText(report: GeneratedReport, id: SectionId, style: DocumentStyle, ctx: Ctx, index: number): string {
  const format = getFormat(report.format);
  const s = format.section(id);
  const n = s.number;
  let numbering: string;
  switch (style.headings) {
    case 'chinese':
      numbering = `${s.numeral}、`;
      break;
    case 'arabic':
      numbering = `${n}、`;
      break;
    case 'missing':
      numbering = '';
      break;
    case 'stray-separator':
      numbering = n === 1 ? `${s.numeral}、` : '、';
      break;
    case 'mixed':
      numbering = ctx.src.pick([`${s.numeral}、`, `${n}、 `, '', `${s.numeral}、`]);
      break;
    case 'wrong':
      // One heading carries the numeral of its neighbour.
      numbering = index === 3 ? `${s.numeral === '四' ? '三' : '四'}、` : `${s.numeral}、`;
      break;
  }
  const indent = ctx.noise.spaces && ctx.src.chance(0.3) ? '\u00a0 \u00a0 ' : '';
  return indent + labelText(numbering + s.label, ctx);
}

function title(report: GeneratedReport, style: DocumentStyle): string[] {
  const { agency, year } = report;
  switch (style.title) {
    case 'one-line':
      return [`${agency}${year}年政府信息公开工作年度报告`];
    case 'two-line':
      return [`${agency}${year}年`, '政府信息公开工作年度报告'];
    case 'spaced':
      return ['', `${agency} ${year} 年 政府信息公开工作年度报告`, ''];
    case 'year-after':
      return [`${agency}政府信息公开工作${year}年度报告`];
    case 'none':
      return [];
  }
}

function dateText(iso: string, src: Source): string {
  const [y, m, d] = iso.split('-').map(Number);
  return src.pick([`${y}年${m}月${d}日`, `${y}年${String(m).padStart(2, '0')}月${String(d).padStart(2, '0')}日`]);
}

export function drawStyle(src: Source): DocumentStyle {
  const titleStyle = src.pick(['one-line', 'two-line', 'spaced', 'year-after', 'none'] as const);
  return {
    title: titleStyle,
    headings: src.pick(['chinese', 'arabic', 'missing', 'stray-separator', 'mixed', 'wrong'] as const),
    tables: src.chance(0.25) ? 'after-narrative' : 'in-section',
    // Without a title the agency is named in the signature (or the body says 由…编制).
    signature: src.chance(0.5),
    publishedLine: src.chance(0.3),
    agencyInBody: false,
  };
}

export function drawNoise(src: Source, layout: Layout): Noise {
  const runs = RUN_LAYOUTS.includes(layout);
  return {
    fullwidthDigits: src.chance(0.15),
    halfwidthPunct: src.chance(0.25),
    thousands: !runs && src.chance(0.3),
    spaces: src.chance(0.3),
    crlf: src.chance(0.1),
    pageMarks: src.chance(0.3),
    variants: src.chance(0.3),
  };
}

/** Render a report in a layout, drawing the document style and noise from `src`. */
export interface RenderOptions {
  style?: Partial<DocumentStyle>;
  noise?: Partial<Noise>;
  /** Change a table's grid before it is printed (damage tests). */
  alterGrid?: (grid: Grid) => Grid;
}

export function renderWith(report: GeneratedReport, layout: Layout, src: Source, fixed: RenderOptions = {}): Rendered {
  const style = { ...drawStyle(src), ...fixed.style };
  const noise = { ...drawNoise(src, layout), ...fixed.noise };
  if (style.title === 'none' && !style.signature) style.agencyInBody = true;
  const ctx: Ctx = { src, noise, layout };
  const blankBetween = layout === 'paragraphs' || src.chance(0.3);
  const lines: string[] = [];
  const para = (text: string) => {
    lines.push(text);
    if (blankBetween) lines.push('');
  };
  for (const l of title(report, style)) para(l);
  if (style.agencyInBody) para(`本报告根据《中华人民共和国政府信息公开条例》要求，由${report.agency}编制。`);
  if (style.publishedLine) para(`发布时间：${report.published} ${String(src.int(8, 17)).padStart(2, '0')}:${String(src.int(0, 59)).padStart(2, '0')}`);

  const tableFor = (id: SectionId): string[] => {
    const t = SECTION_TABLE[id];
    if (!t) return [];
    const grid = fixed.alterGrid ? fixed.alterGrid(tableGrid(report, t)) : tableGrid(report, t);
    const out = tableLines(grid, ctx);
    return blankBetween || layout === 'cells-per-line' ? [...out, ''] : out;
  };
  const later: SectionId[] = [];
  report.sections.forEach((section, i) => {
    const hasTable = !!SECTION_TABLE[section.id];
    if (style.tables === 'after-narrative' && hasTable && section.paragraphs.length === 0) {
      later.push(section.id);
      return;
    }
    para(headingText(report, section.id, style, ctx, i));
    for (const p of section.paragraphs) para(labelText(p, ctx));
    if (hasTable) lines.push(...tableFor(section.id));
  });
  for (const id of later) {
    para(headingText(report, id, style, ctx, report.sections.findIndex((s) => s.id === id)));
    lines.push(...tableFor(id));
  }
  if (style.signature) {
    lines.push('');
    para(report.agency);
    para(dateText(report.published, src));
  }
  const text = lines.join(noise.crlf ? '\r\n' : '\n');
  return { text, layout, style, noise };
}

/** Render with a seed (deterministic). */
export function renderReport(report: GeneratedReport, layout: Layout, seed: number): Rendered {
  return renderWith(report, layout, seeded(seed ^ 0x5bd1e995));
}
