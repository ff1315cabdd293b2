-- Dashboard figures as an array in the measures' order (store/figures.ts), next to the jsonb
-- kept for reading: summing array elements over 100,000 reports is several times cheaper than
-- reading keys out of jsonb per report. Made stale here so that the start-up refresh fills it.

ALTER TABLE reports ADD COLUMN figure_values float8[];
UPDATE reports SET figures_key = NULL;
