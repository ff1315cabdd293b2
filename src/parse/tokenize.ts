// Blocks → tokens. Text lines are split into cells the way extraction tools print tables:
// tab-separated fields, pipe/Markdown rows, columns separated by runs of spaces, or one cell per
// line; table blocks (HTML, Word, PDF) give their grid cells directly.

import type { Block, TableBlock } from '../ingest/types.ts';
import { normalizeLabel } from '../model/labels.ts';
import { isPageMark } from '../ingest/page-marks.ts';
import { scanCell, type CellOrigin } from './cells.ts';
import { makeToken, type Token } from './tokens.ts';

const PIPE_SEPARATOR = /^\s*:?-{2,}:?\s*$/;
const MULTI_SPACE = /[ \u3000\u00a0]{2,}/;

function isBlankText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 0xa0 && c !== 13 && c !== 0x200b && c !== 0xfeff) return false;
  }
  return true;
}

const NUMERIC_FIELD = /^[+\-－]?[0-9０-９][0-9０-９,，.．\s]*$/;
const NA_FIELD = /^(?:[/／\\—–―\-－×]{1,3}|无)$/;

/** A field that holds a number or a not-applicable mark (not a label that starts with its numbering). */
function looksNumericField(f: string): boolean {
  const t = f.trim();
  return t !== '' && (NUMERIC_FIELD.test(t) || NA_FIELD.test(t));
}

/** Split one text line into cell fields; null when the line is a single cell. */
export function splitFields(raw: string): string[] | null {
  if (raw.includes('\t')) {
    const fields = raw.split('\t');
    if (fields[0] === '' || isBlankText(fields[0])) fields.shift();
    if (fields.length > 1 && isBlankText(fields[fields.length - 1])) fields.pop();
    return fields.length > 1 ? fields : fields.length === 1 ? [fields[0]] : [''];
  }
  const pipe = raw.indexOf('|');
  if (pipe >= 0 && raw.indexOf('|', pipe + 1) > 0) {
    let body = raw.trim();
    if (body.startsWith('|')) body = body.slice(1);
    if (body.endsWith('|')) body = body.slice(0, -1);
    const fields = body.split('|');
    return fields;
  }
  const trimmed = raw.trim();
  if (MULTI_SPACE.test(trimmed)) return trimmed.split(MULTI_SPACE);
  return null;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 0x3000 || c === 0xa0 || c === 13 || c === 0x200b || c === 0xfeff;
}

// What a line's characters are to the scan in tokenizeLine, by code unit (one load per character).
const PRINTED = 0;
const TAB = 1;
const SPACE = 2;
const PIPE = 3;
const PERIOD = 4;
const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) CHAR_CLASS[c] = c === 9 ? TAB : isSpaceCode(c) ? SPACE : c === 124 ? PIPE : c === 0x3002 ? PERIOD : PRINTED;

