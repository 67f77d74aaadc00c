-- Contact and keeping in touch (issue 11, part 2), and the young person's main activity and
-- accommodation over time (the SSDA903 OC3 ACTIV and ACCOM codes). Both are records of what happened:
-- never changed or deleted. A face-to-face visit by the allocated personal adviser also writes the
-- statutory 'adviser_visit' row (002), which the contact links to.

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  contact_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('visit', 'phone', 'video', 'message')),
  seen_alone text NOT NULL CHECK (seen_alone IN ('yes', 'no', 'not_applicable')),
  place text,
  -- Anyone else there or taking part, besides the member of staff who records it.
  others_present text,
  discussed text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES staff(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- The statutory adviser visit this contact counts as, when it does.
  adviser_visit_id uuid REFERENCES statutory_records(id)
);
CREATE INDEX contacts_yp_idx ON contacts (council_id, young_person_id, contact_on DESC);

-- Dated changes of main activity (903 ACTIV without the digit-free '0') and accommodation (903 ACCOM
-- letter; suitability is the digit: S and X are never suitable, reference §3.2).
CREATE TABLE circumstance_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  kind text NOT NULL CHECK (kind IN ('activity', 'accommodation')),
  changed_on date NOT NULL,
  code text NOT NULL,
  suitable boolean,
  notes text,
  recorded_by uuid NOT NULL REFERENCES staff(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (kind = 'activity' AND suitable IS NULL
      AND code IN ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6'))
    OR (kind = 'accommodation' AND suitable IS NOT NULL
      AND code IN ('B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'))
  ),
  CHECK (NOT (code IN ('S', 'X') AND suitable))
);
CREATE INDEX circumstance_changes_yp_idx ON circumstance_changes (council_id, young_person_id, kind, changed_on DESC);

SELECT pathway_council_table(t, 'SELECT, INSERT') FROM unnest(ARRAY['contacts', 'circumstance_changes']) AS t;

CREATE TRIGGER contacts_kept BEFORE UPDATE OR DELETE ON contacts
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('a contact record cannot be changed');
CREATE TRIGGER contacts_no_truncate BEFORE TRUNCATE ON contacts
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('a contact record cannot be changed');
CREATE TRIGGER circumstance_changes_kept BEFORE UPDATE OR DELETE ON circumstance_changes
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('a recorded change cannot be changed');
CREATE TRIGGER circumstance_changes_no_truncate BEFORE TRUNCATE ON circumstance_changes
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('a recorded change cannot be changed');
