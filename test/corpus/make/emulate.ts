// Tools that Debian does not package, emulated from the project's own PDF reader's layers:
//   pdfplumber's extract_text (from the glyph layer: characters grouped into lines whose tops lie
//     within 3 pt, each line ordered by x, a space where the gap between characters exceeds 3 pt);
//   a "PDF to Markdown" converter (from the cell layer: one small table per group, generic header
//     rows 数据1…, label cells of merged rows on a row of their own, header fragments at page
//     breaks), as OCR and conversion services produce;
// and text that lost every separator inside its lines.

import type { PdfInspection } from '../../../src/ingest/pdf/index.ts';
import type { TableBlock } from '../../../src/ingest/types.ts';

interface Char {
  text: string;
  x0: number;
  x1: number;
  top: number;
}

const X_TOLERANCE = 3;
const Y_TOLERANCE = 3;

/** pdfplumber's `page.extract_text()` (layout=False, default tolerances), page after page. */
export function pdfplumberText(insp: PdfInspection): string {
  const pages: string[] = [];
  for (const page of insp.pages) {
    const chars: Char[] = [];
    for (const r of page.runs) {
      if (r.diagonal) continue;
      if (r.rotated || !r.edges) {
        chars.push({ text: r.text, x0: r.x0, x1: r.x1, top: r.y0 });
        continue;
      }
      for (let i = 0; i < r.text.length; i++) {
        if (/\s/.test(r.text[i])) continue;
        chars.push({ text: r.text[i], x0: r.edges[i], x1: r.edges[i + 1], top: r.y0 });
      }
    }
    // Lines: tops clustered with the tolerance (a chain of tops each within 3 pt of the last).
    chars.sort((a, b) => a.top - b.top);
    const lines: Char[][] = [];
    let last = -Infinity;
    for (const c of chars) {
      if (c.top - last > Y_TOLERANCE || lines.length === 0) lines.push([]);
      lines[lines.length - 1].push(c);
      last = c.top;
    }
    const text = lines.map((line) => {
      line.sort((a, b) => a.x0 - b.x0);
      let s = '';
      let prev: Char | null = null;
      for (const c of line) {
        if (prev && c.x0 > prev.x1 + X_TOLERANCE) s += ' ';
        s += c.text;
        prev = c;
      }
      return s;
    });
    pages.push(text.join('\n'));
  }
  return pages.join('\n') + '\n';
}

/** The table as a grid of texts (spans expanded: covered positions are ''), with each row's page. */
function expand(t: TableBlock): { grid: string[][]; width: number; merged: boolean[][]; pages: number[] } {
  const height = t.rows.length === 0 ? 0 : Math.max(...t.rows.flat().map((c) => c.row + (c.rowSpan ?? 1)));
  const width = Math.max(0, ...t.rows.flat().map((c) => c.col + (c.colSpan ?? 1)));
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(''));
  const merged = Array.from({ length: height }, () => new Array<boolean>(width).fill(false));
  const pages = new Array<number>(height).fill(t.page ?? 1);
  for (const c of t.rows.flat()) {
    grid[c.row][c.col] = c.text.replace(/\s*\n\s*/g, '');
    if ((c.rowSpan ?? 1) > 1) merged[c.row][c.col] = true;
    pages[c.row] = Math.max(pages[c.row], c.page ?? 1);
  }
  return { grid, width, merged, pages };
}

const NUMERIC = /^[-+]?\d[\d,.]*$/;

function mdRow(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** One table block as a converter writes it: small tables, generic headers, detached labels. */
function tableMarkdown(t: TableBlock): string[] {
  const { grid, width, merged, pages } = expand(t);
  const out: string[] = [];
  const isData = (row: string[]) => row.some((c) => NUMERIC.test(c));
  const firstData = grid.findIndex(isData);
  const headerRow = firstData > 0 ? grid[firstData - 1] : null;
  let fragment: string[][] = [];
  const flush = () => {
    if (!fragment.length) return;
    const cols = Math.max(...fragment.map((r) => r.length));
    const generic = ['', ...Array.from({ length: cols - 1 }, (_, i) => `数据${i + 1}`)];
    const head = isData(fragment[0]) || fragment.length === 1 ? generic : fragment.shift()!;
    out.push(mdRow(head), mdRow(head.map(() => '---')), ...fragment.map(mdRow), '');
    fragment = [];
  };
  grid.forEach((row, r) => {
    const filled = row.filter((c) => c !== '');
    // A row of one text across the table (表二's 第二十条第（一）项): a new small table under it.
    if (filled.length === 1 && !isData(row)) {
      flush();
      out.push(filled[0], '');
      return;
    }
    if (r > 0 && pages[r] !== pages[r - 1]) {
      flush();
      if (headerRow && r > firstData) fragment.push(headerRow.filter((c) => c !== ''));
    }
    // A label of merged rows starts a group: its own row, then the rows without it.
    const cells = row.slice();
    for (let c = 0; c < width; c++) {
      if (merged[r][c] && isData(row) && cells[c] !== '') {
        flush();
        fragment.push([cells[c], ...new Array<string>(width - 1).fill('')]);
        cells[c] = '';
      }
    }
    fragment.push(cells);
  });
  flush();
  return out;
}

/** The document as a PDF-to-Markdown converter writes it. */
export function converterMarkdown(insp: PdfInspection): string {
  const out: string[] = [];
  for (const b of insp.blocks) {
    if (b.type === 'paragraph') {
      const text = b.text.replace(/\t/g, ' ').trim();
      if (!text) continue;
      out.push(/^[一二三四五六七八九十]+、\S{2,30}$/.test(text) ? `## ${text}` : text, '');
    } else {
      out.push(...tableMarkdown(b));
    }
  }
  return out.join('\n') + '\n';
}

/** Every space and tab inside a line lost (a viewer's copy that drops them). */
export function withoutSeparators(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ''))
    .join('\n');
}
