// The interchange report (`gongkai.report/1`): Gongkai's public data format for one annual report.
// See report.schema.json for the JSON Schema and ../shared/spec/interchange.md for the contract.

export const REPORT_SCHEMA = 'gongkai.report/1';

export type SourceKind = 'text' | 'html' | 'docx' | 'doc' | 'wps' | 'odt' | 'pdf' | 'ofd' | 'json';
export type Severity = 'error' | 'warning' | 'info';
/** The stage that gives a diagnostic: parse (while reading the source) or check (from the report's data). */
export type Stage = 'parse' | 'check';
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

export interface Diagnostic {
  /** The rule's id (`gongkai rules` lists them). */
  rule: string;
  /**
   * Which of the rule's messages this is (`gongkai rules RULE` lists them). Every diagnostic
   * Gongkai makes has it; reports written before it existed may lack it.
   */
  messageId?: string;
  /** The stage that gave it; reports written before it existed may lack it. */
  origin?: Stage;
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
