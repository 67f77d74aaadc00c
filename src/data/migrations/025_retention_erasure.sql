-- Deleting a young person's record once its keeping has ended (CPPCR 2010 reg 50: kept until the 75th
-- birthday; issue 11 §3). Many of the record's tables are kept by triggers that refuse any change or
-- deletion whoever asks (migrations 004, 007, 010, 013, 023): that must stay true for every other
-- purpose. So a deletion is allowed only inside an erasure, which the database itself grants:
--
-- 1. pathway_begin_erasure(person) locks the young person's row, checks that it belongs to the council
--    this transaction entered (004) and that their 75th birthday has passed by the database's own
--    clock, then leaves a ticket bound to this person, this backend and this transaction, as the
--    council's ticket is. The app's roles cannot make the ticket: it is derived from the secret.
-- 2. The keeping triggers let a row be deleted only while the ticket of the young person the row
--    belongs to is valid. The audit trail is never deleted: its rows keep who looked at the record.
-- 3. The tables the app could not delete from before get DELETE for the erasure only, guarded by the
--    same trigger, so a bug in the app still cannot delete a plan, a contact or a closure.

CREATE FUNCTION pathway_erasure_ticket(person uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to(value || ':erase:' || person::text || ':' || pg_backend_pid()::text || ':' || now()::text, 'UTF8')), 'hex')
  FROM pathway_secrets WHERE name = 'council_key'
$$;
REVOKE ALL ON FUNCTION pathway_erasure_ticket(uuid) FROM PUBLIC;

CREATE FUNCTION pathway_begin_erasure(person uuid) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  born date;
BEGIN
  SELECT y.date_of_birth INTO born FROM young_people y
  WHERE y.id = person AND y.council_id = pathway_council()
  FOR UPDATE;
  IF born IS NULL THEN
    RAISE EXCEPTION 'no such young person in this council' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (born + interval '75 years')::date > current_date THEN
    RAISE EXCEPTION 'the record is kept until the 75th birthday (CPPCR 2010 reg 50)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('app.erasing', person::text, true);
  PERFORM set_config('app.erasing_ticket', pathway_erasure_ticket(person), true);
END $$;
REVOKE ALL ON FUNCTION pathway_begin_erasure(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_begin_erasure(uuid) TO pathway_app;

-- Whether this transaction is erasing `person` (a ticket from pathway_begin_erasure).
CREATE FUNCTION pathway_erasing(person uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT person IS NOT NULL
    AND current_setting('app.erasing', true) = person::text
    AND current_setting('app.erasing_ticket', true) = pathway_erasure_ticket(person)
$$;
REVOKE ALL ON FUNCTION pathway_erasing(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_erasing(uuid) TO PUBLIC;

-- The young person a kept row belongs to: its young_person_id, or its parent's.
CREATE FUNCTION pathway_row_person(t text, r jsonb) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF t = 'young_people' THEN RETURN (r ->> 'id')::uuid; END IF;
  IF r ? 'young_person_id' THEN RETURN (r ->> 'young_person_id')::uuid; END IF;
  IF t = 'audit_answers' THEN
    RETURN (SELECT s.young_person_id FROM audit_submissions s WHERE s.id = (r ->> 'submission_id')::uuid);
  ELSIF t = 'messages' THEN
    RETURN (SELECT m.young_person_id FROM message_threads m WHERE m.id = (r ->> 'thread_id')::uuid);
  ELSIF t = 'review_conflicts' THEN
    RETURN (SELECT v.young_person_id FROM reviews v WHERE v.id = (r ->> 'review_id')::uuid);
  END IF;
  RETURN NULL;
END $$;

-- As before (004), except that a row of a record being erased may be deleted. Never the audit trail,
-- never an update, never a truncate.
CREATE OR REPLACE FUNCTION pathway_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME <> 'audit_events' THEN
    IF pathway_erasing(pathway_row_person(TG_TABLE_NAME, to_jsonb(OLD))) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
END $$;

-- Looked-after reviews and missing episodes, as the SSDA903 return's reviews.csv and missing.csv carry
-- them (issue 11 §4): imported from a council's return and written back in its export. One review per
-- young person per day (REVIEW, with how they took part, REVIEW_CODE PN0-PN7); one missing or away
-- episode per kind and start (MISSING M or A, MIS_START, MIS_END blank while it goes on). Importing
-- again updates these rows, never adds a second.
CREATE TABLE looked_after_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  reviewed_on date NOT NULL,
  participation text NOT NULL CHECK (participation IN ('PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (young_person_id, reviewed_on)
);
CREATE INDEX looked_after_reviews_council_idx ON looked_after_reviews (council_id, reviewed_on);
CREATE TABLE missing_episodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  kind text NOT NULL CHECK (kind IN ('M', 'A')),
  start_date date NOT NULL,
  end_date date,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date),
  UNIQUE (young_person_id, kind, start_date)
);
CREATE INDEX missing_episodes_council_idx ON missing_episodes (council_id, start_date);
SELECT pathway_council_table(t, 'SELECT, INSERT, UPDATE') FROM unnest(ARRAY['looked_after_reviews', 'missing_episodes']) AS t;

-- DELETE for the erasure only: these tables were insert-only (or insert and update) for the app.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['statutory_records', 'review_triggers', 'reviews', 'review_conflicts', 'plan_versions',
    'quality_judgements', 'quality_actions', 'audit_round_items', 'audit_submissions', 'audit_answers',
    'audit_follow_ups', 'contacts', 'circumstance_changes', 'team_history', 'case_closures', 'check_ins',
    'staff_tasks', 'message_threads', 'messages', 'looked_after_reviews', 'missing_episodes'] LOOP
    EXECUTE format('GRANT DELETE ON %I TO pathway_app', t);
  END LOOP;
  -- Those with no keeping trigger on DELETE yet get one; so does the young person's own row.
  FOREACH t IN ARRAY ARRAY['statutory_records', 'review_triggers', 'reviews', 'review_conflicts', 'team_history',
    'case_closures', 'staff_tasks', 'message_threads', 'young_people', 'looked_after_reviews', 'missing_episodes'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change(%L)',
      t || '_erased_only', t, 'a young person''s record is deleted only whole, after its keeping (CPPCR 2010 reg 50)');
  END LOOP;
END $$;

-- API calls refused before any council is known (issue 11 §5): no token, or a token that is not
-- Pathway's. Such a call names no council, so its audit row cannot go in a council's audit trail
-- (audit_events.council_id is required, and row-level security keeps each council's rows to itself).
-- It goes here instead: a table with no council, which the app may only add to, as pathway_auth (the
-- role of work before a council is known), and nobody reads through the app. It records no token: only
-- the first 12 hex digits of the SHA-256 of what was sent, so an operator can see one wrong token used
-- again and again. A refused call with a token that is known (revoked, expired, too many calls) is
-- audited in its own council's trail, as before. docs/api.md says why and how operators read it.
CREATE TABLE api_refusals (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  address text NOT NULL,
  method text NOT NULL,
  route text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('no token', 'unknown token', 'rate limit')),
  token_hint text CHECK (token_hint ~ '^[0-9a-f]{12}$'),
  request_id text
);
CREATE INDEX api_refusals_address_idx ON api_refusals (address, occurred_at);
ALTER TABLE api_refusals ENABLE ROW LEVEL SECURITY;
CREATE POLICY add_only ON api_refusals FOR INSERT TO pathway_auth WITH CHECK (true);
GRANT INSERT ON api_refusals TO pathway_auth;
GRANT USAGE ON SEQUENCE api_refusals_id_seq TO pathway_auth;
