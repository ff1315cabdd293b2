// DOM → items in reading order: a paragraph per line of block-level text (p, div, h1–h6, li,
// lines separated by <br>), and a table per data table with its cells' text (<br> and <p> inside
// a cell kept as line breaks). Page-layout tables (tables holding tables, one-column or one-row
// tables, cells holding whole articles) are flattened into their content, so the report's data
// tables are the innermost tables with data.

import { isTag, isText, type AnyNode, type Element } from './dom.ts';
import { LIMITS } from '../limits.ts';
import type { TableCell } from '../types.ts';
import { parseSpan, resolveGrid, type SourceCell } from './grid.ts';
import { BLOCKS, SKIPPED, elementChildren, hasDescendant, isHidden } from './nodes.ts';
import { maxOf } from '../../util/arrays.ts';

export interface ParagraphItem {
  kind: 'paragraph';
  text: string;
  line: number;
  /** The block element the text belongs to (null for text outside any block). */
  node: Element | null;
  /** All of the text is link text (navigation, related articles). */
  linkOnly: boolean;
}

export interface TableItem {
  kind: 'table';
  rows: TableCell[][];
  line: number;
  node: Element;
  /** Text of the table's <caption>: the table's title, kept apart from the narrative. */
  caption?: string;
}

export type Item = ParagraphItem | TableItem;

/** A cell holding more text than this is page layout, not a table cell of the report. */
const MAX_DATA_CELL_CHARS = 300;

const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);
const CELLS = new Set(['td', 'th']);

interface RawRow {
  cells: Element[];
}

interface RawTable {
  rows: RawRow[];
  captions: Element[];
}

export class Walker {
  readonly items: Item[] = [];
  private parts: string[] = [];
  private partLine = 0;
  private partNode: Element | null = null;
  private partHasPlainText = false;
  private blocks: Element[] = [];
  private links = 0;
  private pre = 0;

  constructor(
    private readonly lineOf: (offset: number | null | undefined) => number,
    /** Tables that are page metadata (索引号, 发布机构…), left out of the report. */
    private readonly skipTables: ReadonlySet<Element> = new Set(),
  ) {}

  walk(nodes: readonly AnyNode[]): this {
    for (const n of nodes) this.visit(n);
    this.flush();
    return this;
  }

  private addText(data: string, offset: number | null | undefined): void {
    if (this.pre > 0 && data.includes('\n')) {
      const lines = data.split(/\r?\n/);
      lines.forEach((l, i) => {
        if (i > 0) this.flush();
        this.addText(l, offset);
      });
      return;
    }
    if (this.parts.length === 0 || !this.partLine) {
      if (/\S/.test(data)) {
        this.partLine = this.lineOf(offset);
        this.partNode = this.blocks[this.blocks.length - 1] ?? null;
      }
    }
    if (this.links === 0 && /\S/.test(data)) this.partHasPlainText = true;
    this.parts.push(data);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const raw = this.parts.join('');
    this.parts = [];
    const text = (this.pre > 0 ? raw : raw.replace(/[ \t\n\r\f]+/g, ' ')).trim();
    if (text) {
      this.items.push({
        kind: 'paragraph',
        text: text.length > LIMITS.maxLineChars ? text.slice(0, LIMITS.maxLineChars) : text,
        line: this.partLine,
        node: this.partNode,
        linkOnly: !this.partHasPlainText,
      });
    }
    this.partLine = 0;
    this.partNode = null;
    this.partHasPlainText = false;
  }

  private visit(n: AnyNode): void {
    if (isText(n)) {
      if (n.data) this.addText(n.data, n.startIndex);
      return;
    }
    if (!isTag(n)) return; // comments, <!DOCTYPE>, <![if …]>, CDATA
    const tag = n.name;
    if (SKIPPED.has(tag) || isHidden(n)) return;
    if (tag === 'br') {
      this.flush();
      return;
    }
    if (tag === 'table') {
      this.flush();
      if (!this.skipTables.has(n)) this.table(n);
      return;
    }
    if (tag === 'a') this.links++;
    if (tag === 'pre' || tag === 'xmp' || tag === 'listing' || tag === 'plaintext') this.pre++;
    const block = BLOCKS.has(tag);
    if (block) {
      this.flush();
      this.blocks.push(n);
    }
    for (const c of n.children) this.visit(c);
    if (block) {
      this.flush();
      this.blocks.pop();
    }
    if (tag === 'pre' || tag === 'xmp' || tag === 'listing' || tag === 'plaintext') this.pre--;
    if (tag === 'a') this.links--;
  }

