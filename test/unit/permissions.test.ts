// Who may see which young person's record: the permission table and record predicates
// (foundation issue: "Who may see what").
import { describe, expect, it } from 'vitest';
import { recordFacts } from '../support/record-facts.ts';
import {
  can,
  canAccessRecord,
  canAllocate,
  canClose,
  canCreateInTeam,
  type Principal,
  type RecordFacts,
  type StaffRole,
} from '../../src/domain/permissions.ts';

const COUNCIL = 'c1';
const me = 'staff-me';
const record = recordFacts;
const staff = (role: StaffRole, teamId: string | null = 'team-a'): Principal => ({
  kind: 'staff',
  id: me,
  councilId: COUNCIL,
  role,
  teamId,
  name: 'Me',
});

type Row = [string, Principal, RecordFacts, boolean];
const rows: Row[] = [
  // young person: own record only
  ['young person, own record', { kind: 'young_person', id: 'yp1', councilId: COUNCIL, name: 'A' }, record(), true],
  ['young person, another record', { kind: 'young_person', id: 'yp2', councilId: COUNCIL, name: 'B' }, record(), false],
  // workers: allocated, or in their team
  ['adviser, allocated, other team', staff('personal_adviser', 'team-b'), record({ personalAdviserId: me }), true],
  ['adviser, same team, not allocated', staff('personal_adviser'), record(), true],
  ['adviser, other team, not allocated', staff('personal_adviser', 'team-b'), record(), false],
  ['social worker, allocated', staff('social_worker', 'team-b'), record({ socialWorkerId: me }), true],
  ['social worker, other team', staff('social_worker', 'team-b'), record(), false],
  // managers
  ['team manager, own team', staff('team_manager'), record(), true],
  ['team manager, other team', staff('team_manager', 'team-b'), record(), false],
  ['service manager, any team', staff('service_manager', null), record({ teamId: 'team-z' }), true],
  // IRO: looked-after children only
  ['IRO, looked after now', staff('independent_reviewing_officer', null), record({ lookedAfterNow: true }), true],
  ['IRO, care leaver', staff('independent_reviewing_officer', null), record(), false],
  // administrators never read case content
  ['administrator', staff('council_admin', 'team-a'), record(), false],
  // restricted records: only named staff, whatever their role
  ['restricted, service manager not named', staff('service_manager', null), record({ restricted: true }), false],
  [
    'restricted, allocated adviser not named',
    staff('personal_adviser'),
    record({ restricted: true, personalAdviserId: me }),
    false,
  ],
  [
    'restricted, named adviser in another team',
    staff('personal_adviser', 'team-b'),
    record({ restricted: true, namedStaffIds: [me] }),
    true,
  ],
  [
    'restricted, named administrator',
    staff('council_admin', null),
    record({ restricted: true, namedStaffIds: [me] }),
    false,
  ],
  [
    'restricted, young person own',
    { kind: 'young_person', id: 'yp1', councilId: COUNCIL, name: 'A' },
    record({ restricted: true }),
    true,
  ],
  // another council: never
  [
    'service manager, another council',
    { ...staff('service_manager', null), councilId: 'c2' } as Principal,
    record(),
    false,
  ],
  [
    'young person, same id in another council',
    { kind: 'young_person', id: 'yp1', councilId: 'c2', name: 'A' },
    record(),
    false,
  ],
];

describe('canAccessRecord (record predicates)', () => {
  it.each(rows)('%s', (_name, principal, facts, expected) => {
    expect(canAccessRecord(principal, facts)).toBe(expected);
  });
});

describe('capabilities (the permission table)', () => {
  it.each([
    ['personal_adviser', 'caseload.view', true],
    ['personal_adviser', 'team.view', false],
    ['personal_adviser', 'audit.view', false],
    ['team_manager', 'team.view', true],
    ['team_manager', 'audit.view', true],
    ['team_manager', 'council.view', false],
    ['service_manager', 'council.view', true],
    ['service_manager', 'staff.manage', false],
    ['council_admin', 'staff.manage', true],
    ['council_admin', 'record.view', false],
    // Issue 11 §4: an administrator imports the council's SSDA903 return; no one else does.
    ['council_admin', 'records.import', true],
    ['service_manager', 'records.import', false],
    ['team_manager', 'records.import', false],
    ['personal_adviser', 'records.import', false],
    // Issue 11 §4: a service manager or an administrator exports the return; workers and their managers do not.
    ['service_manager', 'records.export', true],
    ['council_admin', 'records.export', true],
    ['team_manager', 'records.export', false],
    ['personal_adviser', 'records.export', false],
    ['independent_reviewing_officer', 'records.export', false],
    ['independent_reviewing_officer', 'invitation.create', false],
  ] as const)('%s %s → %s', (role, capability, expected) => {
    expect(can(staff(role), capability)).toBe(expected);
  });

  it('a young person can only view their record', () => {
    const yp: Principal = { kind: 'young_person', id: 'yp1', councilId: COUNCIL, name: 'A' };
    expect(can(yp, 'record.view')).toBe(true);
    for (const c of ['record.search', 'caseload.view', 'audit.view', 'staff.manage'] as const)
      expect(can(yp, c)).toBe(false);
  });
});

