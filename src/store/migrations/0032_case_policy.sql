-- The two choices the rules leave to an agency (docs/cases.md, CasePolicy): whether the days
-- between a fee notice and the payment are left out of the reply period, and how many working
-- days before the due date a case is listed as due soon. NULL: the national default.
ALTER TABLE agency_case_settings
  ADD COLUMN pause_while_awaiting_fee boolean,
  ADD COLUMN due_soon_working_days integer CHECK (due_soon_working_days BETWEEN 1 AND 20);
