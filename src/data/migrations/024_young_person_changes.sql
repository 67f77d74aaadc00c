-- Tells every Pathway process which young person's statutory facts changed (issue 9), so each process
-- may keep the facts it read (services/facts-kept.ts) and read again only those of the young people a
-- change touched. A notification on 'pathway_young_person_change' carries '<council id>/<young person
-- id>'. As with migration 015: sent only when the writing transaction commits, once per young person
-- per transaction however many rows changed, no lock taken, ids only (no personal data on the channel).
-- The tables are those `factsJson` (repositories/statutory.ts) reads.
CREATE FUNCTION pathway_young_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  person text := CASE WHEN TG_TABLE_NAME = 'young_people' THEN 'id' ELSE 'young_person_id' END;
  r jsonb;
BEGIN
  -- The row as it is and as it was (NEW is null on a delete, OLD on an insert): a row moved from one
  -- young person to another changes both.
  FOREACH r IN ARRAY ARRAY[to_jsonb(NEW), to_jsonb(OLD)] LOOP
    IF r IS NOT NULL THEN
      PERFORM pg_notify('pathway_young_person_change', (r ->> 'council_id') || '/' || (r ->> person));
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['young_people', 'care_episodes', 'statutory_records', 'review_triggers'] LOOP
    EXECUTE format('CREATE TRIGGER young_person_changed AFTER INSERT OR UPDATE OR DELETE ON %I
      FOR EACH ROW EXECUTE FUNCTION pathway_young_person_changed()', t);
  END LOOP;
END
$$;
