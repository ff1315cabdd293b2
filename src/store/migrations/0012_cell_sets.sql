-- A report version's cells as one row of parallel arrays (cell_sets) instead of ~200 rows: the
-- import wrote every cell as a heap tuple plus an entry in a five-column text key (≈ 6 ms per
-- report on the server, half of the import's database time). The long form stays queryable as
-- the view `cells`, with the same columns as the table it replaces: every cell's value, status
-- (explicit, never an empty string) and provenance.
--
-- A layout is the list of cell addresses a set's arrays follow, in order; its id is the md5 of
-- the addresses ('table.row.col') joined by ','. The import writes the format's layout (its
-- cells in the model's order); rows moved here from the old table get the layout of their own
-- addresses, sorted.

CREATE TABLE cell_layouts (
  id        text PRIMARY KEY,
  table_ids text[] NOT NULL,
  row_ids   text[] NOT NULL,
  col_ids   text[] NOT NULL,
  CHECK (cardinality(row_ids) = cardinality(table_ids) AND cardinality(col_ids) = cardinality(table_ids))
);

CREATE TABLE cell_sets (
  report_id  uuid NOT NULL,
  version    integer NOT NULL,
  layout     text NOT NULL REFERENCES cell_layouts (id),
  vals       numeric[] NOT NULL,
  statuses   text[] NOT NULL,
  raws       text[] NOT NULL,
  lines      integer[] NOT NULL,
  pages      integer[] NOT NULL,
  src_tables integer[] NOT NULL,
  src_rows   integer[] NOT NULL,
  src_cols   integer[] NOT NULL,
  PRIMARY KEY (report_id, version),
  CHECK (statuses <@ ARRAY['read', 'reconstructed', 'blank', 'not_applicable', 'missing']::text[]),
  CHECK (cardinality(statuses) = cardinality(vals) AND cardinality(raws) = cardinality(vals) AND cardinality(lines) = cardinality(vals)
         AND cardinality(pages) = cardinality(vals) AND cardinality(src_tables) = cardinality(vals)
         AND cardinality(src_rows) = cardinality(vals) AND cardinality(src_cols) = cardinality(vals))
);

-- Existing cells move over, one set per version, in the order of their addresses.
CREATE TEMP TABLE moved_cells ON COMMIT DROP AS
  SELECT report_id, version,
         array_agg(table_id ORDER BY table_id, row_id, col_id) AS table_ids,
         array_agg(row_id ORDER BY table_id, row_id, col_id) AS row_ids,
         array_agg(col_id ORDER BY table_id, row_id, col_id) AS col_ids,
         array_agg(value ORDER BY table_id, row_id, col_id) AS vals,
         array_agg(status ORDER BY table_id, row_id, col_id) AS statuses,
         array_agg(raw ORDER BY table_id, row_id, col_id) AS raws,
         array_agg(line ORDER BY table_id, row_id, col_id) AS lines,
         array_agg(page ORDER BY table_id, row_id, col_id) AS pages,
         array_agg(src_table ORDER BY table_id, row_id, col_id) AS src_tables,
         array_agg(src_row ORDER BY table_id, row_id, col_id) AS src_rows,
         array_agg(src_col ORDER BY table_id, row_id, col_id) AS src_cols,
         md5(string_agg(table_id || '.' || row_id || '.' || col_id, ',' ORDER BY table_id, row_id, col_id)) AS layout
  FROM cells GROUP BY report_id, version;
INSERT INTO cell_layouts (id, table_ids, row_ids, col_ids)
  SELECT DISTINCT ON (layout) layout, table_ids, row_ids, col_ids FROM moved_cells ORDER BY layout
  ON CONFLICT (id) DO NOTHING;
INSERT INTO cell_sets (report_id, version, layout, vals, statuses, raws, lines, pages, src_tables, src_rows, src_cols)
  SELECT report_id, version, layout, vals, statuses, raws, lines, pages, src_tables, src_rows, src_cols FROM moved_cells;

DROP TABLE cells;

CREATE VIEW cells AS
  SELECT s.report_id, s.version, c.table_id, c.row_id, c.col_id, c.value, c.status, c.raw, c.line, c.page, c.src_table, c.src_row, c.src_col
  FROM cell_sets s
  JOIN cell_layouts l ON l.id = s.layout
  CROSS JOIN LATERAL unnest(l.table_ids, l.row_ids, l.col_ids, s.vals, s.statuses, s.raws, s.lines, s.pages, s.src_tables, s.src_rows, s.src_cols)
    AS c(table_id, row_id, col_id, value, status, raw, line, page, src_table, src_row, src_col);
