-- Every request looks up its session (issue 9). As a transaction of its own that took four round
-- trips to PostgreSQL (BEGIN, switch to pathway_auth, SELECT, COMMIT) and, on PGlite, a second turn
-- of its single lock per request. This function is that same SELECT as one statement the app's login
-- can run directly. It shows no more than pathway_auth already reads (sessions, and the staff and
-- young_people columns granted to it), and only for the holder of a live session's id, which is a
-- hash of the cookie's secret token.
CREATE FUNCTION pathway_session(session_id text, at timestamptz)
RETURNS TABLE (
  council_id uuid, principal_kind text, principal_id uuid, csrf_token text,
  last_seen_at timestamptz, expires_at timestamptz,
  staff_role text, staff_team_id uuid, staff_name text, staff_active boolean,
  yp_given_name text, yp_preferred_name text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.council_id, s.principal_kind, s.principal_id, s.csrf_token, s.last_seen_at, s.expires_at,
    st.role, st.team_id, st.display_name, st.active, y.given_name, y.preferred_name
  FROM sessions s
  LEFT JOIN staff st ON s.principal_kind = 'staff' AND st.id = s.principal_id AND st.council_id = s.council_id
  LEFT JOIN young_people y ON s.principal_kind = 'young_person' AND y.id = s.principal_id AND y.council_id = s.council_id
  WHERE s.id = session_id AND s.expires_at > at
$$;
REVOKE ALL ON FUNCTION pathway_session(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_session(text, timestamptz) TO PUBLIC;
