-- A young person's supporters (issue 12 §6): a named advocate, carer, family member or friend whom the young
-- person lets read their plan, or read it and help write their part. One row is both the one-time invitation
-- (a hash of the link's token and of the code, valid 7 days) and, once used, the supporter's sign-in.
-- A supporter reaches only that one young person's plan pages (src/domain/permissions.ts canReachPlan).
-- Removing a supporter sets removed_at and ends their sessions in the same transaction; the session look-up
-- below also refuses a removed supporter, so nothing a removed supporter holds still opens a page.
CREATE TABLE supporters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  relationship text NOT NULL CHECK (relationship IN ('advocate', 'carer', 'family_or_friend', 'other')),
  access text NOT NULL CHECK (access IN ('read', 'help_write')),
  link_token_hash text NOT NULL UNIQUE,
  code_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  username text,
  password_hash text,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  CHECK ((used_at IS NULL) = (username IS NULL) AND (username IS NULL) = (password_hash IS NULL))
);
CREATE INDEX supporters_yp_idx ON supporters (council_id, young_person_id);
-- Sign-in happens before the council is known: a username is unique across councils.
CREATE UNIQUE INDEX supporters_username_key ON supporters (lower(username)) WHERE username IS NOT NULL;

-- Inserted by the young person (app role); read and used by sign-in (auth role). Never deleted by the app
-- except by the erasure of the young person's record (migration 025's guard).
SELECT pathway_council_table('supporters', 'SELECT, INSERT, UPDATE, DELETE');
CREATE TRIGGER supporters_erased_only BEFORE DELETE ON supporters FOR EACH ROW
  EXECUTE FUNCTION pathway_refuse_change('a supporter is removed, not deleted: deleted only with the whole record');

GRANT SELECT, UPDATE (used_at, username, password_hash, failed_sign_ins, locked_until, last_sign_in_at)
  ON supporters TO pathway_auth;
CREATE POLICY before_council ON supporters TO pathway_auth USING (true) WITH CHECK (true);

ALTER TABLE sessions DROP CONSTRAINT sessions_principal_kind_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_principal_kind_check
  CHECK (principal_kind IN ('staff', 'young_person', 'supporter'));
ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_kind_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_kind_check
  CHECK (actor_kind IN ('staff', 'young_person', 'system', 'api_token', 'supporter'));

-- The session look-up (migration 006) now also names a supporter: whose plan, and what they may do. A
-- removed supporter, or one whose young person's record is gone, gets no row.
DROP FUNCTION pathway_session(text, timestamptz);
CREATE FUNCTION pathway_session(session_id text, at timestamptz)
RETURNS TABLE (
  council_id uuid, principal_kind text, principal_id uuid, csrf_token text,
  last_seen_at timestamptz, expires_at timestamptz,
  staff_role text, staff_team_id uuid, staff_name text, staff_active boolean,
  yp_given_name text, yp_preferred_name text,
  supporter_name text, supporter_young_person_id uuid, supporter_access text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.council_id, s.principal_kind, s.principal_id, s.csrf_token, s.last_seen_at, s.expires_at,
    st.role, st.team_id, st.display_name, st.active, y.given_name, y.preferred_name,
    sp.name, sp.young_person_id, sp.access
  FROM sessions s
  LEFT JOIN staff st ON s.principal_kind = 'staff' AND st.id = s.principal_id AND st.council_id = s.council_id
  LEFT JOIN young_people y ON s.principal_kind = 'young_person' AND y.id = s.principal_id AND y.council_id = s.council_id
  LEFT JOIN supporters sp ON s.principal_kind = 'supporter' AND sp.id = s.principal_id
    AND sp.council_id = s.council_id AND sp.removed_at IS NULL
  WHERE s.id = session_id AND s.expires_at > at
$$;
REVOKE ALL ON FUNCTION pathway_session(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_session(text, timestamptz) TO PUBLIC;

-- "Who has looked at my record" (migration 028) lists supporters' reads of the plan too.
CREATE INDEX audit_events_supporter_looks_idx ON audit_events (council_id, young_person_id, occurred_at DESC)
  WHERE actor_kind = 'supporter' AND outcome = 'allowed';
