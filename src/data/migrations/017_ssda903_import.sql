-- Importing the SSDA903 return (issue 11 §4): a young person is matched on the return's CHILD id,
-- kept here, so importing again updates their record and never makes a second one. One CHILD per
-- council. A record made from the return without people.csv has no name yet: it is named by its CHILD
-- id and flagged until someone gives its real name. No new table, so row-level security is as before.
ALTER TABLE young_people ADD COLUMN ssda903_id text;
ALTER TABLE young_people ADD COLUMN needs_name boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX young_people_ssda903_id_idx ON young_people (council_id, ssda903_id)
  WHERE ssda903_id IS NOT NULL;
