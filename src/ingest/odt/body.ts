// The body of an OpenDocument text (content.xml, ODF 1.2/1.3 §5, §9) → paragraphs and tables in
// document order. Headings (text:h), paragraphs (text:p) and list items are paragraphs; spacing
// elements become what they print (text:s spaces, text:tab a tab, text:line-break a new line).
// Tables keep their merged cells: a cell spans table:number-rows/columns-spanned, covered cells
// hold its place and are left out, repeated rows and cells are expanded (within a cap). Notes,
// annotations, tracked deletions and shapes' text are not body text. A table inside a cell
// follows its table; a one-column table is a layout frame, read as if it stood in the body.

import type { Block, TableCell } from '../types.ts';
import { parseXml, type XmlPart } from '../docx/xml.ts';

/** Repetition beyond this (a styling row repeated to the sheet's end) is not expanded. */
const MAX_REPEAT = 64;
/** Tables nested deeper than this are read as text of their cell. */
const MAX_DEPTH = 16;

type Item = { kind: 'p'; text: string; line: number } | { kind: 't'; rows: TableCell[][] };

interface Container {
  items: Item[];
}

interface OpenCell extends Container {
  col: number;
  rowSpan: number;
  colSpan: number;
  line: number;
}

interface OpenTable {
  rows: TableCell[][];
  /** Cells of the row being read. */
  row: OpenCell[];
  rowRepeat: number;
  col: number;
  cell: OpenCell | null;
  width: number;
  nested: Item[];
}

/** Subtrees that hold nothing the document shows as body text. */
const SKIPPED = new Set([
  'office:annotation', 'office:annotation-end', 'text:note', 'text:tracked-changes', 'text:deletion', 'draw:frame', 'draw:custom-shape',
  'text:table-of-content-source', 'text:sequence-decls', 'text:variable-decls', 'text:user-field-decls', 'office:forms', 'text:index-title-template',
]);

const WITH_ATTRS = new Set(['text:s', 'table:table-row', 'table:table-cell', 'table:covered-table-cell']);

export function readOdtBody(xml: XmlPart): Block[] {
  const body: Container = { items: [] };
  const containers: Container[] = [body];
  const tables: OpenTable[] = [];
  let skip = 0;
  let para: { text: string; line: number } | null = null;
  let paraDepth = 0;
  let line = 0;
  let inBody = false;

  const target = () => containers[containers.length - 1];
  const endPara = () => {
    if (!para) return;
    for (const l of para.text.split('\n')) if (l.trim()) target().items.push({ kind: 'p', text: l, line: para.line });
    para = null;
  };
  const repeat = (a: Record<string, string>, key: string) => Math.max(1, Math.min(MAX_REPEAT, Number(a[key]) || 1));

  parseXml(xml, {
    attrsOf: WITH_ATTRS,
    open(name, a) {
      if (name === 'office:text') inBody = true;
      if (!inBody) return;
      if (skip || SKIPPED.has(name)) {
        skip++;
        return;
      }
      switch (name) {
        case 'text:p':
        case 'text:h':
          if (paraDepth++ === 0) para = { text: '', line: ++line };
          else if (para) para.text += '\n';
          break;
        case 'text:s':
          if (para) para.text += ' '.repeat(Math.min(MAX_REPEAT, Number(a['text:c']) || 1));
          break;
        case 'text:tab':
          if (para) para.text += '\t';
          break;
        case 'text:line-break':
          if (para) para.text += '\n';
          break;
        case 'table:table':
          if (tables.length >= MAX_DEPTH) {
            skip++;
            return;
          }
          tables.push({ rows: [], row: [], rowRepeat: 1, col: 0, cell: null, width: 0, nested: [] });
          break;
        case 'table:table-row': {
          const t = tables[tables.length - 1];
          if (!t) break;
          t.row = [];
          t.col = 0;
          t.rowRepeat = repeat(a, 'table:number-rows-repeated');
          break;
        }
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          const t = tables[tables.length - 1];
          if (!t) break;
          // Every position of the grid is written: covered cells hold the places a span covers.
          const n = repeat(a, 'table:number-columns-repeated');
          if (name === 'table:covered-table-cell') {
            t.col += n;
            t.cell = null;
            break;
          }
          const cell: OpenCell = {
            items: [],
            col: t.col,
            rowSpan: Math.max(1, Number(a['table:number-rows-spanned']) || 1),
            colSpan: Math.max(1, Number(a['table:number-columns-spanned']) || 1),
            line: line + 1,
          };
          t.cell = cell;
          t.row.push(cell);
          // A repeated empty cell (n > 1) is read once and its copies are empty.
          for (let k = 1; k < n; k++) t.row.push({ items: [], col: t.col + k, rowSpan: 1, colSpan: 1, line: cell.line });
          t.col += n;
          containers.push(cell);
          break;
        }
      }
    },
    close(name) {
      if (!inBody) return;
      if (skip) {
        skip--;
        return;
      }
      switch (name) {
        case 'office:text':
          endPara();
          inBody = false;
          break;
        case 'text:p':
        case 'text:h':
          if (--paraDepth === 0) endPara();
          break;
        case 'table:table-cell': {
          const t = tables[tables.length - 1];
          if (t?.cell) {
            endPara();
            containers.pop();
            t.cell = null;
          }
          break;
        }
        case 'table:table-row': {
          const t = tables[tables.length - 1];
          if (!t) break;
          for (let k = 0; k < t.rowRepeat; k++) addRow(t, k === 0);
          break;
        }
        case 'table:table': {
          const t = tables.pop();
          if (t) finishTable(t, target());
          break;
        }
      }
    },
    text(s) {
      if (para && !skip && inBody) para.text += s;
    },
    wantsText: () => para !== null && skip === 0,
  });
  endPara();

  const blocks: Block[] = [];
  let tableNo = 0;
  for (const item of body.items) {
    if (item.kind === 'p') blocks.push({ type: 'paragraph', text: item.text, line: item.line });
    else blocks.push({ type: 'table', table: ++tableNo, rows: item.rows });
  }
  return blocks;
}

/** The row just read, as table cells (its first copy with the text, further copies empty). */
function addRow(t: OpenTable, first: boolean): void {
  const r = t.rows.length;
  const cells: TableCell[] = [];
  for (const c of t.row) {
    const paras = c.items.filter((i): i is Extract<Item, { kind: 'p' }> => i.kind === 'p');
    for (const i of c.items) if (i.kind === 't') t.nested.push(i);
    const cell: TableCell = { text: first ? paras.map((p) => p.text).join('\n') : '', row: r, col: c.col, line: c.line };
    if (c.rowSpan > 1) cell.rowSpan = c.rowSpan;
    if (c.colSpan > 1) cell.colSpan = c.colSpan;
    cells.push(cell);
    t.width = Math.max(t.width, c.col + c.colSpan);
  }
  t.rows.push(cells);
}

function finishTable(t: OpenTable, into: Container): void {
  if (t.width <= 1) {
    // A layout frame: its paragraphs (and tables) as if they stood in the body.
    for (const row of t.rows) for (const c of row) for (const l of c.text.split('\n')) if (l.trim()) into.items.push({ kind: 'p', text: l, line: c.line ?? 0 });
    into.items.push(...t.nested);
    return;
  }
  into.items.push({ kind: 't', rows: t.rows.filter((r) => r.length > 0) }, ...t.nested);
}
