// The body of a Word 97–2003 document → paragraphs and tables in document order.
//
// The text is a run of characters where paragraph marks (\r) and cell marks (\x07) end
// paragraphs. A paragraph's properties say whether it lies in a table (and how deep), and whether
// it is the mark that ends a table row; that mark's properties describe the row: the cells'
// left and right edges and their merges. Cells are placed on a grid made of every edge of the
// table's rows, so a cell as wide as two others spans two columns; vertical merges become row
// spans (grid.ts, shared with the .docx reader). Field instructions, hidden and deleted text,
// tables of contents and objects are left out.

import type { Block, TableCell } from '../types.ts';
import { resolveGrid, type RawCell, type RawRow } from '../docx/grid.ts';
import type { DocText } from './pieces.ts';
import type { Props, PropRuns } from './fkp.ts';
import type { DocLists } from './lists.ts';
import { SPRM, eachSprm } from './sprm.ts';
import { appendAll } from '../../util/arrays.ts';

type Item = { kind: 'p'; text: string; line: number } | { kind: 't'; rows: TableCell[][] };

interface ParaProps {
  depth: number;
  ttp: boolean;
  innerCell: boolean;
  innerTtp: boolean;
  /** List (LFO index), 0 for none; undefined when the style decides. */
  ilfo: number | undefined;
  ilvl: number | undefined;
  istd: number;
}

interface Cell {
  items: Item[];
  line: number;
}

interface RowSpec {
  /** Cell edges in twips (one more than cells). */
  edges: number[];
  /** Per cell: vertical merge, and whether it is merged into the cell on its left (old-style). */
  vMerge: ('restart' | 'continue' | null)[];
  hMerged: boolean[];
}

interface TableBuild {
  rows: { cells: Cell[]; spec: RowSpec | null }[];
  cells: Cell[];
  current: Cell | null;
}

const REPEATING_FIELD = /^\s*(TOC|INDEX|TOA)\b/i;

function paraProps(p: Props | null): ParaProps {
  const out: ParaProps = { depth: 0, ttp: false, innerCell: false, innerTtp: false, ilfo: undefined, ilvl: undefined, istd: p?.istd ?? 0 };
  if (!p) return out;
  let inTable = false;
  let itap = -1;
  eachSprm(p.g, p.start, p.end, (sprm, at) => {
    switch (sprm) {
      case SPRM.pFInTable:
        inTable = p.g.getUint8(at) !== 0;
        break;
      case SPRM.pFTtp:
        out.ttp = p.g.getUint8(at) !== 0;
        break;
      case SPRM.pItap:
        itap = p.g.getInt32(at, true);
        break;
      case SPRM.pFInnerTableCell:
        out.innerCell = p.g.getUint8(at) !== 0;
        break;
      case SPRM.pFInnerTtp:
        out.innerTtp = p.g.getUint8(at) !== 0;
        break;
      case SPRM.pIlfo:
        out.ilfo = p.g.getInt16(at, true);
        break;
      case SPRM.pIlvl:
        out.ilvl = p.g.getUint8(at);
        break;
    }
  });
  out.depth = itap >= 0 ? Math.min(itap, 64) : inTable ? 1 : 0;
  return out;
}

/** The row described by a row end mark's properties (sprmTDefTable, sprmTVertMerge). */
function rowSpec(p: Props | null): RowSpec | null {
  if (!p) return null;
  let spec: RowSpec | null = null;
  const vertMerges: [number, number][] = [];
  eachSprm(p.g, p.start, p.end, (sprm, at, len) => {
    if (sprm === SPRM.tDefTable) {
      const end = at + len;
      const n = p.g.getUint8(at + 2);
      const edges: number[] = [];
      for (let i = 0; i <= n && at + 3 + i * 2 + 2 <= end; i++) edges.push(p.g.getInt16(at + 3 + i * 2, true));
      if (edges.length !== n + 1) return;
      const vMerge: RowSpec['vMerge'] = [];
      const hMerged: boolean[] = [];
      const tcs = at + 3 + (n + 1) * 2;
      for (let i = 0; i < n; i++) {
        const o = tcs + i * 20;
        const rgf = o + 2 <= end ? p.g.getUint16(o, true) : 0;
        vMerge.push(rgf & 0x20 ? (rgf & 0x40 ? 'restart' : 'continue') : null);
        hMerged.push((rgf & 0x2) !== 0 && (rgf & 0x1) === 0);
      }
      spec = { edges, vMerge, hMerged };
    } else if (sprm === SPRM.tVertMerge && len >= 3) {
      vertMerges.push([p.g.getUint8(at + 1), p.g.getUint8(at + 2)]);
    }
  });
  if (spec) {
    const s: RowSpec = spec;
    for (const [itc, flags] of vertMerges) {
      if (itc < s.vMerge.length) s.vMerge[itc] = flags === 3 ? 'restart' : flags === 1 ? 'continue' : null;
    }
  }
  return spec;
}

