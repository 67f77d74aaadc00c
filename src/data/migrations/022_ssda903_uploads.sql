-- Importing the SSDA903 return from a page (issue 11 §4). The files an administrator uploads are kept
-- here, with the preview the dry run made of them, from the upload until they confirm the import: the
-- confirm step imports exactly the files they previewed, without choosing them again (a page without
-- JavaScript cannot keep a file input's files). The row is deleted when the import is done; one older
-- than a day is no longer offered and is deleted by the council's next upload. The files hold young
-- people's names and dates of birth, so row-level security by council as everywhere else.
CREATE TABLE ssda903_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  uploaded_by uuid NOT NULL REFERENCES staff(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  -- File name → text, as uploaded (decoded).
  files jsonb NOT NULL,
  -- The team for new records when people.csv gives none, as chosen on the page.
  default_team text,
  -- The dry run's summary: what would be created and updated.
  summary jsonb NOT NULL
);
CREATE INDEX ssda903_uploads_council_idx ON ssda903_uploads (council_id, uploaded_at);
SELECT pathway_council_table('ssda903_uploads', 'SELECT, INSERT, DELETE');
