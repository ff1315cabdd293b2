-- The import's largest values (a document's bytes, a version's cell arrays, its sections' text
-- and words) compressed with lz4 instead of pglz: about as small, and compressing them was a
-- tenth of the server's work per imported report. Values already stored keep their
-- compression. A server built without lz4 (or before PostgreSQL 14) keeps pglz.
DO $$
BEGIN
  EXECUTE 'ALTER TABLE documents ALTER bytes SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE cell_sets ALTER vals SET COMPRESSION lz4, ALTER statuses SET COMPRESSION lz4, ALTER raws SET COMPRESSION lz4, '
    'ALTER lines SET COMPRESSION lz4, ALTER pages SET COMPRESSION lz4, ALTER src_tables SET COMPRESSION lz4, '
    'ALTER src_rows SET COMPRESSION lz4, ALTER src_cols SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE sections ALTER body SET COMPRESSION lz4, ALTER words SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
  NULL;
END $$;
