-- The dashboards and the corpus list scan the reports table; its rows were ~760 bytes, of which
-- ~420 were the figures as jsonb, a copy of figure_values (0010) that nothing queried. The
-- figures are kept once, as the array in the measures' order; the API's report view derives the
-- named figures from it (figures.ts). Rows written before this shrink as they are next updated
-- (VACUUM FULL reports compacts them at once).

ALTER TABLE reports DROP COLUMN figures;
