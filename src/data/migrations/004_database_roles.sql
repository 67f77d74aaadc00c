-- The database is the last line of defence, so it holds even against a bug in the app.
--
-- 1. A council is entered with proof, not chosen freely. The app role used to set
--    app.council_id to any council it liked. Now pathway_enter_council(council, key) checks a key
--    that only holders of this database's secret can make (the app reads the secret once, at
--    start, as the owner; the app's roles cannot read it) and leaves a ticket bound to this
--    transaction. Row-level security compares council_id with pathway_council(), which returns
--    the council only while that ticket is valid: changing app.council_id by hand gives nothing.
-- 2. Work before a council is known (sign-in, sessions, invitations) runs as pathway_auth, which
--    reaches only the tables and columns that work needs, instead of as the table owner.
-- 3. Approved plans cannot change and the audit trail cannot be rewritten, by any role that goes
--    through the app, the table owner included: triggers refuse it.
-- The app logs in as a role that is neither superuser nor owner and has no privileges of its own
-- (NOINHERIT): it switches to pathway_app or pathway_auth per transaction, so RESET ROLE gives
-- nothing. See docs/operations.md for production.

CREATE TABLE pathway_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);
REVOKE ALL ON pathway_secrets FROM PUBLIC;
INSERT INTO pathway_secrets (name, value)
VALUES ('council_key', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')), 'hex'));

CREATE FUNCTION pathway_council_key(council uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to(value || ':council:' || council::text, 'UTF8')), 'hex')
  FROM pathway_secrets WHERE name = 'council_key'
$$;
REVOKE ALL ON FUNCTION pathway_council_key(uuid) FROM PUBLIC;

-- The ticket binds the council to this backend and this transaction's start time.
CREATE FUNCTION pathway_council_ticket(council uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to(value || ':ticket:' || council::text || ':' || pg_backend_pid()::text || ':' || now()::text, 'UTF8')), 'hex')
  FROM pathway_secrets WHERE name = 'council_key'
$$;
REVOKE ALL ON FUNCTION pathway_council_ticket(uuid) FROM PUBLIC;

CREATE FUNCTION pathway_enter_council(council uuid, key text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF key IS NULL OR key <> pathway_council_key(council) THEN
    RAISE EXCEPTION 'council key refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('app.council_id', council::text, true);
  PERFORM set_config('app.council_ticket', pathway_council_ticket(council), true);
END $$;
REVOKE ALL ON FUNCTION pathway_enter_council(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_enter_council(uuid, text) TO PUBLIC;

-- The council of this transaction, or NULL when it was not entered with a valid key. One SQL
-- function (no PL/pgSQL, no nested calls): row-level security calls it once per table per query,
-- and this form costs about a sixth of the first one measured.
CREATE FUNCTION pathway_council() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN current_setting('app.council_ticket', true) = encode(sha256(convert_to(
      s.value || ':ticket:' || current_setting('app.council_id', true) || ':' || pg_backend_pid()::text || ':' || now()::text, 'UTF8')), 'hex')
    THEN current_setting('app.council_id', true)::uuid END
  FROM pathway_secrets s WHERE s.name = 'council_key'
$$;
REVOKE ALL ON FUNCTION pathway_council() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_council() TO PUBLIC;

-- Every council table's policy now asks pathway_council() (once per query, as an InitPlan).
CREATE OR REPLACE FUNCTION pathway_council_table(t text, privileges text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('DROP POLICY IF EXISTS council_isolation ON %I', t);
  EXECUTE format($p$CREATE POLICY council_isolation ON %I
    USING (council_id = (SELECT pathway_council()))
    WITH CHECK (council_id = (SELECT pathway_council()))$p$, t);
  EXECUTE format('GRANT %s ON %I TO pathway_app', privileges, t);
END $$;

SELECT pathway_council_table(tablename::text, 'SELECT')
FROM pg_policies WHERE schemaname = 'public' AND policyname = 'council_isolation' AND tablename <> 'councils';

DROP POLICY council_isolation ON councils;
CREATE POLICY council_isolation ON councils USING (id = (SELECT pathway_council()));

-- Work before a council is known.
DO $$ BEGIN
  CREATE ROLE pathway_auth NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT pathway_auth TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO pathway_auth;

GRANT SELECT (id, slug, name) ON councils TO pathway_auth;
GRANT SELECT (id, council_id, team_id, email, display_name, role, password_hash, active, failed_sign_ins, locked_until, last_sign_in_at, created_at)
  ON staff TO pathway_auth;
GRANT UPDATE (failed_sign_ins, locked_until, last_sign_in_at) ON staff TO pathway_auth;
GRANT SELECT (id, council_id, given_name, family_name, preferred_name, case_status) ON young_people TO pathway_auth;
GRANT SELECT, INSERT, UPDATE ON young_person_accounts TO pathway_auth;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO pathway_auth;
GRANT SELECT, UPDATE (used_at) ON invitations TO pathway_auth;
GRANT SELECT, INSERT, DELETE ON sign_in_failures TO pathway_auth;
GRANT USAGE ON SEQUENCE sign_in_failures_id_seq TO pathway_auth;
GRANT INSERT ON audit_events TO pathway_auth;
GRANT USAGE ON SEQUENCE audit_events_id_seq TO pathway_auth;

CREATE FUNCTION pathway_before_council_table(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE POLICY before_council ON %I TO pathway_auth USING (true) WITH CHECK (true)', t);
END $$;
SELECT pathway_before_council_table(t)
FROM unnest(ARRAY['councils', 'staff', 'young_people', 'young_person_accounts', 'sessions', 'invitations', 'audit_events']) AS t;

-- What must never change, whoever asks.
CREATE FUNCTION pathway_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('the audit trail cannot be changed');
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('the audit trail cannot be changed');
CREATE TRIGGER plan_versions_immutable BEFORE UPDATE OR DELETE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('an approved plan cannot be changed');
CREATE TRIGGER plan_versions_no_truncate BEFORE TRUNCATE ON plan_versions
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('an approved plan cannot be changed');
CREATE TRIGGER reviews_approved_immutable BEFORE UPDATE OR DELETE ON reviews
  FOR EACH ROW WHEN (OLD.state = 'approved') EXECUTE FUNCTION pathway_refuse_change('an approved plan cannot be changed');
CREATE TRIGGER reviews_no_truncate BEFORE TRUNCATE ON reviews
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('an approved plan cannot be changed');
