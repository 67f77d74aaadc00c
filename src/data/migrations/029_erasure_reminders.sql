-- Reminders sent to a young person and their choice of contact (migration 026) are part of their
-- record: deleted with it, whole, after its keeping (CPPCR 2010 reg 50; migration 025), and never
-- otherwise. A young person's contact choice names them by person_id (staff choose there too).
CREATE OR REPLACE FUNCTION pathway_row_person(t text, r jsonb) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF t = 'young_people' THEN RETURN (r ->> 'id')::uuid; END IF;
  IF r ? 'young_person_id' THEN RETURN (r ->> 'young_person_id')::uuid; END IF;
  IF t = 'audit_answers' THEN
    RETURN (SELECT s.young_person_id FROM audit_submissions s WHERE s.id = (r ->> 'submission_id')::uuid);
  ELSIF t = 'messages' THEN
    RETURN (SELECT m.young_person_id FROM message_threads m WHERE m.id = (r ->> 'thread_id')::uuid);
  ELSIF t = 'review_conflicts' THEN
    RETURN (SELECT v.young_person_id FROM reviews v WHERE v.id = (r ->> 'review_id')::uuid);
  ELSIF t = 'contact_preferences' AND r ->> 'person_kind' = 'young_person' THEN
    RETURN (r ->> 'person_id')::uuid;
  END IF;
  RETURN NULL;
END $$;

GRANT DELETE ON reminder_messages, contact_preferences TO pathway_app;
CREATE TRIGGER reminder_messages_erased_only BEFORE DELETE ON reminder_messages FOR EACH ROW
  EXECUTE FUNCTION pathway_refuse_change('a young person''s record is deleted only whole, after its keeping (CPPCR 2010 reg 50)');
CREATE TRIGGER contact_preferences_erased_only BEFORE DELETE ON contact_preferences FOR EACH ROW
  EXECUTE FUNCTION pathway_refuse_change('a young person''s record is deleted only whole, after its keeping (CPPCR 2010 reg 50)');
