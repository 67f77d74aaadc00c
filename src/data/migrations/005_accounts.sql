-- Accounts (issue 7): people can see and end their own sessions; staff choose their own password
-- through a one-time link that an administrator gives them, so no administrator ever knows it.

-- What a person sees of their sessions: the device (from its User-Agent) and the address it signed
-- in from. `handle` names a session on the page; the id (a hash of the cookie) never leaves the server.
ALTER TABLE sessions
  ADD COLUMN handle uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN user_agent text,
  ADD COLUMN address text;
CREATE UNIQUE INDEX sessions_handle_key ON sessions (handle);
CREATE INDEX sessions_principal_idx ON sessions (principal_id);

-- One-time links for a member of staff to set their password: their first one, or a new one
-- after a reset. Only a hash of the link's token is kept. Issuing a link cancels the person's
-- earlier unused ones; using it is a single UPDATE ... WHERE used_at IS NULL, so it works once.
CREATE TABLE password_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  staff_id uuid NOT NULL REFERENCES staff(id),
  token_hash text NOT NULL UNIQUE,
  purpose text NOT NULL CHECK (purpose IN ('first', 'reset')),
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX password_links_staff_idx ON password_links (council_id, staff_id);
SELECT pathway_council_table('password_links', 'SELECT, INSERT, UPDATE');

-- Service managers see every grant of a role and every set-password link of the last 90 days,
-- read from the audit trail: these rows are rare, so a partial index finds them quickly.
CREATE INDEX audit_events_account_changes_idx ON audit_events (council_id, occurred_at DESC)
  WHERE action IN ('staff.create', 'staff.update', 'staff.password-link');

-- A set-password link is looked up before its council is known, by the sign-in role (migration 004).
GRANT SELECT ON password_links TO pathway_auth;
SELECT pathway_before_council_table('password_links');
