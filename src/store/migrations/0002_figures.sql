-- Dashboard figures kept with each report (its current version's measures from
-- src/model/measures.yaml, with the hash of that file): the dashboards sum one row per report
-- instead of reading 200 cells per report. The index over all cells by address goes: it made
-- every import write each cell twice, and nothing else needs it.

DROP INDEX cells_by_address;
ALTER TABLE reports ADD COLUMN figures jsonb;
ALTER TABLE reports ADD COLUMN figures_key text;
