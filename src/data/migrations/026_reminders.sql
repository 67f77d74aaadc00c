-- Reminders by GOV.UK Notify (issue 12 §3). How each person wants to be contacted (a young person for
-- their reminders, a member of staff for their weekly digest), and every message Pathway sent or, with no
-- Notify key, would have sent (the demo outbox). The job queue's own tables are pg-boss's, in the schema
-- `pgboss`, made by the library itself when the database is migrated (src/data/queue.ts).

CREATE TABLE contact_preferences (
  council_id uuid NOT NULL REFERENCES councils(id),
  person_kind text NOT NULL CHECK (person_kind IN ('young_person', 'staff')),
  person_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'none')),
  email text CHECK (char_length(email) <= 320),
  phone text CHECK (char_length(phone) <= 40),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL,
  PRIMARY KEY (council_id, person_kind, person_id),
  CHECK (channel <> 'email' OR email IS NOT NULL),
  CHECK (channel <> 'sms' OR phone IS NOT NULL)
);
-- The nightly and weekly jobs look only at people who chose a way to be contacted.
CREATE INDEX contact_preferences_chosen_idx ON contact_preferences (council_id, person_kind) WHERE channel <> 'none';

-- One row per queued job that reached a person: claimed ('sending') before Notify is called, so a job
-- run twice (a retry after a crash, or a second worker) never sends twice. No message body is kept:
-- the words are Notify's template; what filled it in is `personalisation`.
CREATE TABLE reminder_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES councils(id),
  job_id uuid NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('plan_ready', 'review_soon', 'help_seen', 'weekly_digest')),
  person_kind text NOT NULL CHECK (person_kind IN ('young_person', 'staff')),
  person_id uuid NOT NULL,
  young_person_id uuid REFERENCES young_people(id),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL,
  template_id text,
  personalisation jsonb NOT NULL,
  -- failed: Notify refused or could not be reached, tried again by the queue; interrupted: the process
  -- stopped while sending, so whether it went is unknown, and it is never tried again.
  status text NOT NULL CHECK (status IN ('sending', 'sent', 'outbox', 'failed', 'interrupted')),
  notify_id text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX reminder_messages_council_idx ON reminder_messages (council_id, created_at DESC);

SELECT pathway_council_table(t, 'SELECT, INSERT, UPDATE')
FROM unnest(ARRAY['contact_preferences', 'reminder_messages']) AS t;
