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

/**
 * Cells seen together (a row's, or a whole table's), in every form the stages use them: the model
 * objects, their places in Format.cells, their addresses and types, and the equations among them.
 */
export interface CellSet {
  /** The cells in order. */
  cells: CellDef[];
  /** CellDef.index of each cell. */
  cellIndices: number[];
  /** Address `table.row.column` of each cell. */
  addresses: string[];
  /** Column type of each cell. */
  types: ColumnType[];
  /** Equations whose every cell is one of these (a row's own sums; for a table, all of its equations). */
  ownEquations: Equation[];
}

export interface RowDef extends Labelled, CellSet {
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
  /** The numbering's number when it is Arabic ('2' for '2.'), else ''. */
  arabicNumbering: string;
  /** A new object of the row's column ids, each null (the row of a report's `tables` before it is filled). */
  emptyValues(): Record<string, number | null>;
}

/** A group of 表二 (第二十条第（一）项): its label is searched for like a row's. */
export interface GroupDef extends Labelled {
  columns: ColumnDef[];
  rows: RowDef[];
}

/** What a table prints besides its numbers: its labels, and the characters they are made of. */
export interface TableWords {
  /** Normalised keys of the rows, columns, groups, headers and note. */
  keys: string[];
  /** Characters of all the table's labels (by UTF-16 code unit: 1 = used). */
  chars: Uint8Array;
  /**
   * Characters of the labels that carry no numbers (parent rows, headers, the note): pieces of
   * them that extraction interleaves with a row's label may be skipped when matching it.
   */
  free: Uint8Array;
}

export interface TableDef extends CellSet {
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
  /** The instances of the table's relations (ownEquations: every one of them). */
  equations: Equation[];
  /** The instances of the table's column relations (a column's sum over rows). */
  columnEquations: Equation[];
  words: TableWords;
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
  /** Its instances, one per row or column it applies to. */
  equations: Equation[];
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
  /** Every cell's CellDef.index, left side first, and beside each its sign: +1 left, -1 right. */
  terms: number[];
  signs: number[];
}

/** A cell's value as the relations see it: a number, null (blank, not applicable: counts as 0), undefined (unknown). */
export type CellValue = number | null | undefined;

/** A section label key (normalised, without numbering) and its section. */
export interface SectionKey {
  text: string;
  section: SectionDef;
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
  /** Column type of every cell, by CellDef.index. */
  types: ColumnType[];
  /** The sections' label keys, in order of the sections and their keys. */
  sectionKeys: SectionKey[];
  /** A section by one of its label keys (the first section that has the key). */
  sectionByKey: Map<string, SectionDef>;
  /** The report's `cells` object (address → value) from values by CellDef.index, in the format's order. */
  cellRecord<T>(values: T[]): Record<string, T>;
  table(id: TableId): TableDef;
  cell(address: string): CellDef | undefined;
  section(id: SectionId): SectionDef;
}
