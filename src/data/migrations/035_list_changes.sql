-- The lists of young people (caseload, team list, looked-after list) are kept by each process until
-- the council changes (issue 9), as the managers' figures are (migration 015). A list also reads who
-- may see a restricted record and the names of the workers it shows, so a change to either is now a
-- change to the council too. A member of staff signing in still is not: only their name or team.
CREATE TRIGGER council_changed AFTER INSERT OR UPDATE OR DELETE ON restricted_record_access
  FOR EACH ROW EXECUTE FUNCTION pathway_council_changed();
CREATE TRIGGER council_changed_name AFTER UPDATE ON staff
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
  EXECUTE FUNCTION pathway_council_changed();
