-- Closing and reopening a case (issue 11 §3). Each closure and reopening is kept, with its reason and
-- who recorded it: the record page shows the history. young_people.case_status, closed_on and
-- closure_reason (001) hold the case as it is now.
CREATE TABLE case_closures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  kind text NOT NULL CHECK (kind IN ('close', 'reopen')),
  on_date date NOT NULL,
  -- A closure's reason code; a reopening has none, only its details.
  reason text CHECK (reason IN ('reached_25', 'declined_after_21', 'moved_council', 'died', 'transferred', 'other')),
  details text,
  recorded_by uuid NOT NULL REFERENCES staff(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'close') = (reason IS NOT NULL)),
  CHECK (kind = 'close' AND reason <> 'other' OR details IS NOT NULL)
);
CREATE INDEX case_closures_yp_idx ON case_closures (council_id, young_person_id, recorded_at);
SELECT pathway_council_table('case_closures', 'SELECT, INSERT');
