-- Easy read (issue 12 §6): short sentences, a picture beside each plan area and question, and a "Read this
-- aloud" button. The young person turns it on or off; saved on their account so it follows them to another
-- phone. The session look-up (migration 032) now also says whether it is on, so every page knows without a
-- second query, and a change shows on their other devices at their next page.
ALTER TABLE young_person_accounts ADD COLUMN easy_read boolean NOT NULL DEFAULT false;

DROP FUNCTION pathway_session(text, timestamptz);
CREATE FUNCTION pathway_session(session_id text, at timestamptz)
RETURNS TABLE (
  council_id uuid, principal_kind text, principal_id uuid, csrf_token text,
  last_seen_at timestamptz, expires_at timestamptz,
  staff_role text, staff_team_id uuid, staff_name text, staff_active boolean,
  yp_given_name text, yp_preferred_name text, yp_easy_read boolean,
  supporter_name text, supporter_young_person_id uuid, supporter_access text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.council_id, s.principal_kind, s.principal_id, s.csrf_token, s.last_seen_at, s.expires_at,
    st.role, st.team_id, st.display_name, st.active, y.given_name, y.preferred_name, a.easy_read,
    sp.name, sp.young_person_id, sp.access
  FROM sessions s
  LEFT JOIN staff st ON s.principal_kind = 'staff' AND st.id = s.principal_id AND st.council_id = s.council_id
  LEFT JOIN young_people y ON s.principal_kind = 'young_person' AND y.id = s.principal_id AND y.council_id = s.council_id
  LEFT JOIN young_person_accounts a ON s.principal_kind = 'young_person' AND a.young_person_id = s.principal_id
    AND a.council_id = s.council_id
  LEFT JOIN supporters sp ON s.principal_kind = 'supporter' AND sp.id = s.principal_id
    AND sp.council_id = s.council_id AND sp.removed_at IS NULL
  WHERE s.id = session_id AND s.expires_at > at
$$;
REVOKE ALL ON FUNCTION pathway_session(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_session(text, timestamptz) TO PUBLIC;
