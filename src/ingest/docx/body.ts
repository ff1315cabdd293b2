// The body of a Word document (word/document.xml) → paragraphs and tables in document order.
//
// Paragraph text is the text of all its visible runs (hidden text, deleted revisions, field
// instructions, tables of contents and content-control placeholders left out), with the number
// text of list numbering in front. Tables become grids with merges resolved (grid.ts); a cell's
// paragraphs are joined with "\n". Text boxes follow the paragraph they are anchored in. A
// one-column table is a layout frame: its content is read as if it stood in the body. A table
// inside a table cell follows the outer table.

import type { Block, TableCell } from '../types.ts';
import { resolveGrid, type RawCell, type RawRow } from './grid.ts';
import type { Numbering } from './numbering.ts';
import { REVISION_RECORDS, type NumPr } from './styles.ts';
import { onOff, parseXml, type Attrs, type XmlPart } from './xml.ts';
import { appendAll } from '../../util/arrays.ts';

type Item = { kind: 'p'; text: string; line: number } | { kind: 't'; rows: TableCell[][] };

interface Container {
  items: Item[];
}

interface Para {
  parts: string[];
  line: number;
  style?: string;
  numPr?: NumPr;
  /** Content of text boxes anchored in this paragraph. */
  after: Item[];
}

interface Cell extends RawCell, Container {
  hMerge: 'restart' | 'continue' | null;
}

interface Table {
  rows: RawRow[];
  row: RawRow | null;
  cell: Cell | null;
}

interface Field {
  instr: string;
  result: boolean;
  skip: boolean;
}

/** Subtrees that hold nothing the document shows as body text. */
const SKIPPED = new Set([
  ...REVISION_RECORDS,
  'w:del', 'w:moveFrom', 'w:delText', 'w:delInstrText', 'mc:Fallback', 'w:sectPr', 'w:rt', 'w:fldData',
]);

/** Elements whose attributes the reader uses. */
const WITH_ATTRS = new Set([
  'w:fldChar', 'w:fldSimple', 'w:vanish', 'w:pStyle', 'w:numId', 'w:ilvl', 'w:showingPlcHdr',
  'w:gridBefore', 'w:gridSpan', 'w:vMerge', 'w:hMerge',
]);

/** Elements the reader reads nothing in (borders, margins, table-wide properties): jumped over. */
const OPAQUE = new Set([
  'w:tblPr', 'w:tblGrid', 'w:tblPrEx', 'w:tcBorders', 'w:tblBorders', 'w:pBdr', 'w:tcMar', 'w:tblCellMar', 'w:tabs',
]);

/** Fields whose shown result repeats other text of the document. */
const REPEATING_FIELD = /^\s*(TOC|INDEX|TOA)\b/i;

/** Characters of a field instruction kept: enough to recognise the field type. */
const MAX_INSTRUCTION = 200;

/**
 * Deepest nesting of tables and text boxes read. Word documents nest two or three deep; content
 * nested deeper is lifted out level by level, so ten thousand levels would cost a hundred million
 * moves: refused instead.
 */
export const MAX_NESTING = 32;

/** Content nested too deep (MAX_NESTING). */
export class NestingTooDeep extends Error {}

