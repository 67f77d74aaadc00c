-- Tells every Pathway process when a council's records change in a way the managers' figures read
-- (issue 10 §6), so each process may keep the figures it computed until then. A notification on the
-- channel 'pathway_council_change' carries the council's id. PostgreSQL sends it only when the
-- writing transaction commits (never for one rolled back) and sends one per council per
-- transaction, however many rows changed; it takes no lock on any row, so writers never wait for
-- one another because of it. The payload is an id, not a record: no personal data on the channel.
CREATE FUNCTION pathway_council_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'councils' THEN
    PERFORM pg_notify('pathway_council_change', COALESCE(NEW.id, OLD.id)::text);
  ELSE
    PERFORM pg_notify('pathway_council_change', COALESCE(NEW.council_id, OLD.council_id)::text);
  END IF;
  RETURN NULL;
END
$$;

-- Every table the figures read. Some rows change often in ways the figures never read: a review's
-- draft is saved (the figures read only its timeline, migration 011) and a member of staff signs in
-- (the figures read only their team); only a change the figures read counts.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['councils', 'teams', 'young_people', 'allocations', 'care_episodes',
    'plan_versions', 'statutory_records', 'council_policies', 'performance_targets', 'contacts',
    'circumstance_changes'] LOOP
    EXECUTE format('CREATE TRIGGER council_changed AFTER INSERT OR UPDATE OR DELETE ON %I
      FOR EACH ROW EXECUTE FUNCTION pathway_council_changed()', t);
  END LOOP;
END
$$;
CREATE TRIGGER council_changed AFTER INSERT OR DELETE ON staff
  FOR EACH ROW EXECUTE FUNCTION pathway_council_changed();
CREATE TRIGGER council_changed_team AFTER UPDATE ON staff
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION pathway_council_changed();
CREATE TRIGGER council_changed AFTER INSERT OR DELETE ON reviews
  FOR EACH ROW EXECUTE FUNCTION pathway_council_changed();
CREATE TRIGGER council_changed_timeline AFTER UPDATE ON reviews
  FOR EACH ROW WHEN (
    (OLD.young_person_id, OLD.started_on, OLD.submitted_for_approval_on, OLD.returns, OLD.approved_on)
      IS DISTINCT FROM
    (NEW.young_person_id, NEW.started_on, NEW.submitted_for_approval_on, NEW.returns, NEW.approved_on)
  )
  EXECUTE FUNCTION pathway_council_changed();
