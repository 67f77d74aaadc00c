-- Quality assurance (issue 10, part 3): an IRO or team manager judges an approved plan on the Ofsted
-- scale and sets actions for the worker. History is kept: a judgement is never changed or deleted (a
-- new judgement of the same plan is a new row; the page shows the latest), and an action is only ever
-- marked done, once, by recording when and by whom.

CREATE TABLE quality_judgements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  plan_version_id uuid NOT NULL REFERENCES plan_versions(id),
  plan_version integer NOT NULL,
  judged_by uuid NOT NULL REFERENCES staff(id),
  -- The judge's role when they judged (an IRO's view and a team manager's are read differently).
  judged_by_role text NOT NULL,
  judged_at timestamptz NOT NULL DEFAULT now(),
  grade text NOT NULL CHECK (grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  what_is_good text NOT NULL,
  what_must_improve text NOT NULL
);
CREATE INDEX quality_judgements_plan_idx ON quality_judgements (council_id, young_person_id, plan_version, judged_at);

CREATE TABLE quality_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  judgement_id uuid NOT NULL REFERENCES quality_judgements(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  position integer NOT NULL,
  text text NOT NULL,
  worker_id uuid NOT NULL REFERENCES staff(id),
  due_on date NOT NULL,
  done_at timestamptz,
  done_by uuid REFERENCES staff(id),
  CHECK ((done_at IS NULL) = (done_by IS NULL)),
  UNIQUE (judgement_id, position)
);
CREATE INDEX quality_actions_open_idx ON quality_actions (council_id, worker_id, due_on) WHERE done_at IS NULL;

SELECT pathway_council_table('quality_judgements', 'SELECT, INSERT');
-- The app may only record that an action is done: no other column can be changed.
SELECT pathway_council_table('quality_actions', 'SELECT, INSERT, UPDATE (done_at, done_by)');

CREATE TRIGGER quality_judgements_kept BEFORE UPDATE OR DELETE ON quality_judgements
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('a quality judgement cannot be changed');
CREATE TRIGGER quality_judgements_no_truncate BEFORE TRUNCATE ON quality_judgements
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('a quality judgement cannot be changed');
CREATE TRIGGER quality_actions_kept BEFORE DELETE ON quality_actions
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('a quality action cannot be deleted');
CREATE TRIGGER quality_actions_done_once BEFORE UPDATE ON quality_actions
  FOR EACH ROW WHEN (OLD.done_at IS NOT NULL)
  EXECUTE FUNCTION pathway_refuse_change('a quality action already done cannot be changed');
CREATE TRIGGER quality_actions_no_truncate BEFORE TRUNCATE ON quality_actions
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('a quality action cannot be deleted');
