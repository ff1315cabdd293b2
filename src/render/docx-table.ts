// A table of the report as a Word table: the layout grid's cells with their merges (gridSpan,
// vMerge), column widths fitted to the 156 mm text block, header rows repeated on each page, rows
// never split across pages, text in 仿宋 五号 through two paragraph styles.
//
// Labels and merges are the same in every report of a format; only the numbers change. So each
// table is built with docx once per format (and column widths, which follow the numbers' lengths),
// with a marker in each value cell, and its prepared XML is reused for every report with the
// markers replaced by that report's values. This keeps the renderer fast (a 表三 has about 300
// cells) without writing any XML by hand.

import {
  AlignmentType,
  BorderStyle,
  FileChild,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type IContext,
  type IParagraphStyleOptions,
  type IXmlableObject,
} from 'docx';
import type { TableDef } from '../model/types.ts';
import { docxColumnWidths } from './docx-columns.ts';
import { CELL_PAD, FONT, SIZE, TABLE_LINE, TEXT_WIDTH, fonts, mm, pt } from './docx-style.ts';
import { tableLayout, type LayoutCell, type TableLayoutGrid } from './table-layout.ts';

/**
 * Table text is formatted by two paragraph styles rather than run by run: 表格文字, centred, for
 * headers and numbers, and 表格行标签, left-aligned, for row labels, which read like text. Both keep
 * with the next row, so Word keeps a table on one page when it fits.
 */
export const TABLE_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'TableText',
    name: '表格文字',
    basedOn: 'Normal',
    quickFormat: true,
    run: { font: fonts(FONT.body), size: pt(SIZE.table) },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      indent: { firstLine: 0 },
      keepNext: true,
    },
  },
  { id: 'TableLabel', name: '表格行标签', basedOn: 'TableText', quickFormat: true, paragraph: { alignment: AlignmentType.LEFT } },
];

const BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cellStyle(cell: LayoutCell): string {
  // Labels spanning several rows are centred like headers.
  return cell.kind === 'row-header' && cell.rowSpan === 1 ? 'TableLabel' : 'TableText';
}

/** Grid column widths in twips, summing to the text block. */
function widths(layout: TableLayoutGrid): number[] {
  const fontTwips = SIZE.table * 20;
  const chars = docxColumnWidths(layout, (TEXT_WIDTH - layout.columns * 2 * CELL_PAD) / fontTwips);
  const w = chars.map((c) => Math.round(c * fontTwips + 2 * CELL_PAD));
  w[w.length - 1] -= w.reduce((a, b) => a + b, 0) - TEXT_WIDTH;
  return w;
}

function buildTable(layout: TableLayoutGrid, columnWidths: number[], textOf: (cell: LayoutCell) => string): Table {
  const last = layout.rows.length - 1;
  const rows = layout.rows.map(
    (line, r) =>
      new TableRow({
        ...(r < layout.headerRows ? { tableHeader: true } : {}),
        cantSplit: true,
        children: line.map((cell) => {
          const text = textOf(cell);
          return new TableCell({
            ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
            ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
            verticalAlign: VerticalAlignTable.CENTER,
            children: [
              new Paragraph({
                style: cellStyle(cell),
                // The last row does not pull the next heading along.
                ...(r === last ? { keepNext: false } : {}),
                children: text ? [new TextRun(text)] : [],
              }),
            ],
          });
        }),
      }),
  );
  return new Table({
    rows,
    columnWidths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: CELL_PAD, right: CELL_PAD, top: mm(0.3), bottom: mm(0.3) },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

/** Marks a value's place in a table template: SLOT followed by the cell address. */
const SLOT = '\u0001';

interface Template {
  xml: IXmlableObject;
  /** The objects and arrays of `xml` that contain a slot (everything else is shared as it is). */
  slotted: Set<unknown>;
}

/** Templates by table and column widths. */
const templates = new WeakMap<TableDef, Map<string, Template>>();
/** Templates kept per table; reports with unusual widths beyond these are built directly. */
const MAX_TEMPLATES = 32;

function markSlots(node: unknown, slotted: Set<unknown>): boolean {
  if (typeof node === 'string') return node.startsWith(SLOT);
  if (node === null || typeof node !== 'object') return false;
  let has = false;
  for (const child of Array.isArray(node) ? node : Object.values(node)) if (markSlots(child, slotted)) has = true;
  if (has) slotted.add(node);
  return has;
}

function template(table: TableDef, columnWidths: number[]): Template {
  let byWidths = templates.get(table);
  if (!byWidths) templates.set(table, (byWidths = new Map<string, Template>()));
  const key = columnWidths.join(',');
  let t = byWidths.get(key);
  if (!t) {
    const built = buildTable(tableLayout(table), columnWidths, (cell) => (cell.kind === 'value' ? SLOT + cell.address : cell.text));
    // The table's widths are explicit, so it needs nothing from the document around it.
    const xml = built.prepForXml({ stack: [] } as unknown as IContext)!;
    const slotted = new Set<unknown>();
    markSlots(xml, slotted);
    t = { xml, slotted };
    if (byWidths.size < MAX_TEMPLATES) byWidths.set(key, t);
  }
  return t;
}

function fill(node: unknown, t: Template, values: Map<string, string>): unknown {
  if (typeof node === 'string') return node.startsWith(SLOT) ? (values.get(node.slice(1)) ?? '') : node;
  if (!t.slotted.has(node)) return node;
  if (Array.isArray(node)) {
    return node.map((child) => fill(child, t, values));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = fill(v, t, values);
  return out;
}

/** A table whose XML is already prepared. */
class PreparedTable extends FileChild {
  constructor(private readonly xml: IXmlableObject) {
    super('w:tbl');
  }

  override prepForXml(): IXmlableObject {
    return this.xml;
  }
}

/** The Word table for a layout grid, its value cells holding the grid's values. */
export function docxTable(layout: TableLayoutGrid): FileChild {
  const t = template(layout.table, widths(layout));
  const values = new Map<string, string>();
  for (const line of layout.rows) for (const cell of line) if (cell.kind === 'value') values.set(cell.address!, cell.text);
  return new PreparedTable(fill(t.xml, t, values) as IXmlableObject);
}
