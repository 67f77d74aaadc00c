-- The young person's companion (issue 12 §1, §2): check-ins, help requests as tasks for staff, message
-- threads with their workers, and the council's contact settings the young person is shown. Check-ins
-- and messages are records of what was said: never changed or deleted.

-- How things are, on a 5-point scale (1 = really bad … 5 = really good), in their own words, with topics.
CREATE TABLE check_ins (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  feeling smallint NOT NULL CHECK (feeling BETWEEN 1 AND 5),
  words text CHECK (char_length(words) <= 2000),
  topics text[] NOT NULL DEFAULT '{}',
  needs_help boolean NOT NULL DEFAULT false,
  not_safe boolean NOT NULL DEFAULT false,
  checked_in_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX check_ins_yp_idx ON check_ins (council_id, young_person_id, checked_in_at DESC);

-- Work a member of staff owes a young person, such as answering "I need help". `assigned_to` is their
-- personal adviser when they have one; without one the task is the team's (its manager sees it).
CREATE TABLE staff_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  kind text NOT NULL CHECK (kind IN ('help_request')),
  assigned_to uuid REFERENCES staff(id),
  check_in_id uuid REFERENCES check_ins(id),
  due_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by uuid REFERENCES staff(id),
  CHECK ((done_at IS NULL) = (done_by IS NULL))
);
CREATE INDEX staff_tasks_open_idx ON staff_tasks (council_id, assigned_to, due_on) WHERE done_at IS NULL;
CREATE INDEX staff_tasks_team_idx ON staff_tasks (council_id, team_id, due_on) WHERE done_at IS NULL;

-- A conversation between a young person and one of their workers. The thread row is locked for each
-- new message, which numbers it (seq): two replies at once both keep their place, and a reader's
-- "read up to" mark never skips a message that commits later.
CREATE TABLE message_threads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  staff_id uuid NOT NULL REFERENCES staff(id),
  subject text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 200),
  started_at timestamptz NOT NULL DEFAULT now(),
  message_count integer NOT NULL DEFAULT 0,
  last_message_at timestamptz,
  young_person_read_seq integer NOT NULL DEFAULT 0,
  staff_read_seq integer NOT NULL DEFAULT 0,
  -- When the young person's latest words wait for an answer: the worker's reply is due by then.
  reply_due_on date
);
CREATE INDEX message_threads_yp_idx ON message_threads (council_id, young_person_id, last_message_at DESC);
CREATE INDEX message_threads_staff_idx ON message_threads (council_id, staff_id, last_message_at DESC);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  thread_id uuid NOT NULL REFERENCES message_threads(id),
  seq integer NOT NULL,
  author_kind text NOT NULL CHECK (author_kind IN ('young_person', 'staff')),
  author_id uuid NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
  sent_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (thread_id, seq)
);

-- What the council tells its young people: the out-of-hours number, and office hours (Monday to Friday,
-- not bank holidays) outside which messages get a notice that no one may read them until the next day.
CREATE TABLE council_contact_settings (
  council_id uuid PRIMARY KEY REFERENCES councils(id),
  out_of_hours_phone text CHECK (char_length(out_of_hours_phone) <= 40),
  office_opens text NOT NULL DEFAULT '09:00' CHECK (office_opens ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  office_closes text NOT NULL DEFAULT '17:00' CHECK (office_closes ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff(id),
  CHECK (office_opens < office_closes)
);

SELECT pathway_council_table(t, 'SELECT, INSERT') FROM unnest(ARRAY['check_ins', 'messages']) AS t;
SELECT pathway_council_table(t, 'SELECT, INSERT, UPDATE')
FROM unnest(ARRAY['staff_tasks', 'message_threads', 'council_contact_settings']) AS t;

CREATE TRIGGER check_ins_kept BEFORE UPDATE OR DELETE ON check_ins
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('a check-in cannot be changed');
CREATE TRIGGER check_ins_no_truncate BEFORE TRUNCATE ON check_ins
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('a check-in cannot be changed');
CREATE TRIGGER messages_kept BEFORE UPDATE OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change('a message cannot be changed or deleted');
CREATE TRIGGER messages_no_truncate BEFORE TRUNCATE ON messages
  FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change('a message cannot be changed or deleted');
