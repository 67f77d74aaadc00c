-- The language a young person reads Pathway in (issue 12 §5), saved on their account so that signing in
-- on another device brings it back. NULL: not chosen (English). The app keeps the list of languages;
-- the database only refuses what is not a language tag.
ALTER TABLE young_person_accounts
  ADD COLUMN language text CHECK (language IS NULL OR language ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
