-- Targets for every percentage on the performance pages where higher is better (issue 10 §1: "the
-- council sets a target per measure"): besides the three of migration 008, approved plans rated good
-- or outstanding and young people who felt involved all or most of the time (/performance/quality),
-- and the outcomes at 19 to 21 (in touch; in education, employment or training; in suitable
-- accommodation). The CHECK written inline in 008 is named by PostgreSQL
-- performance_targets_measure_check; it is replaced, keeping its name.

ALTER TABLE performance_targets DROP CONSTRAINT performance_targets_measure_check;
ALTER TABLE performance_targets ADD CONSTRAINT performance_targets_measure_check CHECK (measure IN (
  'plans-16-17', 'care-leavers', 'unaccompanied', 'quality-good', 'quality-involvement',
  'outcomes-in-touch', 'outcomes-eet', 'outcomes-suitable'
));
