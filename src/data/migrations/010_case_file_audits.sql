-- Dip sampling and case-file audits (issue 10, part 4). A service manager draws a round: a random sample
-- of approved plans from a team, a period and a category, with the seed recorded so the draw can be made
-- again and checked. Each sampled plan is assigned to an auditor, who answers the checklist, grades the
-- plan on the Ofsted scale and sets follow-up actions for the worker. History is kept: a round, its
-- sample and every submission are never changed or deleted (a new submission of the same item is a new
-- row; the page shows the latest). Only the auditor assigned to an item may be changed.

CREATE TABLE audit_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  drawn_by uuid NOT NULL REFERENCES staff(id),
  drawn_at timestamptz NOT NULL DEFAULT now(),
  -- 0 to 2^32 - 1: the generator's whole state, so the same seed draws the same sample.
  seed bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
  -- The team (or null for every team), approval period and category (or null) the sample was drawn from.
  filters jsonb NOT NULL,
  -- How many plans were asked for, and how many there were to draw from.
  size integer NOT NULL CHECK (size > 0),
  population integer NOT NULL CHECK (population >= 0)
);
CREATE INDEX audit_rounds_drawn_idx ON audit_rounds (council_id, drawn_at);

CREATE TABLE audit_round_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  round_id uuid NOT NULL REFERENCES audit_rounds(id),
  -- The order of the draw.
  position integer NOT NULL,
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  plan_version_id uuid NOT NULL REFERENCES plan_versions(id),
  plan_version integer NOT NULL,
  -- The team that held the case when the plan was approved: the summary is by this team.
  team_id uuid REFERENCES teams(id),
  auditor_id uuid REFERENCES staff(id),
  UNIQUE (round_id, position),
  UNIQUE (round_id, plan_version_id)
);
CREATE INDEX audit_round_items_auditor_idx ON audit_round_items (council_id, auditor_id);

CREATE TABLE audit_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  round_item_id uuid NOT NULL REFERENCES audit_round_items(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  submitted_by uuid NOT NULL REFERENCES staff(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  grade text NOT NULL CHECK (grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate'))
);
CREATE INDEX audit_submissions_item_idx ON audit_submissions (council_id, round_item_id, submitted_at);

CREATE TABLE audit_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  submission_id uuid NOT NULL REFERENCES audit_submissions(id),
  -- The checklist item's id (src/domain/audit/checklist.ts).
  item text NOT NULL,
  answer text NOT NULL CHECK (answer IN ('met', 'partly', 'not_met', 'not_applicable')),
  note text NOT NULL DEFAULT '',
  UNIQUE (submission_id, item)
);

CREATE TABLE audit_follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  submission_id uuid NOT NULL REFERENCES audit_submissions(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  position integer NOT NULL,
  text text NOT NULL,
  -- The worker it is for: the young person's personal adviser (else social worker) when it was set.
  worker_id uuid REFERENCES staff(id),
  due_on date NOT NULL,
  UNIQUE (submission_id, position)
);

SELECT pathway_council_table(t, 'SELECT, INSERT')
FROM unnest(ARRAY['audit_rounds', 'audit_submissions', 'audit_answers', 'audit_follow_ups']) AS t;
-- The app may only assign (or reassign) the auditor of a sampled plan.
SELECT pathway_council_table('audit_round_items', 'SELECT, INSERT, UPDATE (auditor_id)');

CREATE TRIGGER audit_rounds_kept BEFORE UPDATE OR DELETE ON audit_rounds
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('an audit round cannot be changed');
CREATE TRIGGER audit_round_items_kept BEFORE DELETE ON audit_round_items
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('a sampled plan cannot be removed from its round');
CREATE TRIGGER audit_submissions_kept BEFORE UPDATE OR DELETE ON audit_submissions
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('an audit cannot be changed');
CREATE TRIGGER audit_answers_kept BEFORE UPDATE OR DELETE ON audit_answers
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('an audit cannot be changed');
CREATE TRIGGER audit_follow_ups_kept BEFORE UPDATE OR DELETE ON audit_follow_ups
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('an audit cannot be changed');
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['audit_rounds', 'audit_round_items', 'audit_submissions', 'audit_answers', 'audit_follow_ups']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION '
      'pathway_refuse_change(%L)', t || '_no_truncate', t, 'an audit cannot be changed');
  END LOOP;
END $$;
