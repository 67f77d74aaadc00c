// The facts about a record that permission rules read (domain/permissions.ts RecordFacts), for table tests:
// young person yp1 of council c1 in team-a, nobody allocated, not restricted, not looked after.
import type { RecordFacts } from '../../src/domain/permissions.ts';

export const recordFacts = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  id: 'yp1',
  councilId: 'c1',
  teamId: 'team-a',
  socialWorkerId: null,
  personalAdviserId: null,
  restricted: false,
  namedStaffIds: [],
  lookedAfterNow: false,
  ...over,
});
