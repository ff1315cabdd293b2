-- The year-end assembly of an agency's annual report from the case ledger (docs/cases.md
-- "Year end"). A draft per (agency, year) holds what staff type: 表二 values and the narrative
-- sections; 表三/表四 are never stored here, they are compiled from the ledger whenever the draft
-- is shown, checked, rendered or published. Every save is kept as a revision (nothing a user
-- entered is lost); the draft's `revision` is the optimistic-concurrency token: a save names the
-- revision it was made from and is refused when another save came first.

CREATE TABLE annual_drafts (
  id                  uuid PRIMARY KEY,
  agency_id           uuid NOT NULL REFERENCES agencies (id),
  year                integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  format              text NOT NULL,
  -- the latest revision (content below is that revision's)
  revision            integer NOT NULL CHECK (revision >= 1),
  -- 表二 as entered: {row id: {column id: number | null}} (the model's cells of the format)
  active              jsonb NOT NULL,
  -- narrative: {section id: text} (the model's sections of the format)
  sections            jsonb NOT NULL,
  updated_by          uuid REFERENCES users (id),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- the corpus report and version the draft was last published as, and from which revision
  published_report_id uuid REFERENCES reports (id),
  published_version   integer,
  published_revision  integer,
  published_by        uuid REFERENCES users (id),
  published_at        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX annual_drafts_agency_year_key ON annual_drafts (agency_id, year);

-- Every saved revision, append-only.
CREATE TABLE annual_draft_revisions (
  draft_id  uuid NOT NULL REFERENCES annual_drafts (id),
  revision  integer NOT NULL,
  active    jsonb NOT NULL,
  sections  jsonb NOT NULL,
  saved_by  uuid REFERENCES users (id),
  saved_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draft_id, revision)
);

CREATE FUNCTION annual_draft_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '年报草稿的历次保存只能追加，不能修改或删除';
END;
$$;
CREATE TRIGGER annual_draft_revisions_no_update BEFORE UPDATE OR DELETE ON annual_draft_revisions
  FOR EACH ROW EXECUTE FUNCTION annual_draft_revisions_append_only();

-- A report version written by the assembly (kind 'assembly': no source document), and where
-- each of its cells came from: 'ledger' (表三/表四 compiled from the cases) or 'entered' (typed
-- by staff); null for cells read from a document.
ALTER TABLE report_versions DROP CONSTRAINT report_versions_kind_check;
ALTER TABLE report_versions ADD CONSTRAINT report_versions_kind_check CHECK (kind IN ('import', 'correction', 'assembly'));
-- Cells are kept as one row of arrays per version (0012): the provenances are one more array,
-- null for a version read from a document, and the long-form view shows them as a column.
ALTER TABLE cell_sets ADD COLUMN provenances text[]
  CHECK (array_remove(provenances, NULL) <@ ARRAY['ledger', 'entered']::text[]);
DROP VIEW cells;
CREATE VIEW cells AS
  SELECT s.report_id, s.version, c.table_id, c.row_id, c.col_id, c.value, c.status, c.raw, c.line, c.page, c.src_table, c.src_row, c.src_col, c.provenance
  FROM cell_sets s
  JOIN cell_layouts l ON l.id = s.layout
  CROSS JOIN LATERAL unnest(l.table_ids, l.row_ids, l.col_ids, s.vals, s.statuses, s.raws, s.lines, s.pages, s.src_tables, s.src_rows, s.src_cols, s.provenances)
    AS c(table_id, row_id, col_id, value, status, raw, line, page, src_table, src_row, src_col, provenance);
