-- The corpus: agencies, source documents, reports with their versions, cells in long form,
-- narrative sections, diagnostics with review state, accounts, sessions, the audit log and the
-- import queue. Portable subset of PostgreSQL 15: no sequences (ids are made in TypeScript,
-- time-ordered UUIDs), explicit ON CONFLICT targets in the queries, nothing server-specific.
-- Report-owned tables carry report_id first in every key: it is the distribution key on Citus
-- (docs/store.md).

CREATE TABLE agencies (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  -- GB/T 2260 six-digit code of the region the agency belongs to; null until someone says.
  region_code text CHECK (region_code ~ '^[0-9]{6}$'),
  level       text CHECK (level IN ('province', 'city', 'county', 'township')),
  kind        text CHECK (kind IN ('government', 'department')),
  parent_id   uuid REFERENCES agencies (id),
  demo        boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agencies_name_key ON agencies (name);
CREATE INDEX agencies_region ON agencies (region_code text_pattern_ops);
CREATE INDEX agencies_parent ON agencies (parent_id);

-- Other names an agency is printed under (old names, abbreviations); matched on import.
CREATE TABLE agency_aliases (
  alias      text PRIMARY KEY,
  agency_id  uuid NOT NULL REFERENCES agencies (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agency_aliases_agency ON agency_aliases (agency_id);

CREATE TABLE users (
  id                   uuid PRIMARY KEY,
  login                text NOT NULL,
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('admin', 'supervisor', 'agency')),
  -- supervisor: the region prefix they oversee (e.g. '3401' = 合肥市 and everything under it)
  region_prefix        text CHECK (region_prefix ~ '^[0-9]{0,6}$'),
  -- agency staff: their own agency
  agency_id            uuid REFERENCES agencies (id),
  must_change_password boolean NOT NULL DEFAULT false,
  disabled             boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'supervisor' OR region_prefix IS NOT NULL),
  CHECK (role <> 'agency' OR agency_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_login_key ON users (login);

-- Server-side sessions: the cookie holds a random token, the table its SHA-256 (a stolen table
-- does not give working cookies). Revoking is setting revoked_at.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id),
  csrf_secret  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Source documents, byte for byte, keyed by the SHA-256 of the bytes (the import's idempotence).
CREATE TABLE documents (
  sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  name       text NOT NULL,
  kind       text,
  size       integer NOT NULL,
  bytes      bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reports (
  id              uuid PRIMARY KEY,
  -- null while a person has to decide which agency the report belongs to
  agency_id       uuid REFERENCES agencies (id),
  year            integer CHECK (year BETWEEN 1990 AND 2100),
  format          text NOT NULL,
  -- needs_decision: agency or year undecided; checked: imported and checked; reviewed: every
  -- finding decided by a person
  status          text NOT NULL CHECK (status IN ('needs_decision', 'checked', 'reviewed')),
  -- visible to the public (anonymous users)
  published       boolean NOT NULL DEFAULT false,
  demo            boolean NOT NULL DEFAULT false,
  current_version integer NOT NULL,
  -- of the current version (kept with it, for the corpus list's filters)
  error_count     integer NOT NULL DEFAULT 0,
  warning_count   integer NOT NULL DEFAULT 0,
  open_count      integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reports_agency_year_key ON reports (agency_id, year) WHERE agency_id IS NOT NULL AND year IS NOT NULL;
CREATE INDEX reports_year ON reports (year, id);
CREATE INDEX reports_status ON reports (status);

-- A version is one reading of the report: an import, a re-import of a corrected document, or a
-- reviewer's correction. Nothing is overwritten; the report points at its current version.
CREATE TABLE report_versions (
  report_id       uuid NOT NULL REFERENCES reports (id),
  version         integer NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('import', 'correction')),
  document_sha256 text REFERENCES documents (sha256),
  -- what the report itself says (may differ from the agency it was filed under)
  agency_printed  text,
  year            integer,
  format          text NOT NULL,
  published_on    date,
  -- source info and where agency/year/date were found (interchange `source` and `origin`)
  meta            jsonb NOT NULL,
  note            text,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, version)
);
CREATE INDEX report_versions_document ON report_versions (document_sha256);

-- Cells in long form. status is explicit: a blank cell has value null and status 'blank',
-- never an empty string or a 0.
CREATE TABLE cells (
  report_id uuid NOT NULL,
  version   integer NOT NULL,
  table_id  text NOT NULL,
  row_id    text NOT NULL,
  col_id    text NOT NULL,
  value     numeric,
  status    text NOT NULL CHECK (status IN ('read', 'reconstructed', 'blank', 'not_applicable', 'missing')),
  raw       text,
  line      integer,
  page      integer,
  src_table integer,
  src_row   integer,
  src_col   integer,
  PRIMARY KEY (report_id, version, table_id, row_id, col_id),
  FOREIGN KEY (report_id, version) REFERENCES report_versions (report_id, version)
);
-- Dashboard aggregates read one cell across all reports.
CREATE INDEX cells_by_address ON cells (table_id, row_id, col_id, report_id, version) INCLUDE (value);

CREATE TABLE sections (
  report_id  uuid NOT NULL,
  version    integer NOT NULL,
  position   integer NOT NULL,
  section_id text,
  title      text NOT NULL,
  body       text NOT NULL,
  line       integer,
  -- words segmented in TypeScript, indexed with the 'simple' configuration (search.ts)
  words      tsvector NOT NULL,
  PRIMARY KEY (report_id, version, position),
  FOREIGN KEY (report_id, version) REFERENCES report_versions (report_id, version)
);
CREATE INDEX sections_words ON sections USING gin (words);

CREATE TABLE diagnostics (
  report_id   uuid NOT NULL,
  version     integer NOT NULL,
  position    integer NOT NULL,
  rule        text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  -- parse / check: from the report alone; cross: from the store's checks across reports
  origin      text NOT NULL CHECK (origin IN ('parse', 'check', 'cross')),
  message     text NOT NULL,
  cells       text[],
  line        integer,
  page        integer,
  -- the other report a cross-report finding is about (last year's, a peer's)
  related_report_id uuid,
  -- same finding across versions: rule + cells + related report (decisions carry over)
  finding_key text NOT NULL,
  state       text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'confirmed', 'dismissed', 'fixed')),
  reason      text,
  decided_by  uuid REFERENCES users (id),
  decided_at  timestamptz,
  PRIMARY KEY (report_id, version, position),
  FOREIGN KEY (report_id, version) REFERENCES report_versions (report_id, version),
  CHECK (state <> 'dismissed' OR (reason IS NOT NULL AND reason <> ''))
);
CREATE INDEX diagnostics_rule ON diagnostics (rule, report_id);

-- Append-only: who, when, what, old and new value. UPDATE and DELETE raise (trigger below).
CREATE TABLE audit_log (
  id        uuid PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  user_id   uuid,
  user_login text,
  action    text NOT NULL,
  entity    text NOT NULL,
  entity_id text,
  old_value jsonb,
  new_value jsonb,
  ip        text
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Import batches and their items. The items are the job queue: a worker claims queued items (or
-- running ones whose lease expired) with FOR UPDATE SKIP LOCKED; an item's work is one
-- transaction, so a killed import redoes only what was not committed.
CREATE TABLE import_batches (
  id         uuid PRIMARY KEY,
  source     text NOT NULL CHECK (source IN ('cli', 'api', 'demo')),
  created_by uuid REFERENCES users (id),
  publish    boolean NOT NULL DEFAULT false,
  demo       boolean NOT NULL DEFAULT false,
  total      integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE import_items (
  id          uuid PRIMARY KEY,
  batch_id    uuid NOT NULL REFERENCES import_batches (id),
  position    integer NOT NULL,
  name        text NOT NULL,
  -- a file on the importing machine (CLI) or the uploaded bytes, kept until processed (API)
  path        text,
  upload      bytea,
  state       text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'imported', 'duplicate', 'skipped', 'failed')),
  sha256      text,
  report_id   uuid,
  version     integer,
  message     text,
  -- agency matching: matched / created / undecided (then suggestions for a person)
  agency_match text,
  suggestions jsonb,
  attempts    integer NOT NULL DEFAULT 0,
  -- host:pid of the worker holding the lease (a dead local worker's items are taken back at once)
  worker      text,
  lease_until timestamptz,
  finished_at timestamptz,
  UNIQUE (batch_id, position)
);
CREATE INDEX import_items_queue ON import_items (state, lease_until) WHERE state IN ('queued', 'running');

-- MinHash bands of each report version's narrative (the format's fixed wording removed), for
-- finding near-identical narratives among reports of a year without comparing all pairs.
CREATE TABLE narrative_bands (
  report_id uuid NOT NULL,
  version   integer NOT NULL,
  year      integer NOT NULL,
  band      integer NOT NULL,
  bucket    text NOT NULL,
  PRIMARY KEY (report_id, version, band),
  FOREIGN KEY (report_id, version) REFERENCES report_versions (report_id, version)
);
CREATE INDEX narrative_bands_bucket ON narrative_bands (year, band, bucket);
