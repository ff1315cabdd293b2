// The database's tables as Kysely types (one interface per table of migrations/*.sql).
// Columns with a default are Generated<>; numeric and bigint come back as JS numbers and dates as
// 'YYYY-MM-DD' strings on both backends (open.ts sets the parsers).

import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CaseAction } from '../cases/actions.ts';
import type { HolidaySpan, MakeUpWorkday, Notice } from '../cases/calendar/years.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp column with a default (now()). */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type AgencyLevel = 'province' | 'city' | 'county' | 'township';
export type AgencyKind = 'government' | 'department';
export type Role = 'admin' | 'supervisor' | 'agency';
export type ReportStatus = 'needs_decision' | 'checked' | 'reviewed';
export type ReviewState = 'open' | 'confirmed' | 'dismissed' | 'fixed';
export type DiagnosticOrigin = 'parse' | 'check' | 'cross';
export type ItemState = 'queued' | 'running' | 'imported' | 'duplicate' | 'skipped' | 'failed';
export type AgencyMatch = 'matched' | 'created' | 'undecided';
/** Case-ledger roles, as the CHECK of users.case_roles (migration 0004) lists them. */
export const CASE_ROLE_IDS = ['registrar', 'handler', 'reviewer', 'head'] as const;
export type CaseRole = (typeof CASE_ROLE_IDS)[number];

export interface AgenciesTable {
  id: string;
  name: string;
  region_code: string | null;
  level: AgencyLevel | null;
  kind: AgencyKind | null;
  parent_id: string | null;
  demo: Generated<boolean>;
  created_at: Stamp;
}

export interface AgencyAliasesTable {
  alias: string;
  agency_id: string;
  created_at: Stamp;
}

export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  password_hash: string;
  role: Role;
  region_prefix: string | null;
  agency_id: string | null;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  /** Case-ledger roles (agency staff): registrar, handler, reviewer, head. */
  case_roles: ColumnType<CaseRole[], CaseRole[] | undefined, CaseRole[]>;
  created_at: Stamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_secret: string;
  created_at: Stamp;
  expires_at: Timestamp;
  last_seen_at: Stamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface DocumentsTable {
  sha256: string;
  name: string;
  kind: string | null;
  size: number;
  bytes: Uint8Array;
  created_at: Stamp;
}

