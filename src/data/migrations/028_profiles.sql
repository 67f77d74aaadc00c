-- Issue 12 §4: each worker's one-page profile, which young people see on their home, and the council's
-- policy for "Who has looked at my record" (names shown, or role and team only).

-- A worker's profile, written by that worker only (the service checks it; audited). The photo is kept
-- as the bytes the app re-encoded (JPEG or PNG, metadata such as a location stripped), never as sent.
CREATE TABLE staff_profiles (
  staff_id uuid PRIMARY KEY REFERENCES staff(id),
  council_id uuid NOT NULL REFERENCES councils(id),
  about_me text NOT NULL DEFAULT '' CHECK (char_length(about_me) <= 1000),
  how_i_work text NOT NULL DEFAULT '' CHECK (char_length(how_i_work) <= 1000),
  when_around text NOT NULL DEFAULT '' CHECK (char_length(when_around) <= 500),
  how_to_reach text NOT NULL DEFAULT '' CHECK (char_length(how_to_reach) <= 500),
  languages text NOT NULL DEFAULT '' CHECK (char_length(languages) <= 300),
  photo bytea CHECK (octet_length(photo) <= 524288),
  photo_type text CHECK (photo_type IN ('image/jpeg', 'image/png')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((photo IS NULL) = (photo_type IS NULL))
);
CREATE INDEX staff_profiles_council_idx ON staff_profiles (council_id);

-- Whether a young person sees the names of the staff who looked at their record, or only their role and
-- team. Without a row: role and team only.
CREATE TABLE council_record_view_policy (
  council_id uuid PRIMARY KEY REFERENCES councils(id),
  show_names boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff(id)
);

SELECT pathway_council_table(t, 'SELECT, INSERT, UPDATE')
FROM unnest(ARRAY['staff_profiles', 'council_record_view_policy']) AS t;

-- "Who has looked at my record" reads only staff's allowed actions on one record, newest first: an index
-- of those rows alone, so a record that the young person uses a lot (check-ins, messages) stays fast.
CREATE INDEX audit_events_staff_looks_idx ON audit_events (council_id, young_person_id, occurred_at DESC)
  WHERE actor_kind = 'staff' AND outcome = 'allowed';
