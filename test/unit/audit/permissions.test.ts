// Who may draw a dip sample and who may audit a sampled plan (issue 10 §4: "a service manager draws a
// random sample … assigned to auditors").
import { describe, expect, it } from 'vitest';
import { recordFacts } from '../../support/record-facts.ts';
import {
  can,
  canAuditItem,
  STAFF_ROLES,
  type Principal,
  type RecordFacts,
  type StaffRole,
} from '../../../src/domain/permissions.ts';

const me = 'staff-me';
const record = (over: Partial<RecordFacts> = {}): RecordFacts => recordFacts({ lookedAfterNow: true, ...over });
const staff = (role: StaffRole, teamId = 'team-a', councilId = 'c1'): Principal => ({
  kind: 'staff',
  id: me,
  councilId,
  role,
  teamId,
  name: 'Me',
});

describe('capabilities: service managers draw; managers and IROs audit', () => {
  it.each(STAFF_ROLES.map((r) => [r]))('%s', (role) => {
    expect(can(staff(role), 'audit.draw')).toBe(role === 'service_manager');
    expect(can(staff(role), 'audit.do')).toBe(
      ['service_manager', 'team_manager', 'independent_reviewing_officer'].includes(role),
    );
  });
});

describe('canAuditItem: the assigned auditor, while they may read the record', () => {
  it.each<[string, Principal, string | null, RecordFacts, boolean]>([
    ['team manager assigned, own team', staff('team_manager'), me, record(), true],
    ['team manager not assigned', staff('team_manager'), 'someone-else', record(), false],
    ['nobody assigned yet', staff('service_manager'), null, record(), false],
    [
      'team manager assigned, another team (cannot read the record)',
      staff('team_manager', 'team-b'),
      me,
      record(),
      false,
    ],
    ['IRO assigned, looked after now', staff('independent_reviewing_officer'), me, record(), true],
    [
      'IRO assigned, no longer looked after',
      staff('independent_reviewing_officer'),
      me,
      record({ lookedAfterNow: false }),
      false,
    ],
    [
      'service manager assigned, restricted and not named',
      staff('service_manager'),
      me,
      record({ restricted: true }),
      false,
    ],
    [
      'service manager assigned, restricted and named',
      staff('service_manager'),
      me,
      record({ restricted: true, namedStaffIds: [me] }),
      true,
    ],
    ['service manager assigned, another council', staff('service_manager', 'team-a', 'c2'), me, record(), false],
    [
      'personal adviser assigned (may not audit)',
      staff('personal_adviser'),
      me,
      record({ personalAdviserId: me }),
      false,
    ],
  ])('%s', (_rule, principal, auditorId, facts, expected) => {
    expect(canAuditItem(principal, auditorId, facts)).toBe(expected);
  });
});