// Issue 11 §1: managers add young people and allocate cases; workers record what happens but do not allocate.
describe('canCreateInTeam (who adds a young person to which team)', () => {
  it.each([
    ['team manager, own team', staff('team_manager'), 'team-a', true],
    ['team manager, another team', staff('team_manager'), 'team-b', false],
    ['service manager, any team', staff('service_manager', null), 'team-z', true],
    ['personal adviser, own team', staff('personal_adviser'), 'team-a', false],
    ['social worker, own team', staff('social_worker'), 'team-a', false],
    ['IRO', staff('independent_reviewing_officer', null), 'team-a', false],
    ['administrator, own team', staff('council_admin'), 'team-a', false],
    ['young person', { kind: 'young_person', id: 'yp1', councilId: COUNCIL, name: 'A' } as Principal, 'team-a', false],
  ])('%s', (_name, principal, teamId, expected) => {
    expect(canCreateInTeam(principal, teamId)).toBe(expected);
  });
});

describe('canAllocate (who allocates, transfers and ends workers, and moves a case between teams)', () => {
  it.each([
    ['team manager, own team’s case', staff('team_manager'), record(), true],
    [
      'team manager, case allocated to them in another team',
      staff('team_manager', 'team-b'),
      record({ personalAdviserId: me }),
      false,
    ],
    ['team manager, another team’s case', staff('team_manager', 'team-b'), record(), false],
    ['service manager, any team', staff('service_manager', null), record({ teamId: 'team-z' }), true],
    ['service manager, restricted and not named', staff('service_manager', null), record({ restricted: true }), false],
    [
      'service manager, restricted and named',
      staff('service_manager', null),
      record({ restricted: true, namedStaffIds: [me] }),
      true,
    ],
    ['personal adviser, allocated', staff('personal_adviser'), record({ personalAdviserId: me }), false],
    ['social worker, same team', staff('social_worker'), record(), false],
    ['IRO, looked after', staff('independent_reviewing_officer', null), record({ lookedAfterNow: true }), false],
    ['administrator', staff('council_admin'), record(), false],
    [
      'service manager of another council',
      { ...staff('service_manager', null), councilId: 'c2' } as Principal,
      record(),
      false,
    ],
  ])('%s', (_name, principal, facts, expected) => {
    expect(canAllocate(principal, facts)).toBe(expected);
  });
});

describe('canClose (who closes and reopens a case, issue 11 §3)', () => {
  it.each([
    ['team manager, own team’s case', staff('team_manager'), record(), true],
    ['team manager, another team’s case', staff('team_manager', 'team-b'), record(), false],
    [
      'team manager, case allocated to them in another team',
      staff('team_manager', 'team-b'),
      record({ personalAdviserId: me }),
      false,
    ],
    ['service manager, any team', staff('service_manager', null), record({ teamId: 'team-z' }), true],
    ['service manager, restricted and not named', staff('service_manager', null), record({ restricted: true }), false],
    ['personal adviser, allocated', staff('personal_adviser'), record({ personalAdviserId: me }), false],
    ['social worker, allocated', staff('social_worker'), record({ socialWorkerId: me }), false],
    ['IRO, looked after', staff('independent_reviewing_officer', null), record({ lookedAfterNow: true }), false],
    ['administrator', staff('council_admin'), record(), false],
    [
      'young person, own record',
      { kind: 'young_person', id: 'yp1', councilId: COUNCIL, name: 'A' } as Principal,
      record(),
      false,
    ],
  ])('%s', (_name, principal, facts, expected) => {
    expect(canClose(principal, facts)).toBe(expected);
  });
});

// Issue 11 §5: a council system's API token is a service identity of its council. A read token reads
// every record of its council that is not restricted; a write token also creates, records, allocates
// and closes; neither reaches another council, a restricted record, or anything an administrator does.
describe('API tokens', () => {
  const token = (role: 'api_read' | 'api_write'): Principal => ({
    kind: 'api_token',
    id: 'admin-who-issued-it',
    tokenId: 't1',
    councilId: COUNCIL,
    role,
    teamId: null,
    name: 'Mosaic',
  });
  const table: [string, Principal, (p: Principal) => boolean, boolean][] = [
    ['read token reads a record of its council', token('api_read'), (p) => canAccessRecord(p, record()), true],
    ['read token, another council', token('api_read'), (p) => canAccessRecord(p, record({ councilId: 'c2' })), false],
    [
      'read token, a restricted record',
      token('api_read'),
      (p) => canAccessRecord(p, record({ restricted: true, namedStaffIds: [me] })),
      false,
    ],
    ['read token may not create', token('api_read'), (p) => canCreateInTeam(p, 'team-a'), false],
    ['read token may not allocate', token('api_read'), (p) => canAllocate(p, record()), false],
    ['read token may not close', token('api_read'), (p) => canClose(p, record()), false],
    ['read token may not record', token('api_read'), (p) => can(p, 'record.update'), false],
    ['write token creates in any team', token('api_write'), (p) => canCreateInTeam(p, 'team-b'), true],
    ['write token allocates', token('api_write'), (p) => canAllocate(p, record({ teamId: 'team-b' })), true],
    ['write token closes', token('api_write'), (p) => canClose(p, record()), true],
    ['write token, another council', token('api_write'), (p) => canAllocate(p, record({ councilId: 'c2' })), false],
    [
      'no token manages tokens or staff',
      token('api_write'),
      (p) => can(p, 'api.manage') || can(p, 'staff.manage'),
      false,
    ],
    ['an administrator manages tokens', staff('council_admin'), (p) => can(p, 'api.manage'), true],
    ['a service manager does not', staff('service_manager'), (p) => can(p, 'api.manage'), false],
  ];
  it.each(table)('%s', (_name, principal, rule, expected) => {
    expect(rule(principal)).toBe(expected);
  });
});
