-- An API for council systems (issue 11 §5). An administrator issues a token per council system, read
-- or write, with an expiry; only a SHA-256 hash of it is kept (the token is 32 random bytes, so a
-- fast hash is enough: there is nothing to guess, unlike a password). A token acts as a service
-- identity of its council: row-level security holds it to its council like a member of staff.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  scope text NOT NULL CHECK (scope IN ('read', 'write')),
  token_hash text NOT NULL UNIQUE,
  -- The administrator who issued it: what the token writes is recorded in their name (records keep
  -- who recorded a contact or a closure as a member of staff); the audit trail names the token.
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES staff(id),
  last_used_at timestamptz,
  -- The rate limit: calls in the current minute (one row per token, updated with each call).
  window_start timestamptz,
  window_calls integer NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_council_idx ON api_tokens (council_id, created_at);
SELECT pathway_council_table('api_tokens',
  'SELECT, INSERT, UPDATE (revoked_at, revoked_by, last_used_at, window_start, window_calls)');

-- A call comes with a token and no council: this looks the token up by its hash, as the session
-- look-up does (migration 006). It shows nothing to anyone without the token itself.
CREATE FUNCTION pathway_api_token(hash text)
RETURNS TABLE (id uuid, council_id uuid, name text, scope text, created_by uuid, expires_at timestamptz,
  revoked_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.council_id, t.name, t.scope, t.created_by, t.expires_at, t.revoked_at
  FROM api_tokens t WHERE t.token_hash = hash
$$;
REVOKE ALL ON FUNCTION pathway_api_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_api_token(text) TO PUBLIC;

-- Idempotency keys of POSTs: the first call with a key claims it, then keeps the response it gave;
-- the same key again replays that response without a second write. Kept a day.
CREATE TABLE api_idempotency_keys (
  council_id uuid NOT NULL REFERENCES councils(id),
  token_id uuid NOT NULL REFERENCES api_tokens(id),
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_id, key)
);
SELECT pathway_council_table('api_idempotency_keys', 'SELECT, INSERT, UPDATE (status, response), DELETE');

-- The audit trail names a token as the actor of its calls.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_kind_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_kind_check
  CHECK (actor_kind IN ('staff', 'young_person', 'system', 'api_token'));