export function readBody(xml: XmlPart, numbering: Numbering): Block[] {
  const body: Container = { items: [] };
  const containers: Container[] = [body];
  const paras: Para[] = [];
  const tables: Table[] = [];
  const runHidden: boolean[] = [];
  const fields: Field[] = [];
  const sdts: boolean[] = []; // per open w:sdt: showing placeholder text
  const stack: string[] = [];
  let skip = 0;
  /** Open fields showing a result that repeats other text (tables of contents): their text is left out. */
  let repeating = 0;
  /** Text boxes open (each inside the one before). */
  let boxes = 0;
  let inText = false;
  let inInstr = false;
  let line = 0;

  const top = <T>(a: T[]): T | undefined => a[a.length - 1];
  const parent = (depth = 1): string | undefined => stack[stack.length - 1 - depth];
  const suppressed = () => runHidden[runHidden.length - 1] === true || repeating > 0;
  const nest = () => {
    if (tables.length + boxes >= MAX_NESTING) throw new NestingTooDeep();
  };
  const emit = (s: string) => {
    const p = top(paras);
    if (p && !suppressed()) p.parts.push(s);
  };

  function open(name: string, a: Attrs): void {
    if (skip) return void (skip += 1);
    if (SKIPPED.has(name) || (name === 'w:sdtContent' && sdts[sdts.length - 1])) return void (skip = 1);
    stack.push(name);
    switch (name) {
      case 'w:p':
        paras.push({ parts: [], line: ++line, after: [] });
        break;
      case 'w:r':
        runHidden.push(runHidden[runHidden.length - 1] === true);
        break;
      case 'w:t':
        inText = parent() === 'w:r';
        break;
      case 'w:tab':
      case 'w:ptab':
        if (parent() === 'w:r') emit('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (parent() === 'w:r') emit('\n');
        break;
      case 'w:noBreakHyphen':
        emit('-');
        break;
      case 'w:vanish':
        if (parent() === 'w:rPr' && parent(2) === 'w:r' && onOff(a)) runHidden[runHidden.length - 1] = true;
        break;
      case 'w:pStyle': {
        const p = top(paras);
        if (p && parent() === 'w:pPr') p.style = a['w:val'];
        break;
      }
      case 'w:numId':
      case 'w:ilvl': {
        const p = top(paras);
        if (p && parent() === 'w:numPr' && parent(2) === 'w:pPr') {
          p.numPr ??= {};
          if (name === 'w:numId') p.numPr.numId = a['w:val'];
          else p.numPr.ilvl = Number(a['w:val']) || 0;
        }
        break;
      }
      case 'w:fldChar': {
        const type = a['w:fldCharType'];
        if (type === 'begin') fields.push({ instr: '', result: false, skip: false });
        else if (type === 'separate') {
          const f = top(fields);
          if (f && !f.result) {
            f.result = true;
            f.skip = REPEATING_FIELD.test(f.instr);
            if (f.skip) repeating++;
          }
        } else if (type === 'end') endField();
        break;
      }
      case 'w:instrText':
        inInstr = true;
        break;
      case 'w:fldSimple': {
        const f = { instr: '', result: true, skip: REPEATING_FIELD.test(a['w:instr'] ?? '') };
        fields.push(f);
        if (f.skip) repeating++;
        break;
      }
      case 'w:sdt':
        sdts.push(false);
        break;
      case 'w:showingPlcHdr':
        if (sdts.length && onOff(a)) sdts[sdts.length - 1] = true;
        break;
      case 'w:txbxContent':
        nest();
        boxes++;
        containers.push({ items: [] });
        break;
      case 'w:tbl':
        nest();
        tables.push({ rows: [], row: null, cell: null });
        break;
      case 'w:tr': {
        const t = top(tables);
        if (t) t.row = { cells: [] };
        break;
      }
      case 'w:gridBefore': {
        const t = top(tables);
        if (t?.row && parent() === 'w:trPr') t.row.gridBefore = Number(a['w:val']) || 0;
        break;
      }
      case 'w:tc': {
        const t = top(tables);
        if (t) {
          t.cell = { text: '', span: 1, vMerge: null, hMerge: null, line: line + 1, items: [] };
          containers.push(t.cell);
        }
        break;
      }
      case 'w:gridSpan':
      case 'w:vMerge':
      case 'w:hMerge': {
        const cell = top(tables)?.cell;
        if (!cell || parent() !== 'w:tcPr') break;
        if (name === 'w:gridSpan') cell.span = Number(a['w:val']) || 1;
        else {
          const merge = a['w:val'] === 'restart' ? 'restart' : 'continue';
          if (name === 'w:vMerge') cell.vMerge = merge;
          else cell.hMerge = merge;
        }
        break;
      }
    }
  }

  function close(name: string): void {
    if (skip) return void (skip -= 1);
    stack.pop();
    switch (name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:instrText':
        inInstr = false;
        break;
      case 'w:r':
        runHidden.pop();
        break;
      case 'w:fldSimple':
        endField();
        break;
      case 'w:sdt':
        sdts.pop();
        break;
      case 'w:p': {
        const p = paras.pop();
        if (p) endParagraph(p);
        break;
      }
      case 'w:txbxContent': {
        const box = containers.pop()!;
        boxes--;
        const p = top(paras);
        appendAll(p ? p.after : top(containers)!.items, box.items);
        break;
      }
      case 'w:tc': {
        const t = top(tables);
        if (t?.cell && t.row) {
          const cell = t.cell;
          containers.pop();
          cell.text = cell.items
            .filter((i): i is Extract<Item, { kind: 'p' }> => i.kind === 'p')
            .map((i) => i.text)
            .join('\n');
          const prev = t.row.cells[t.row.cells.length - 1] as Cell | undefined;
          if (cell.hMerge === 'continue' && prev) {
            prev.span += cell.span;
            if (cell.text.trim()) prev.text = prev.text ? `${prev.text}\n${cell.text}` : cell.text;
            appendAll(prev.items, cell.items);
          } else t.row.cells.push(cell);
          t.cell = null;
        }
        break;
      }
      case 'w:tr': {
        const t = top(tables);
        if (t?.row) t.rows.push(t.row);
        if (t) t.row = null;
        break;
      }
      case 'w:tbl': {
        const t = tables.pop();
        if (t) endTable(t);
        break;
      }
    }
  }

  function endField(): void {
    const f = fields.pop();
    if (f?.skip && f.result) repeating--;
  }

  function endParagraph(p: Para): void {
    const label = numbering.label(p.numPr, p.style);
    const text = p.parts.join('');
    const target = top(containers)!.items;
    if (text.trim()) {
      // A line break inside a paragraph starts a new printed line, as in text copied from it.
      const lines = (label + text).split('\n');
      for (const l of lines) if (l.trim()) target.push({ kind: 'p', text: l, line: p.line });
    }
    appendAll(target, p.after);
  }

  function endTable(t: Table): void {
    const target = top(containers)!.items;
    let width = 0;
    for (const r of t.rows) {
      let w = r.gridBefore ?? 0;
      for (const c of r.cells) w += Math.max(1, c.span);
      width = Math.max(width, w);
    }
    const cells = t.rows.flatMap((r) => r.cells as Cell[]);
    if (width <= 1) {
      // A one-column table frames content: read it as body content.
      for (const c of cells) appendAll(target, c.items);
      return;
    }
    target.push({ kind: 't', rows: resolveGrid(t.rows) });
    for (const c of cells) appendAll(target, c.items, (i) => i.kind === 't');
  }

  parseXml(xml, {
    attrsOf: WITH_ATTRS,
    opaque: OPAQUE,
    open,
    close,
    wantsText: () => skip === 0 && (inText || inInstr),
    text(s) {
      if (skip) return;
      if (inText) emit(s);
      else if (inInstr) {
        const f = top(fields);
        if (f && !f.result && f.instr.length < MAX_INSTRUCTION) f.instr += s.slice(0, MAX_INSTRUCTION);
      }
    },
  });

  const blocks: Block[] = [];
  let tableNo = 0;
  for (const item of body.items) {
    if (item.kind === 'p') blocks.push({ type: 'paragraph', text: item.text, line: item.line });
    else blocks.push({ type: 'table', table: ++tableNo, rows: item.rows });
  }
  return blocks;
}
