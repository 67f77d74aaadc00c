-- The review cycle: one review in progress per young person, its content saved section by section
-- (with a revision per section, so two people never silently overwrite each other), and every
-- approved plan kept as an immutable version.

CREATE TABLE reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  state text NOT NULL CHECK (state IN ('outcomes', 'planning', 'drafting', 'awaiting_signatures', 'awaiting_approval', 'returned', 'approved')),
  -- The whole review as the domain models it (domain/plan/review-machine.ts): content, participation,
  -- sign-offs, returns, approval. Validated by the domain on every change.
  review jsonb NOT NULL,
  -- Revision of each section, bumped on every save: a save based on an older revision is refused.
  section_revisions jsonb NOT NULL DEFAULT '{}'::jsonb,
  based_on_version integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reviews_one_open_idx ON reviews (young_person_id) WHERE state <> 'approved';
CREATE INDEX reviews_state_idx ON reviews (council_id, state);

-- A save refused because someone else saved the same section first: kept, so both texts can be merged.
CREATE TABLE review_conflicts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  review_id uuid NOT NULL REFERENCES reviews(id),
  section text NOT NULL,
  their_content jsonb NOT NULL,
  base_revision integer NOT NULL,
  saved_by_kind text NOT NULL CHECK (saved_by_kind IN ('staff', 'young_person')),
  saved_by uuid NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX review_conflicts_review_idx ON review_conflicts (council_id, review_id, section);

-- Approved plans. Immutable: the app may insert and read them, never change them.
CREATE TABLE plan_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  review_id uuid NOT NULL REFERENCES reviews(id),
  version integer NOT NULL,
  review jsonb NOT NULL,
  approved_on date NOT NULL,
  approved_by uuid NOT NULL REFERENCES staff(id),
  quality_rating text NOT NULL CHECK (quality_rating IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (young_person_id, version)
);

SELECT pathway_council_table('reviews', 'SELECT, INSERT, UPDATE');
SELECT pathway_council_table('review_conflicts', 'SELECT, INSERT, UPDATE');
SELECT pathway_council_table('plan_versions', 'SELECT, INSERT');
