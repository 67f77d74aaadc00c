-- Records and allocation (issue 11 §1): staff create young people and keep their care history and
-- allocations in Pathway rather than only the demo generator making them.

-- The pupil's Unique Pupil Number (SSDA903 header UPN), and a version that each change of the young
-- person's details or allocation increases: an edit made from an older version is refused as a
-- conflict, never saved over someone else's change.
ALTER TABLE young_people ADD COLUMN upn text;
ALTER TABLE young_people ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Every SSDA903 episode field (Episodes table: CIN, PLACE_PROVIDER, REASON_PLACE_CHANGE, HOME_POST,
-- PL_POST, URN). Codes are checked against the DfE lists by the service (domain/codes.ts); the
-- database keeps the shape.
ALTER TABLE care_episodes ADD COLUMN category_of_need text;
ALTER TABLE care_episodes ADD COLUMN placement_provider text;
ALTER TABLE care_episodes ADD COLUMN reason_place_change text;
ALTER TABLE care_episodes ADD COLUMN home_postcode text;
ALTER TABLE care_episodes ADD COLUMN placement_postcode text;
ALTER TABLE care_episodes ADD COLUMN urn text;

-- At most one personal adviser and one social worker allocated at a time: two people allocating at
-- once cannot both leave an open allocation.
CREATE UNIQUE INDEX allocations_one_open_idx ON allocations (young_person_id, allocation_role)
  WHERE end_date IS NULL;

-- Which team held the case, and from when to when (end exclusive, as allocations and the 903's DEC).
CREATE TABLE team_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  start_date date NOT NULL,
  end_date date,
  recorded_by uuid REFERENCES staff(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date > start_date)
);
CREATE INDEX team_history_yp_idx ON team_history (council_id, young_person_id, start_date);
CREATE UNIQUE INDEX team_history_one_open_idx ON team_history (young_person_id) WHERE end_date IS NULL;
SELECT pathway_council_table('team_history', 'SELECT, INSERT, UPDATE');
