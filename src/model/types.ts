// The compiled format model: what the YAML files in ./formats declare, indexed for use.

export type FormatId = string; // "2021" | "2019" | any version added as data
export type TableId = 'active' | 'applications' | 'review_litigation';
export type SectionId = 'overview' | 'active' | 'applications' | 'review_litigation' | 'problems' | 'other_matters';
export type ColumnType = 'integer' | 'decimal' | 'signed_integer';
export type TableLayout = 'groups' | 'rows' | 'single_row';

export interface LabelKey {
  text: string;
  /** The key is the official wording (not a variant, not shortened). */
  official: boolean;
}

/** A label together with the ways a report may print it. */
export interface Labelled {
  /** Official wording, as in the national format. */
  label: string;
  /** Other spellings seen in published reports. */
  variants: string[];
  /** Name used in messages. */
  short: string;
  /** Normalised search keys without numbering, most specific first (see labels.ts). */
  keys: LabelKey[];
  /** Keys that include the label's numbering; tried first for short labels such as 3.其他. */
  numberedKeys: string[];
}

export interface ColumnDef extends Labelled {
  id: string;
  type: ColumnType;
  unit?: string | undefined;
  /** Spanning header over this column (法人或其他组织, 行政诉讼). */
  group?: string | undefined;
}

export interface RowDef extends Labelled {
  id: string;
  table: TableId;
  /** Position of the row in its table, from 0. */
  index: number;
  /** Labels of the parent rows that carry no numbers (三、本年度办理结果, （三）不予公开). */
  parents: string[];
  /** For 表二 the group (第二十条第（一）项); for 表四 the spanning header (行政诉讼). */
  group?: string | undefined;
  columns: ColumnDef[];
  /** Numbering printed before the label ('1.', '(一)', '一、'), normalised, or ''. */
  numbering: string;
}

export interface GroupDef {
  label: string;
  keys: LabelKey[];
  columns: ColumnDef[];
  rows: RowDef[];
}

export interface TableDef {
  id: TableId;
  /** 表二 / 表三 / 表四 */
  name: string;
  section: SectionId;
  layout: TableLayout;
  rows: RowDef[];
  /** Distinct columns of the table in order (for 表二 the union of the groups' columns). */
  columns: ColumnDef[];
  groups: GroupDef[];
  note?: string | undefined;
  columnHeader?: string | undefined;
  rowHeader?: string | undefined;
  /** Labels that belong to the table but hold no numbers (parents, group labels, headers). */
  structuralLabels: string[];
  /** Every cell address `table.row.column` in order. */
  addresses: string[];
}

export interface SectionDef extends Labelled {
  id: SectionId;
  numeral: string;
  /** Position from 1 (一 = 1). */
  number: number;
}

export interface RelationDef {
  id: string;
  table: TableId;
  each: 'row' | 'column';
  left: string[];
  right: string[];
  describe: string;
}

/** One instance of a relation: sum(left cells) = sum(right cells). */
export interface Equation {
  relation: RelationDef;
  /** The row id (each: row) or column id (each: column) this instance is about. */
  key: string;
  left: string[];
  right: string[];
  /** The same cells as model cells (for loops that should not parse addresses). */
  leftCells: CellDef[];
  rightCells: CellDef[];
}

export interface CellDef {
  address: string;
  /** Position in Format.cells. */
  index: number;
  table: TableDef;
  row: RowDef;
  column: ColumnDef;
}

export interface Format {
  id: FormatId;
  name: string;
  basis: string;
  years: { from: number; to?: number };
  sections: SectionDef[];
  tables: TableDef[];
  relations: RelationDef[];
  equations: Equation[];
  /** All cell addresses of all tables, in table order. */
  addresses: string[];
  /** All cells of all tables, in table order (for loops that need ids and types together). */
  cells: CellDef[];
  table(id: TableId): TableDef;
  cell(address: string): CellDef | undefined;
  section(id: SectionId): SectionDef;
}