// eslint-disable-next-line complexity -- a scanner: one branch per kind of input
function tokenizeLine(raw: string, blockIndex: number, line: number, page: number, out: Token[]): void {
  const origin: CellOrigin = { block: blockIndex, line, page, table: 0, row: 0, col: 0 };
  // One pass over the line: where its content is and which separators it holds.
  let first = -1;
  let last = -1;
  let tabs = 0;
  let lastTab = -1;
  let pipes = 0;
  let period = false;
  let spaces = 0;
  let multiSpace = false;
  for (let i = 0; i < raw.length; i++) {
    const k = CHAR_CLASS[raw.charCodeAt(i)];
    if (k === SPACE) {
      spaces++;
    } else if (k === TAB) {
      tabs++;
      lastTab = i;
      spaces = 0;
    } else {
      if (first < 0) first = i;
      else if (spaces >= 2) multiSpace = true;
      last = i;
      spaces = 0;
      if (k === PIPE) pipes++;
      else if (k === PERIOD) period = true;
    }
  }
  if (first < 0) {
    const t = makeToken(tabs > 0 ? 'blank' : 'break', '', blockIndex, line);
    // "\t" or "\t " on its own line: an empty cell in a one-cell-per-line table.
    t.page = page;
    out.push(t);
    return;
  }
  if (period && tabs === 0 && pipes === 0 && raw.length >= 40 && raw.length <= 1000) {
    // A sentence of the narrative (table rows never end sentences; a whole document run into
    // one line is longer): one text token. Its numbers are no table values, and scanning it
    // character by character would be most of the tokenizer's work.
    const t = makeToken('text', raw.slice(first, last + 1), blockIndex, line);
    t.norm = normalizeLabel(t.raw);
    t.prose = true;
    t.page = page;
    out.push(t);
    return;
  }
  if (last - first < 24 && isPageMark(raw)) return;
  if (pipes < 2 && !multiSpace && (tabs === 0 || (tabs === 1 && lastTab < first))) {
    // One cell (possibly indented by a tab): the common line of a one-cell-per-line table.
    scanCell(raw.slice(first, last + 1), origin, out);
    return;
  }
  const fields = splitFields(raw);
  if (!fields || fields.length === 1) {
    scanCell(fields ? fields[0] : raw, origin, out);
    return;
  }
  if (fields.every((f) => PIPE_SEPARATOR.test(f))) return; // Markdown |---|---|
  let firstNumeric = fields.length;
  for (let i = 0; i < fields.length; i++) {
    if (looksNumericField(fields[i])) {
      firstNumeric = i;
      break;
    }
  }
  for (let i = 0; i < fields.length; i++) {
    origin.col = i + 1;
    if (isBlankText(fields[i])) {
      const t = makeToken('blank', '', blockIndex, line);
      t.page = page;
      t.col = i + 1;
      // Empty cells before the first number of an extracted row are layout (merged label
      // columns displaced by the extraction), not values.
      t.structural = i < firstNumeric;
      out.push(t);
    } else {
      scanCell(fields[i], origin, out);
    }
  }
  const br = makeToken('break', '', blockIndex, line);
  br.strong = true;
  br.page = page;
  out.push(br);
}

function tokenizeTable(block: TableBlock, blockIndex: number, out: Token[]): void {
  for (const cells of block.rows) {
    // A cell's lines joined with spaces (a cell's paragraphs are one printed cell).
    const texts = cells.map((c) => (c.text.includes('\n') ? c.text.replace(/\s*\n\s*/g, ' ') : c.text));
    // In a real grid, empty cells left of the row's last text cell are layout; after it, values.
    let lastText = -1;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i].trim();
      if (t && !isDigitsOnly(t) && !looksNumericField(t)) lastText = i;
    }
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const origin: CellOrigin = {
        block: blockIndex,
        line: cell.line ?? 0,
        page: cell.page ?? block.page ?? 0,
        table: block.table,
        row: cell.row + 1,
        col: cell.col + 1,
      };
      if (isBlankText(texts[i])) {
        const t = makeToken('blank', '', blockIndex, origin.line);
        t.page = origin.page;
        t.table = origin.table;
        t.row = origin.row;
        t.col = origin.col;
        t.structural = i < lastText;
        out.push(t);
      } else {
        scanCell(texts[i], origin, out);
      }
    }
    const br = makeToken('break', '', blockIndex, cells[0]?.line ?? 0);
    br.strong = true;
    br.table = block.table;
    out.push(br);
  }
}

/** ASCII digits only (the common table cell; no pattern needed to call it a number). */
function isDigitsOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** All tokens of a document, in reading order. */
export function tokenize(blocks: Block[]): Token[] {
  const out: Token[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.type === 'paragraph') tokenizeLine(block.text, b, block.line ?? 0, block.page ?? 0, out);
    else tokenizeTable(block, b, out);
  }
  for (let i = 0; i < out.length; i++) out[i].index = i;
  return out;
}