/** Cells of a finished table, placed on the grid of all the table's cell edges. */
function buildTable(t: TableBuild): { rows: RawRow[]; width: number } {
  const all: number[] = [];
  for (const r of t.rows) if (r.spec) for (const x of r.spec.edges) all.push(x);
  all.sort((a, b) => a - b);
  const grid: number[] = [];
  for (const x of all) if (!grid.length || x - grid[grid.length - 1] > 5) grid.push(x);
  /** The grid line nearest to x (the first of two as near), by binary search. */
  const col = (x: number): number => {
    let lo = 0;
    let hi = grid.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (grid[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && Math.abs(grid[lo - 1] - x) <= Math.abs(grid[lo] - x) ? lo - 1 : lo;
  };
  const text = (c: Cell) =>
    c.items
      .filter((i): i is Extract<Item, { kind: 'p' }> => i.kind === 'p')
      .map((i) => i.text)
      .join('\n');
  let width = 0;
  const rows: RawRow[] = t.rows.map((r) => {
    const cells: RawCell[] = [];
    const spec = r.spec && r.spec.edges.length === r.cells.length + 1 ? r.spec : null;
    let gridBefore = 0;
    let c = 0;
    r.cells.forEach((cell, i) => {
      const span = spec ? Math.max(1, col(spec.edges[i + 1]) - col(spec.edges[i])) : 1;
      if (spec && i === 0) c = gridBefore = col(spec.edges[0]);
      const raw: RawCell = { text: text(cell), span, vMerge: spec?.vMerge[i] ?? null, line: cell.line };
      const prev = cells[cells.length - 1];
      if (spec?.hMerged[i] && prev) {
        prev.span += span;
        if (raw.text.trim()) prev.text = prev.text ? `${prev.text}\n${raw.text}` : raw.text;
      } else cells.push(raw);
      c += span;
    });
    width = Math.max(width, c);
    return { cells, gridBefore };
  });
  return { rows, width };
}

export function readDocBody(doc: DocText, papx: PropRuns, removed: Uint8Array | null, lists: DocLists | null): Block[] {
  const text = doc.text;
  const body: Item[] = [];
  const tables: TableBuild[] = [];
  const fields: { instr: string; result: boolean; skip: boolean }[] = [];
  /** Open fields whose characters are not shown (instruction part, or a repeating field's result). */
  let hiding = 0;
  const hides = (f: { result: boolean; skip: boolean }) => f.skip || !f.result;
  let line = 0;
  let parts: string[] = [];
  let run = '';

  const target = (): Item[] => {
    const t = tables[tables.length - 1];
    if (!t) return body;
    t.current ??= { items: [], line: line };
    return t.current.items;
  };
  const closeTable = () => {
    const t = tables.pop()!;
    if (t.current && t.current.items.length) t.cells.push(t.current); // content after the last row mark
    const { rows, width } = buildTable(t);
    const into = target();
    const cells = t.rows.flatMap((r) => r.cells);
    if (width <= 1) {
      for (const c of cells) appendAll(into, c.items);
      return;
    }
    into.push({ kind: 't', rows: resolveGrid(rows) });
    for (const c of cells) appendAll(into, c.items, (i) => i.kind === 't');
  };

  for (let cp = 0; cp < text.length; cp++) {
    const ch = text.charCodeAt(cp);
    if (ch !== 0x0d && ch !== 0x07) {
      if (removed && removed[cp]) continue;
      if (ch === 0x13) {
        fields.push({ instr: '', result: false, skip: false });
        hiding++;
        continue;
      }
      if (ch === 0x14) {
        const f = fields[fields.length - 1];
        if (f && !f.result) {
          f.result = true;
          f.skip = REPEATING_FIELD.test(f.instr);
          if (!f.skip) hiding--;
        }
        continue;
      }
      if (ch === 0x15) {
        const f = fields.pop();
        if (f && hides(f)) hiding--;
        continue;
      }
      const f = fields[fields.length - 1];
      if (f && !f.result) {
        if (f.instr.length < 40) f.instr += text[cp];
        continue;
      }
      if (hiding > 0) continue;
      if (ch >= 0x20) run += text[cp];
      else if (ch === 0x09) run += '\t';
      else if (ch === 0x0b || ch === 0x0c) run += '\n';
      else if (ch === 0x1e) run += '-';
      continue;
    }
    // End of a paragraph.
    line++;
    parts.push(run);
    run = '';
    const paragraph = parts.join('');
    parts = [];
    const fc = doc.fcAt(cp);
    const props = papx.at(fc);
    const pp = paraProps(props);
    while (tables.length > pp.depth) closeTable();
    while (tables.length < pp.depth) tables.push({ rows: [], cells: [], current: null });
    const t = tables[tables.length - 1];
    const rowEnd = t && (pp.depth === 1 ? pp.ttp : pp.innerTtp);
    if (t && rowEnd) {
      if (t.current && t.current.items.length) t.cells.push(t.current);
      t.current = null;
      t.rows.push({ cells: t.cells, spec: rowSpec(props) });
      t.cells = [];
    } else {
      const items = target();
      const label = lists ? lists.label(pp.ilfo, pp.ilvl, pp.istd) : '';
      if (paragraph.trim()) {
        const lines = (label + paragraph).split('\n');
        for (const l of lines) if (l.trim()) items.push({ kind: 'p', text: l, line });
      }
      const cellEnd = t && (pp.depth === 1 ? ch === 0x07 : pp.innerCell);
      if (t && cellEnd) {
        t.cells.push(t.current ?? { items: [], line });
        t.current = null;
      }
    }
  }
  while (tables.length) closeTable();

  const blocks: Block[] = [];
  let tableNo = 0;
  for (const item of body) {
    if (item.kind === 'p') blocks.push({ type: 'paragraph', text: item.text, line: item.line });
    else blocks.push({ type: 'table', table: ++tableNo, rows: item.rows });
  }
  return blocks;
}
