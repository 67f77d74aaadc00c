-- Foundation: councils, people, care history, sign-in, sessions, audit.
-- Every row of council data carries council_id; row-level security keeps each
-- council's rows apart. The app runs its queries as pathway_app (not the table
-- owner, not a superuser) with the council set per transaction.

DO $$ BEGIN
  CREATE ROLE pathway_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

DO $$ BEGIN
  EXECUTE format('GRANT pathway_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;

GRANT USAGE ON SCHEMA public TO pathway_app;

-- Every council table gets the same treatment, in this and later migrations: row-level security
-- keyed on the transaction's council, and only the privileges the app needs.
CREATE FUNCTION pathway_council_table(t text, privileges text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format($p$CREATE POLICY council_isolation ON %I
    USING (council_id = nullif(current_setting('app.council_id', true), '')::uuid)
    WITH CHECK (council_id = nullif(current_setting('app.council_id', true), '')::uuid)$p$, t);
  EXECUTE format('GRANT %s ON %I TO pathway_app', privileges, t);
END $$;

CREATE TABLE councils (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  name text NOT NULL,
  service_type text NOT NULL CHECK (service_type IN ('leaving_care', 'looked_after_13_25', 'disabled_children')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, name)
);

CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  team_id uuid REFERENCES teams(id),
  email text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('personal_adviser', 'social_worker', 'team_manager',
    'independent_reviewing_officer', 'service_manager', 'council_admin')),
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Sign-in happens before the council is known, so an email address is unique across councils.
CREATE UNIQUE INDEX staff_email_key ON staff (lower(email));
CREATE INDEX staff_council_team_idx ON staff (council_id, team_id);

CREATE TABLE young_people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  reference text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  preferred_name text,
  pronouns text,
  date_of_birth date NOT NULL,
  date_of_birth_age_assessed boolean NOT NULL DEFAULT false,
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'not_known')),
  ethnicity text,
  first_language text,
  interpreter_needed boolean NOT NULL DEFAULT false,
  communication_needs text,
  unaccompanied_asylum_seeking boolean NOT NULL DEFAULT false,
  team_id uuid NOT NULL REFERENCES teams(id),
  social_worker_id uuid REFERENCES staff(id),
  personal_adviser_id uuid REFERENCES staff(id),
  case_status text NOT NULL DEFAULT 'open' CHECK (case_status IN ('open', 'closed')),
  closed_on date,
  closure_reason text,
  restricted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, reference),
  CHECK ((case_status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX young_people_council_team_idx ON young_people (council_id, team_id);
CREATE INDEX young_people_social_worker_idx ON young_people (council_id, social_worker_id);
CREATE INDEX young_people_personal_adviser_idx ON young_people (council_id, personal_adviser_id);

-- Each recorded date of birth, oldest first: an age assessment can change it.
CREATE TABLE date_of_birth_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  date_of_birth date NOT NULL,
  age_assessed boolean NOT NULL,
  reason text NOT NULL,
  recorded_by uuid REFERENCES staff(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX date_of_birth_history_yp_idx ON date_of_birth_history (council_id, young_person_id);

CREATE TABLE allocations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  staff_id uuid NOT NULL REFERENCES staff(id),
  allocation_role text NOT NULL CHECK (allocation_role IN ('social_worker', 'personal_adviser')),
  start_date date NOT NULL,
  end_date date,
  CHECK (end_date IS NULL OR end_date > start_date)
);
CREATE INDEX allocations_yp_idx ON allocations (council_id, young_person_id);

-- Periods of care with SSDA903 meaning: start_date = DECOM (first day looked after),
-- end_date = DEC (exclusive), legal_status = LS, placement_type = PLACE, reason_ended = REC.
CREATE TABLE care_episodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  start_date date NOT NULL,
  end_date date,
  legal_status text NOT NULL,
  placement_type text NOT NULL,
  reason_new_episode text,
  reason_ended text,
  CHECK (end_date IS NULL OR end_date > start_date),
  CHECK ((end_date IS NULL) = (reason_ended IS NULL))
);
CREATE INDEX care_episodes_yp_idx ON care_episodes (council_id, young_person_id, start_date);

-- A restricted record is visible only to the staff named here.
CREATE TABLE restricted_record_access (
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  staff_id uuid NOT NULL REFERENCES staff(id),
  PRIMARY KEY (young_person_id, staff_id)
);

CREATE TABLE young_person_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL UNIQUE REFERENCES young_people(id),
  username text NOT NULL,
  password_hash text NOT NULL,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX young_person_accounts_username_key ON young_person_accounts (lower(username));

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  link_token_hash text NOT NULL UNIQUE,
  code_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX invitations_yp_idx ON invitations (council_id, young_person_id);

-- Sessions live in the database so app servers keep no state. Only a hash of the cookie is stored.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES councils(id),
  principal_kind text NOT NULL CHECK (principal_kind IN ('staff', 'young_person')),
  principal_id uuid NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed sign-ins by network address, for rate limiting across app servers.
CREATE TABLE sign_in_failures (
  id bigserial PRIMARY KEY,
  address text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_address_idx ON sign_in_failures (address, failed_at);

-- Who did what to which young person's record. Insert-only for the app.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES councils(id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'young_person', 'system')),
  actor_id uuid,
  action text NOT NULL,
  outcome text NOT NULL DEFAULT 'allowed' CHECK (outcome IN ('allowed', 'denied')),
  young_person_id uuid,
  entity_type text,
  entity_id text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_yp_idx ON audit_events (council_id, young_person_id, occurred_at DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (council_id, actor_id, occurred_at DESC);

-- Row-level security: a row is visible and writable only inside its own council's transaction.
SELECT pathway_council_table(t, 'SELECT, INSERT, UPDATE, DELETE')
FROM unnest(ARRAY['teams', 'staff', 'young_people', 'date_of_birth_history', 'allocations',
  'care_episodes', 'restricted_record_access', 'young_person_accounts', 'invitations', 'sessions']) AS t;
-- The audit trail cannot be changed by the app: insert and read only.
SELECT pathway_council_table('audit_events', 'SELECT, INSERT');

ALTER TABLE councils ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_isolation ON councils
  USING (id = nullif(current_setting('app.council_id', true), '')::uuid);
GRANT SELECT ON councils TO pathway_app;

GRANT USAGE ON SEQUENCE audit_events_id_seq TO pathway_app;
