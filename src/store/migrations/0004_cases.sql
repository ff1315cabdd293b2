-- The 依申请公开 case ledger (src/cases is the domain; docs/cases.md "On the platform").
-- A case is an append-only list of typed actions; its state and every deadline are derived from
-- the actions and the working-day calendar each time they are asked for, never stored. Personal
-- data of applicants sits in its own table, read only through store/case-access.ts (masked
-- unless the viewer handles the case; every unmasked read is written to the audit log).

-- Case-ledger roles of agency staff: registrar 登记员, handler 承办人, reviewer 审核人, head 负责人.
ALTER TABLE users ADD COLUMN case_roles text[] NOT NULL DEFAULT '{}'
  CHECK (case_roles <@ ARRAY['registrar', 'handler', 'reviewer', 'head']::text[]);

-- The working-day calendar as data: one row per year with the State Council notice(s) it came
-- from, its holidays and its 调休 make-up working days (shapes of src/cases/calendar/years.ts).
-- The shipped years are written on start when absent (store/calendar.ts); an administrator adds
-- or corrects a year when its notice is published. A year without a row is provisional.
CREATE TABLE calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 1949 AND 2200),
  notices    jsonb NOT NULL,
  holidays   jsonb NOT NULL,
  workdays   jsonb NOT NULL,
  source     text NOT NULL CHECK (source IN ('shipped', 'admin')),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What an agency's letters print: the remedies paragraph (复议机关, since the 2024 行政复议法
-- mostly the 本级人民政府; the court) and the contact for applicants.
CREATE TABLE agency_case_settings (
  agency_id      uuid PRIMARY KEY REFERENCES agencies (id),
  review_body    text,
  court          text,
  contact_person text,
  contact_phone  text,
  updated_by     uuid REFERENCES users (id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Applicants: identity and contact (personal data), one row per application as filed.
CREATE TABLE applicants (
  id         uuid PRIMARY KEY,
  agency_id  uuid NOT NULL REFERENCES agencies (id),
  -- a column of 表三 (natural_person, commercial, …)
  type       text NOT NULL,
  name       text NOT NULL,
  id_kind    text CHECK (id_kind IN ('resident_id', 'credit_code', 'other')),
  id_number  text,
  -- contactPerson, phone, email, address, postcode
  contact    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applicants_identity ON applicants (agency_id, id_number);

-- A case: who it belongs to and how to find it. received_on is the art. 31 date of its
-- `received` action (which cannot be voided), kept for ordering and year filters.
CREATE TABLE cases (
  id              uuid PRIMARY KEY,
  agency_id       uuid NOT NULL REFERENCES agencies (id),
  applicant_id    uuid NOT NULL REFERENCES applicants (id),
  -- given to the applicant; with the query code it lets them follow the case without an account
  receipt_number  text NOT NULL,
  -- SHA-256 of the query code (the code itself is shown once)
  query_code_hash text NOT NULL,
  source          text NOT NULL CHECK (source IN ('online', 'staff', 'split')),
  split_from      uuid REFERENCES cases (id),
  -- 承办人 assigned to the case (sees the applicant's personal data)
  handler_id      uuid REFERENCES users (id),
  received_on     date NOT NULL,
  demo            boolean NOT NULL DEFAULT false,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cases_receipt_key ON cases (receipt_number);
CREATE INDEX cases_agency ON cases (agency_id, received_on);

-- The actions of a case in order: the JSON of a typed action (src/cases/actions.ts), validated
-- with the domain schema and appendAction before it is written. The `received` action's
-- applicant holds only the applicant's type here; the rest is in `applicants`. Append-only.
CREATE TABLE case_actions (
  case_id     uuid NOT NULL REFERENCES cases (id),
  seq         integer NOT NULL,
  action      jsonb NOT NULL,
  -- warnings appendAction gave when the action was recorded (Chinese)
  warnings    jsonb NOT NULL DEFAULT '[]',
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq)
);

CREATE FUNCTION case_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '案件记录只能追加，不能修改或删除（更正请作废该记录后重新登记）';
END;
$$;
CREATE TRIGGER case_actions_no_update BEFORE UPDATE OR DELETE ON case_actions
  FOR EACH ROW EXECUTE FUNCTION case_actions_append_only();

-- 行政复议 / 行政诉讼 records linked to the case they concern. Written with the case's
-- `review_filed` action; the result is the case's `review_decided` action (derived, not kept).
CREATE TABLE case_reviews (
  id          uuid PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES cases (id),
  agency_id   uuid NOT NULL REFERENCES agencies (id),
  kind        text NOT NULL CHECK (kind IN ('review', 'litigation_direct', 'litigation_after_review')),
  body        text NOT NULL,
  case_number text,
  filed_on    date NOT NULL,
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_reviews_case ON case_reviews (case_id);
CREATE INDEX case_reviews_agency ON case_reviews (agency_id, filed_on);

-- Letters issued in a case: template kind (and outcome variant), the slots as filled. The
-- statutory text is the template's; the Word and PDF are rendered from these on request.
CREATE TABLE case_letters (
  id         uuid PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES cases (id),
  kind       text NOT NULL,
  variant    text,
  number     text,
  slots      jsonb NOT NULL,
  issued_on  date NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_letters_case ON case_letters (case_id);
