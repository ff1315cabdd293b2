-- Bulk tables written only with their report version, in the same transaction (store/reports.ts):
-- their foreign keys to report_versions are checked per row on every import and doubled the
-- cost of writing cells. The keys stay on diagnostics, which people's decisions refer to.

ALTER TABLE cells DROP CONSTRAINT cells_report_id_version_fkey;
ALTER TABLE sections DROP CONSTRAINT sections_report_id_version_fkey;
ALTER TABLE narrative_bands DROP CONSTRAINT narrative_bands_report_id_version_fkey;
