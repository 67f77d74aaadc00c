-- Targets (issue 10 §1): the council's target for each percentage on the performance page (say
-- 90 %), set by a service manager, shown beside the figure and as a line on its chart. One target a
-- measure; setting it again replaces it and clearing it removes it (the audit trail keeps each change).

CREATE TABLE performance_targets (
  council_id uuid NOT NULL REFERENCES councils(id),
  measure text NOT NULL CHECK (measure IN ('plans-16-17', 'care-leavers', 'unaccompanied')),
  percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  set_by uuid NOT NULL REFERENCES staff(id),
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (council_id, measure)
);

SELECT pathway_council_table('performance_targets', 'SELECT, INSERT, UPDATE, DELETE');