export interface ReportsTable {
  id: string;
  agency_id: string | null;
  year: number | null;
  format: string;
  status: ReportStatus;
  published: Generated<boolean>;
  demo: Generated<boolean>;
  current_version: number;
  error_count: Generated<number>;
  warning_count: Generated<number>;
  open_count: Generated<number>;
  /** The rules of the current version's open or confirmed findings, each as `rule|severity` (the most severe). */
  rules: Generated<string[]>;
  /** Hash of the measures' definition the figures were made with (figures.ts). */
  figures_key: string | null;
  /** The current version's dashboard measures, in the measures' order (a float8[] literal when written). */
  figure_values: ColumnType<(number | null)[] | null, string | null | undefined, string | null>;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface VersionMeta {
  source: { name: string; sha256: string; kind: string; encoding?: string };
  origin?: unknown;
}

export interface ReportVersionsTable {
  report_id: string;
  version: number;
  /** assembly: written by the year-end assembly from the ledger and a draft (no source document). */
  kind: 'import' | 'correction' | 'assembly';
  document_sha256: string | null;
  agency_printed: string | null;
  year: number | null;
  format: string;
  published_on: string | null;
  meta: Json<VersionMeta>;
  note: string | null;
  created_by: string | null;
  created_at: Stamp;
}

export interface CellsTable {
  report_id: string;
  version: number;
  table_id: string;
  row_id: string;
  col_id: string;
  value: number | null;
  status: 'read' | 'reconstructed' | 'blank' | 'not_applicable' | 'missing';
  raw: string | null;
  line: number | null;
  page: number | null;
  src_table: number | null;
  src_row: number | null;
  src_col: number | null;
  /** Assembled reports: 'ledger' (compiled from the cases) or 'entered' (typed by staff). */
  provenance?: 'ledger' | 'entered' | null | undefined;
}

/** One version's cells as parallel arrays following a layout (migration 0012; `cells` is their long form). */
export interface CellSetsTable {
  report_id: string;
  version: number;
  layout: string;
  vals: (number | string | null)[];
  statuses: CellsTable['status'][];
  raws: (string | null)[];
  lines: (number | null)[];
  pages: (number | null)[];
  src_tables: (number | null)[];
  src_rows: (number | null)[];
  src_cols: (number | null)[];
  /** Where assembled cells came from (migration 0020); null for a version read from a document. */
  provenances: ('ledger' | 'entered' | null)[] | null;
}

/** The cell addresses a cell set's arrays follow, in order; id = md5 of 'table.row.col' joined by ','. */
export interface CellLayoutsTable {
  id: string;
  table_ids: string[];
  row_ids: string[];
  col_ids: string[];
}

export interface SectionsTable {
  report_id: string;
  version: number;
  position: number;
  section_id: string | null;
  title: string;
  body: string;
  line: number | null;
  words: ColumnType<string, string, string>;
}

export interface DiagnosticsTable {
  report_id: string;
  version: number;
  position: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  origin: DiagnosticOrigin;
  message: string;
  cells: string[] | null;
  line: number | null;
  page: number | null;
  related_report_id: string | null;
  finding_key: string;
  state: Generated<ReviewState>;
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface AuditLogTable {
  id: string;
  at: Stamp;
  user_id: string | null;
  user_login: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  old_value: Json<unknown> | null;
  new_value: Json<unknown> | null;
  ip: string | null;
}

export interface ImportBatchesTable {
  id: string;
  source: 'cli' | 'api' | 'demo';
  created_by: string | null;
  publish: Generated<boolean>;
  demo: Generated<boolean>;
  total: Generated<number>;
  created_at: Stamp;
}

export interface ImportItemsTable {
  id: string;
  batch_id: string;
  position: number;
  name: string;
  path: string | null;
  upload: Uint8Array | null;
  state: Generated<ItemState>;
  sha256: string | null;
  report_id: string | null;
  version: number | null;
  message: string | null;
  agency_match: AgencyMatch | null;
  suggestions: Json<AgencySuggestion[]> | null;
  attempts: Generated<number>;
  worker: string | null;
  lease_until: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface NarrativeBandsTable {
  report_id: string;
  version: number;
  year: number;
  band: number;
  bucket: string;
}

export interface AgencySuggestion {
  id: string;
  name: string;
  why: string;
}

export interface CalendarYearsTable {
  year: number;
  notices: Json<Notice[]>;
  holidays: Json<HolidaySpan[]>;
  workdays: Json<MakeUpWorkday[]>;
  source: 'shipped' | 'admin';
  updated_by: string | null;
  updated_at: Stamp;
}

export interface AgencyCaseSettingsTable {
  agency_id: string;
  review_body: string | null;
  court: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  pause_while_awaiting_fee: boolean | null;
  due_soon_working_days: number | null;
  updated_by: string | null;
  updated_at: Stamp;
}

export interface ApplicantContact {
  contactPerson?: string;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
}

export interface ApplicantsTable {
  id: string;
  agency_id: string;
  type: string;
  name: string;
  id_kind: 'resident_id' | 'credit_code' | 'other' | null;
  id_number: string | null;
  contact: Json<ApplicantContact>;
  created_at: Stamp;
}

export interface CasesTable {
  id: string;
  agency_id: string;
  applicant_id: string;
  receipt_number: string;
  query_code_hash: string;
  source: 'online' | 'staff' | 'split';
  split_from: string | null;
  handler_id: string | null;
  received_on: string;
  demo: Generated<boolean>;
  created_by: string | null;
  created_at: Stamp;
}

export interface CaseActionsTable {
  case_id: string;
  seq: number;
  action: Json<CaseAction>;
  warnings: ColumnType<string[], string | undefined, string>;
  recorded_by: string | null;
  recorded_at: Stamp;
}

export interface CaseReviewsTable {
  id: string;
  case_id: string;
  agency_id: string;
  kind: 'review' | 'litigation_direct' | 'litigation_after_review';
  body: string;
  case_number: string | null;
  filed_on: string;
  created_by: string | null;
  created_at: Stamp;
}

export interface CaseLettersTable {
  id: string;
  case_id: string;
  kind: string;
  variant: string | null;
  number: string | null;
  slots: Json<Record<string, unknown>>;
  issued_on: string;
  created_by: string | null;
  created_at: Stamp;
}

export interface CaseFilesTable {
  id: string;
  case_id: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Stamp;
}

export type DraftSections = Record<string, string>;
export type DraftActive = Record<string, Record<string, number | null>>;

export interface AnnualDraftsTable {
  id: string;
  agency_id: string;
  year: number;
  format: string;
  revision: number;
  active: Json<DraftActive>;
  sections: Json<DraftSections>;
  updated_by: string | null;
  updated_at: Stamp;
  published_report_id: string | null;
  published_version: number | null;
  published_revision: number | null;
  published_by: string | null;
  published_at: Timestamp | null;
  created_at: Stamp;
}

export interface AnnualDraftRevisionsTable {
  draft_id: string;
  revision: number;
  active: Json<DraftActive>;
  sections: Json<DraftSections>;
  saved_by: string | null;
  saved_at: Stamp;
}

export interface MigrationsTable {
  id: number;
  name: string;
  applied_at: Stamp;
}

export interface Database {
  agencies: AgenciesTable;
  agency_aliases: AgencyAliasesTable;
  users: UsersTable;
  sessions: SessionsTable;
  documents: DocumentsTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  /** A view (long form of cell_sets): read-only. */
  cells: CellsTable;
  cell_sets: CellSetsTable;
  cell_layouts: CellLayoutsTable;
  sections: SectionsTable;
  diagnostics: DiagnosticsTable;
  audit_log: AuditLogTable;
  import_batches: ImportBatchesTable;
  import_items: ImportItemsTable;
  narrative_bands: NarrativeBandsTable;
  schema_migrations: MigrationsTable;
  calendar_years: CalendarYearsTable;
  agency_case_settings: AgencyCaseSettingsTable;
  applicants: ApplicantsTable;
  cases: CasesTable;
  case_actions: CaseActionsTable;
  case_reviews: CaseReviewsTable;
  case_letters: CaseLettersTable;
  case_files: CaseFilesTable;
  annual_drafts: AnnualDraftsTable;
  annual_draft_revisions: AnnualDraftRevisionsTable;
}

export type Agency = Selectable<AgenciesTable>;
export type User = Selectable<UsersTable>;
export type ReportRow = Selectable<ReportsTable>;
export type DiagnosticRow = Selectable<DiagnosticsTable>;
export type NewCell = Insertable<CellsTable>;
