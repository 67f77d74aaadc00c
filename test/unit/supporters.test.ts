// A young person's supporters (issue 12 §6): someone they named may reach their plan pages — to read, and to
// write their part only with "help write" — and nothing else. The permission table, one row a case.
import { describe, expect, it } from 'vitest';
import { recordFacts } from '../support/record-facts.ts';
import {
  CAPABILITIES,
  type Capability,
  can,
  canAccessRecord,
  canAllocate,
  canCreateInTeam,
  canReachPlan,
  canUseThread,
  type Principal,
  type RecordFacts,
} from '../../src/domain/permissions.ts';
import { supporterForm, supporterLooksShown, supporterStatus } from '../../src/domain/supporters.ts';

const record = recordFacts;
const supporter = (over: Partial<Extract<Principal, { kind: 'supporter' }>> = {}): Principal => ({
  kind: 'supporter',
  id: 'supporter-1',
  councilId: 'c1',
  youngPersonId: 'yp1',
  access: 'read',
  name: 'Sam',
  ...over,
});
const reader = supporter();
const helper = supporter({ access: 'help_write' });

describe('canReachPlan: a supporter and the plan of the young person who named them', () => {
  const rows: [string, Principal, RecordFacts, 'read' | 'write', boolean][] = [
    ['reader reads the plan', reader, record(), 'read', true],
    ['reader may not write the young person’s part', reader, record(), 'write', false],
    ['helper reads the plan', helper, record(), 'read', true],
    ['helper writes the young person’s part', helper, record(), 'write', true],
    ['reader, another young person’s plan', reader, record({ id: 'yp2' }), 'read', false],
    ['helper, another young person’s plan', helper, record({ id: 'yp2' }), 'write', false],
    ['reader, same young person id in another council', reader, record({ councilId: 'c2' }), 'read', false],
    ['helper, another council', helper, record({ councilId: 'c2' }), 'write', false],
    // A restricted record hides the record from staff not named on it; the young person's own plan stays
    // theirs to share.
    ['reader, a restricted record', reader, record({ restricted: true }), 'read', true],
    [
      'the young person, own plan',
      { kind: 'young_person', id: 'yp1', councilId: 'c1', name: 'A' },
      record(),
      'write',
      true,
    ],
    [
      'a worker with the case, as for the record',
      { kind: 'staff', id: 'pa', councilId: 'c1', role: 'personal_adviser', teamId: 'team-b', name: 'P' },
      record({ personalAdviserId: 'pa' }),
      'read',
      true,
    ],
  ];
  it.each(rows)('%s', (_name, principal, facts, mode, expected) => {
    expect(canReachPlan(principal, facts, mode)).toBe(expected);
  });
});

describe('a supporter reaches nothing else (issue 12 §6)', () => {
  const allCapabilities = [...new Set(Object.values(CAPABILITIES).flat())] as Capability[];
  const allowed = (p: Principal) => allCapabilities.filter((c) => can(p, c)).sort();

  it.each([
    ['reader', reader, ['plan.read']],
    ['helper', helper, ['plan.read', 'plan.write-part']],
  ] as const)('%s has only the plan capabilities', (_name, principal, expected) => {
    expect(allowed(principal)).toEqual([...expected]);
  });

  it.each([
    ['the record', (p: Principal) => canAccessRecord(p, record())],
    ['the record, restricted', (p: Principal) => canAccessRecord(p, record({ restricted: true }))],
    ['messages with the worker', (p: Principal) => canUseThread(p, { youngPersonId: 'yp1', staffId: 'pa' })],
    ['allocating workers', (p: Principal) => canAllocate(p, record())],
    ['adding a young person', (p: Principal) => canCreateInTeam(p, 'team-a')],
  ])('not %s', (_name, rule) => {
    expect(rule(reader)).toBe(false);
    expect(rule(helper)).toBe(false);
  });

  it.each([
    'record.view',
    'check-in.record',
    'messages.use',
    'record-views.view',
    'review.request',
    'supporters.manage',
  ] as const)('no %s', (capability) => {
    expect(can(reader, capability)).toBe(false);
    expect(can(helper, capability)).toBe(false);
  });
});

describe('supporterStatus: removed is removed, whatever else', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const later = new Date('2026-11-27T12:00:00Z');
  const before = new Date('2026-11-19T12:00:00Z');
  it.each([
    ['invited, link in date', { usedAt: null, expiresAt: later, removedAt: null }, 'invited'],
    ['invited, link ran out', { usedAt: null, expiresAt: before, removedAt: null }, 'expired'],
    ['signed up', { usedAt: before, expiresAt: before, removedAt: null }, 'active'],
    ['signed up, then removed', { usedAt: before, expiresAt: before, removedAt: now }, 'removed'],
    [
      'removed before using the link (before migration 034)',
      { usedAt: null, expiresAt: later, removedAt: now },
      'removed',
    ],
    [
      'removed before using the link, which was cancelled',
      { usedAt: null, expiresAt: later, removedAt: now, linkRevokedAt: now },
      'revoked',
    ],
  ] as const)('%s', (_name, row, expected) => {
    expect(supporterStatus(row, now)).toBe(expected);
  });
});

describe('supporterForm', () => {
  it.each([
    ['all given', { name: ' Sam ', relationship: 'advocate', access: 'help_write' }, null],
    ['no name', { name: '  ', relationship: 'carer', access: 'read' }, 'supporters.errors.name'],
    ['a name too long', { name: 'x'.repeat(101), relationship: 'carer', access: 'read' }, 'supporters.errors.nameLong'],
    ['no kind', { name: 'Sam', access: 'read' }, 'supporters.errors.relationship'],
    ['an unknown kind', { name: 'Sam', relationship: 'boss', access: 'read' }, 'supporters.errors.relationship'],
    ['an access not offered', { name: 'Sam', relationship: 'other', access: 'write_all' }, 'supporters.errors.access'],
  ])('%s', (_name, input, error) => {
    const parsed = supporterForm.safeParse(input);
    expect(parsed.success ? null : parsed.error.issues[0].message).toBe(error);
    if (parsed.success) expect(parsed.data.name).toBe('Sam');
  });
});

describe('supporterLooksShown', () => {
  it('one line a supporter a day, newest first', () => {
    const rows = [
      { actorId: 'a', name: 'Sam', on: '2026-11-20' },
      { actorId: 'a', name: 'Sam', on: '2026-11-20' },
      { actorId: 'b', name: 'Jo', on: '2026-11-20' },
      { actorId: 'a', name: 'Sam', on: '2026-11-19' },
    ];
    expect(supporterLooksShown(rows)).toEqual([
      { on: '2026-11-20', name: 'Sam' },
      { on: '2026-11-20', name: 'Jo' },
      { on: '2026-11-19', name: 'Sam' },
    ]);
  });
});
