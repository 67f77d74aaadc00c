-- The council ticket (migration 004) bound a council to the backend and the transaction's start time,
-- now(). PGlite's clock counts milliseconds, and it has one backend: two transactions begun in the same
-- millisecond had the same now(), so a ticket copied from one was good in the next. The ticket now also
-- names the transaction's own id, given out when the council is entered, and no other transaction ever
-- has it. pathway_council() asks for the id only if one was given (it never gives one itself), so a
-- transaction that did not enter a council has none, and its copied ticket matches nothing.
CREATE OR REPLACE FUNCTION pathway_council_ticket(council uuid) RETURNS text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to(value || ':ticket:' || council::text || ':' || pg_backend_pid()::text || ':'
    || now()::text || ':' || pg_current_xact_id()::text, 'UTF8')), 'hex')
  FROM pathway_secrets WHERE name = 'council_key'
$$;
REVOKE ALL ON FUNCTION pathway_council_ticket(uuid) FROM PUBLIC;

CREATE OR REPLACE FUNCTION pathway_council() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN current_setting('app.council_ticket', true) = encode(sha256(convert_to(
      s.value || ':ticket:' || current_setting('app.council_id', true) || ':' || pg_backend_pid()::text || ':'
      || now()::text || ':' || pg_current_xact_id_if_assigned()::text, 'UTF8')), 'hex')
    THEN current_setting('app.council_id', true)::uuid END
  FROM pathway_secrets s WHERE s.name = 'council_key'
$$;
REVOKE ALL ON FUNCTION pathway_council() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pathway_council() TO PUBLIC;

-- The erasure's ticket (migration 025) is bound the same way. An erasure runs in a transaction that
-- entered its council, so the transaction already has its id when the ticket is made.
CREATE OR REPLACE FUNCTION pathway_erasure_ticket(person uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to(value || ':erase:' || person::text || ':' || pg_backend_pid()::text || ':'
    || now()::text || ':' || pg_current_xact_id_if_assigned()::text, 'UTF8')), 'hex')
  FROM pathway_secrets WHERE name = 'council_key'
$$;
REVOKE ALL ON FUNCTION pathway_erasure_ticket(uuid) FROM PUBLIC;
