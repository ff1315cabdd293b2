// Shapes of the API's answers that the pages use (see /api/openapi.json).

export type Role = 'admin' | 'supervisor' | 'agency';

export interface User {
  id: string;
  login: string;
  display_name: string;
  role: Role;
  region_prefix: string | null;
  agency_id: string | null;
  must_change_password: boolean;
  disabled: boolean;
  /** Case-ledger roles (registrar, handler, reviewer, head); agency staff only. */
  case_roles: string[];
}

export interface CorpusItem {
  id: string;
  agency_id: string | null;
  agency: string | null;
  agency_printed: string | null;
  region_code: string | null;
  level: string | null;
  kind: string | null;
  year: number | null;
  format: string;
  status: 'needs_decision' | 'checked' | 'reviewed';
  published: boolean;
  demo: boolean;
  current_version: number;
  error_count: number;
  warning_count: number;
  open_count: number;
  updated_at: string;
}

export interface Finding {
  position: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  origin: 'parse' | 'check' | 'cross';
  message: string;
  cells: string[] | null;
  line: number | null;
  page: number | null;
  related_report_id: string | null;
  state: 'open' | 'confirmed' | 'dismissed' | 'fixed';
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface Provenance {
  raw: string | null;
  line: number | null;
  status: 'read' | 'reconstructed' | 'blank' | 'not_applicable' | 'missing';
  page?: number;
  table?: number;
  row?: number;
  col?: number;
}

export interface Section {
  id: string | null;
  title: string;
  text: string;
  line?: number;
}

export interface Content {
  source: { name: string; kind: string; sha256: string };
  agency: string | null;
  year: number | null;
  format: string;
  published: string | null;
  sections: Section[];
  tables: Record<string, Record<string, Record<string, number | null>>>;
  cells: Record<string, Provenance>;
}

export interface ReportHead extends Omit<CorpusItem, 'error_count' | 'warning_count' | 'open_count' | 'agency_printed'> {
  parent_id: string | null;
}

export interface ReportVersion {
  version: number;
  kind: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ReportPage {
  report: ReportHead;
  version: number;
  content: Content;
  diagnostics: Finding[];
  versions: ReportVersion[];
  permissions: { write: boolean; review: boolean };
}

export interface FormatTable {
  id: string;
  name: string;
  layout: string;
  columns: { id: string; label: string; short: string; group: string | null; unit: string | null }[];
  rows: { id: string; label: string; short: string; parents: string[]; group: string | null; columns: string[] }[];
}

export interface Format {
  id: string;
  name: string;
  sections: { id: string; numeral: string; label: string }[];
  tables: FormatTable[];
}

export interface Agency {
  id: string;
  name: string;
  region_code: string | null;
  level: string | null;
  kind: string | null;
  parent_id: string | null;
  demo?: boolean;
}

export interface SourceCell {
  text: string;
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
  line?: number;
  page?: number;
}

export type SourceBlock =
  | { type: 'paragraph'; text: string; line?: number; page?: number }
  | { type: 'table'; table: number; page?: number; rows: SourceCell[][] };

export interface AuditEntry {
  id: string;
  at: string;
  user_login: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  old_value: unknown;
  new_value: unknown;
  ip: string | null;
}
