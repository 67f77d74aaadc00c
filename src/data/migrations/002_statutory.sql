-- What moves the statutory clock: facts about the young person's situation, the work done
-- (assessments, plans, reviews, visits), significant changes and review requests, and the
-- council's local policy (versioned). Status and due dates are never stored: they are derived.

ALTER TABLE young_people
  ADD COLUMN home_with_parent_since date,
  ADD COLUMN detained_or_in_hospital_on_16th_birthday boolean NOT NULL DEFAULT false,
  ADD COLUMN support_after_21_requested_on date,
  -- The answer to the offer of support from 21 to 25 (s23CZB), when it was no.
  ADD COLUMN support_after_21_declined_on date,
  ADD COLUMN education_programme_ends_on date,
  ADD COLUMN council_accommodation_since date;

-- Completed statutory work. Issue 4's approved plans also land here as 'pathway_plan' / 'review'.
CREATE TABLE statutory_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  kind text NOT NULL CHECK (kind IN ('needs_assessment', 'pathway_plan', 'review', 'accommodation_review', 'adviser_visit')),
  completed_on date NOT NULL,
  notes text,
  recorded_by uuid REFERENCES staff(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX statutory_records_yp_idx ON statutory_records (council_id, young_person_id, kind, completed_on DESC);

-- A significant change or a request for a review: it brings the next review forward.
-- It is answered by the next review; it can never be dismissed (the app cannot delete it).
CREATE TABLE review_triggers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  kind text NOT NULL CHECK (kind IN ('accommodation_move', 'accommodation_at_risk', 'custody_entry', 'custody_release',
    'became_parent', 'child_protection_concern', 'education_or_work_change', 'immigration_decision',
    'young_person_request', 'adviser_request', 'other_change')),
  occurred_on date NOT NULL,
  -- The clock starts when the council knows: the day it was recorded.
  raised_on date NOT NULL,
  description text NOT NULL,
  raised_by_kind text NOT NULL CHECK (raised_by_kind IN ('staff', 'young_person')),
  raised_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_triggers_yp_idx ON review_triggers (council_id, young_person_id, raised_on);

-- The council's local policy: every change is a new version; old versions stay.
CREATE TABLE council_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  version integer NOT NULL,
  policy jsonb NOT NULL,
  reason text NOT NULL,
  changed_by uuid REFERENCES staff(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, version)
);

-- Insert and read only: work done and triggers are never edited or dismissed; policies are versioned.
SELECT pathway_council_table(t, 'SELECT, INSERT') FROM unnest(ARRAY['statutory_records', 'review_triggers', 'council_policies']) AS t;
