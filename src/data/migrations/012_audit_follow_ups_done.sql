-- A worker marks a case-file audit follow-up action done (issue 10, part 4), as quality actions are
-- (007): the action itself is never changed or deleted, and it is only ever marked done, once, by
-- recording when and by whom. The app may update no other column, and a second update is refused.

ALTER TABLE audit_follow_ups
  ADD COLUMN done_at timestamptz,
  ADD COLUMN done_by uuid REFERENCES staff(id),
  ADD CONSTRAINT audit_follow_ups_done_both CHECK ((done_at IS NULL) = (done_by IS NULL));

CREATE INDEX audit_follow_ups_open_idx ON audit_follow_ups (council_id, worker_id, due_on) WHERE done_at IS NULL;

GRANT UPDATE (done_at, done_by) ON audit_follow_ups TO pathway_app;

-- 010 refused every update; now only deletes, and any update of an action already done.
DROP TRIGGER audit_follow_ups_kept ON audit_follow_ups;
CREATE TRIGGER audit_follow_ups_kept BEFORE DELETE ON audit_follow_ups
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('an audit cannot be changed');
CREATE TRIGGER audit_follow_ups_done_once BEFORE UPDATE ON audit_follow_ups
  FOR EACH ROW WHEN (OLD.done_at IS NOT NULL)
  EXECUTE FUNCTION pathway_refuse_change('a follow-up action already done cannot be changed');