  /** Rows of a table, not looking into nested tables; other content is read where it stands. */
  private tableRows(table: Element): RawTable {
    const rows: RawRow[] = [];
    const captions: Element[] = [];
    const take = (parent: Element) => {
      let stray: Element[] = [];
      for (const c of parent.children) {
        if (!isTag(c)) {
          if (isText(c) && /\S/.test(c.data)) this.visitLoose(c);
          continue;
        }
        if (SKIPPED.has(c.name) || isHidden(c)) continue;
        if (c.name === 'tr') {
          if (stray.length) rows.push({ cells: stray });
          stray = [];
          rows.push({ cells: elementChildren(c, CELLS).filter((x) => !isHidden(x)) });
        } else if (ROW_GROUPS.has(c.name)) {
          take(c);
        } else if (CELLS.has(c.name)) {
          stray.push(c); // a cell outside any <tr>: browsers open a row for it
        } else if (c.name === 'colgroup' || c.name === 'col') {
          continue;
        } else if (c.name === 'caption') {
          captions.push(c); // the table's title: decided below whether it is a data table
        } else {
          this.visitLoose(c); // caption, or markup misplaced inside the table
        }
      }
      if (stray.length) rows.push({ cells: stray });
    };
    take(table);
    return { rows, captions };
  }

  private visitLoose(n: AnyNode): void {
    this.visit(n);
    this.flush();
  }

  private cellText(cell: Element): string {
    const w = new Walker(this.lineOf, this.skipTables);
    w.walk(cell.children);
    return w.items.map((i) => (i.kind === 'paragraph' ? i.text : '')).filter(Boolean).join('\n');
  }

  private flatten(rows: RawRow[]): void {
    for (const r of rows) {
      for (const c of r.cells) {
        this.blocks.push(c);
        for (const x of c.children) this.visit(x);
        this.flush();
        this.blocks.pop();
      }
    }
  }

  private table(table: Element): void {
    const { rows: raw, captions } = this.tableRows(table);
    // A layout table's caption is page content; a data table's caption is the table's title.
    const layout = () => {
      for (const c of captions) this.visitLoose(c);
    };
    if (raw.length === 0) return layout();
    // Structure first (cheap): tables holding tables and one-column tables are page layout.
    if (maxOf(raw.map((r) => r.cells.length)) < 2 || raw.some((r) => r.cells.some((c) => hasDescendant(c, 'table')))) {
      layout();
      this.flatten(raw);
      return;
    }
    // Word's zero-height spacer rows and other blank rows at either end carry nothing.
    const texts = raw.map((r) => r.cells.map((c) => this.cellText(c)));
    let first = 0;
    let last = raw.length - 1;
    const blankRow = (i: number) => texts[i].every((t) => t === '') && raw[i].cells.every((c) => parseSpan(c.attribs.rowspan, 'row') === 1);
    while (first <= last && blankRow(first)) first++;
    while (last >= first && blankRow(last)) last--;
    const rows = raw.slice(first, last + 1);
    const rowTexts = texts.slice(first, last + 1);
    if (rows.length === 0) return layout();
    if (rows.length < 2 || rowTexts.some((r) => r.some((t) => t.length > MAX_DATA_CELL_CHARS))) {
      layout();
      this.flatten(rows);
      return;
    }
    const source: SourceCell[][] = rows.map((r, i) =>
      r.cells.map((c, j) => ({
        text: rowTexts[i][j],
        line: this.lineOf(c.startIndex),
        rowSpan: parseSpan(c.attribs.rowspan, 'row'),
        colSpan: parseSpan(c.attribs.colspan, 'col'),
      })),
    );
    const grid = resolveGrid(source);
    const caption = captions.map((c) => this.cellText(c)).filter(Boolean).join(' ');
    if (grid.length) this.items.push({ kind: 'table', rows: grid, line: this.lineOf(table.startIndex), node: table, ...(caption ? { caption } : {}) });
    else layout();
  }
}
