-- Files that go with a case: scans of a paper application form or of its envelope (the post
-- mark decides art. 31 dates), an identity document, a signed delivery receipt, the third
-- party's written opinion. Kept byte for byte and never changed or deleted: actions refer to
-- them by id (`documents[].ref`), and nothing a user entered is lost.
CREATE TABLE case_files (
  id          uuid PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES cases (id),
  name        text NOT NULL,
  -- what the bytes are (sniffed, not taken from the name): pdf, ofd, jpeg, png, tiff, docx, doc
  kind        text NOT NULL,
  size        integer NOT NULL,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes       bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_files_case ON case_files (case_id);

CREATE FUNCTION case_files_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '案件的文件只能添加，不能修改或删除';
END;
$$;
CREATE TRIGGER case_files_no_update BEFORE UPDATE OR DELETE ON case_files
  FOR EACH ROW EXECUTE FUNCTION case_files_keep();
