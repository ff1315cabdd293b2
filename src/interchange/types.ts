// The interchange report (`gongkai.report/1`): Gongkai's public data format for one annual report.
// See report.schema.json for the JSON Schema and ../shared/spec/interchange.md for the contract.

export const REPORT_SCHEMA = 'gongkai.report/1';

export type SourceKind = 'text' | 'html' | 'docx' | 'doc' | 'wps' | 'odt' | 'pdf' | 'ofd' | 'json';
export type Severity = 'error' | 'warning' | 'info';
export type CellStatus = 'read' | 'reconstructed' | 'blank' | 'not_applicable' | 'missing';

export interface SourceInfo {
  name: string;
  sha256: string;
  kind: SourceKind;
  /** Text encoding the bytes were decoded from (text and HTML sources). */
  encoding?: string;
}

export interface Section {
  id: string | null;
  title: string;
  text: string;
  line?: number;
}

/** Where a cell's value came from. */
export interface CellProvenance {
  /** The text printed in the source for this cell; null when nothing was printed. */
  raw: string | null;
  line: number | null;
  status: CellStatus;
  page?: number;
  table?: number;
  row?: number;
  col?: number;
}

/**
 * A report's cells as two arrays by the format's cell index (CellDef.index): the view the checker
 * reads. The parser produces it beside the report; for any other report it is read off
 * `tables` and `cells` (check/cells.ts).
 */
export interface FlatCells {
  values: (number | null | undefined)[];
  provenance: (CellProvenance | undefined)[];
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  cells?: string[];
  line?: number | null;
  page?: number;
}

/** Where the report's own facts (agency, year, date) were found. */
export interface FactOrigin {
  via: 'title' | 'metadata' | 'signature' | 'body' | 'statistics_period' | 'input';
  line?: number;
  text?: string;
}

export type TableValues = Record<string, Record<string, number | null>>;

export interface Report {
  schema: typeof REPORT_SCHEMA;
  source: SourceInfo;
  agency: string | null;
  year: number | null;
  format: string;
  published: string | null;
  sections: Section[];
  tables: Record<string, TableValues>;
  cells: Record<string, CellProvenance>;
  diagnostics: Diagnostic[];
  /** Provenance of agency, year and published (Gongkai extension, optional). */
  origin?: { agency?: FactOrigin; year?: FactOrigin; published?: FactOrigin };
}
