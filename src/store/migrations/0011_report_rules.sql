-- The rules each report fails, kept on the report (`rule|severity`, store/diagnostics.ts
-- refreshCounts): the dashboard's share of reports failing each rule reads one row per report
-- instead of joining every report with every finding.

ALTER TABLE reports ADD COLUMN rules text[] NOT NULL DEFAULT '{}';
UPDATE reports x SET rules = ARRAY(SELECT g.rule || '|' || min(g.severity) FROM diagnostics g
  WHERE g.report_id = x.id AND g.version = x.current_version AND g.state IN ('open', 'confirmed') GROUP BY g.rule ORDER BY g.rule);
