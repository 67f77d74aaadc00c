// Dorset's table (issue 10, part 1a): who is counted, in which team, with a
// plan and in date — one row per rule, then a hand-computed table and its CSV.
import { describe, expect, it } from 'vitest';
import {
  percentOf,
  plans16To17Csv,
  plansForLookedAfter16And17,
  type Plans16To17Table,
  type YoungPersonRecord,
} from '../../../src/domain/oversight/index.ts';
import { DEFAULT_POLICY, type LocalPolicy } from '../../../src/domain/statutory/index.ts';
import { AS_AT, allocated, buildPlanHistory, buildYoungPerson, facts, inCare, TEAM_A, TEAM_B } from './builders.ts';

interface Row {
  rule: string;
  person?: Partial<YoungPersonRecord>;
  approved?: string[];
  asAt?: string;
  policy?: LocalPolicy;
  /** Where the young person is counted: a team id, 'no team', or 'not counted'. */
  counted: string;
  withPlan?: boolean;
  inDate?: boolean;
}

function whereCounted(table: Plans16To17Table, id: string) {
  const row = table.teams.find((r) => r.youngPeople.people.some((p) => p.id === id));
  const has = (m: { people: readonly { id: string }[] }) => m.people.some((p) => p.id === id);
  return {
    counted: row ? (row.team?.id ?? 'no team') : 'not counted',
    withPlan: has(table.allTeams.withPlan),
    inDate: has(table.allTeams.planInDate),
  };
}

const RECENT = ['2026-10-01']; // well within 7 months of AS_AT

describe.each<{ rule: string; rows: Row[] }>([
  {
    rule: 'aged 16 or 17 on the as-at date (Family Law Reform Act 1969 s9: an age is attained at the start of the birthday)',
    rows: [
      { rule: 'turns 16 on the as-at date: 16, counted', person: { dateOfBirth: '2010-11-30' }, counted: 'team-a' },
      {
        rule: 'turns 16 the day after: 15, not counted',
        person: { dateOfBirth: '2010-12-01' },
        counted: 'not counted',
      },
      {
        rule: 'turns 18 on the as-at date: 18, not counted',
        person: { dateOfBirth: '2008-11-30' },
        counted: 'not counted',
      },
      { rule: 'turns 18 the day after: still 17, counted', person: { dateOfBirth: '2008-12-01' }, counted: 'team-a' },
      {
        rule: 'born 29 Feb 2008 on 28 Feb 2026: 17 under the default 1 March birthday (§2.2(1))',
        person: { dateOfBirth: '2008-02-29' },
        asAt: '2026-02-28',
        counted: 'team-a',
      },
      {
        rule: 'the same under a council 28 February policy: 18, not counted',
        person: { dateOfBirth: '2008-02-29' },
        asAt: '2026-02-28',
        policy: { ...DEFAULT_POLICY, leapDayBirthday: 'FEB_28' },
        counted: 'not counted',
      },
    ],
  },
  {
    rule: 'an open case on the as-at date (closing day exclusive, like the 903 DEC)',
    rows: [
      {
        rule: 'closed before the as-at date: not counted',
        person: { caseClosedOn: '2026-11-01' },
        counted: 'not counted',
      },
      {
        rule: 'closed on the as-at date: not open that day, not counted',
        person: { caseClosedOn: AS_AT },
        counted: 'not counted',
      },
      {
        rule: 'closed after the as-at date: open on it, counted',
        person: { caseClosedOn: '2026-12-15' },
        counted: 'team-a',
      },
      { rule: 'opened on the as-at date: counted', person: { caseOpenedOn: AS_AT }, counted: 'team-a' },
      {
        rule: 'opened after the as-at date: not counted',
        person: { caseOpenedOn: '2026-12-01' },
        counted: 'not counted',
      },
    ],
  },
  {
    rule: 'looked after on the as-at date: an open care episode (903 episodes, end exclusive; CPPCR reg 40(2) short breaks aside)',
    rows: [
      {
        rule: 'episode ended before the as-at date: not counted',
        person: { careEpisodes: [inCare('2020-01-01', '2026-10-01')] },
        counted: 'not counted',
      },
      {
        rule: 'episode ended on the as-at date (DEC exclusive): not counted',
        person: { careEpisodes: [inCare('2020-01-01', AS_AT)] },
        counted: 'not counted',
      },
      {
        rule: 'episode ends after the as-at date: looked after on it, counted',
        person: { careEpisodes: [inCare('2020-01-01', '2026-12-01')] },
        counted: 'team-a',
      },
      {
        rule: 'episode starts after the as-at date: not yet looked after, not counted',
        person: { careEpisodes: [inCare('2026-12-01')] },
        counted: 'not counted',
      },
      {
        rule: 'an open short break (LS V3) only: no pathway plan duty, not counted',
        person: { careEpisodes: [inCare('2026-11-28', null, 'V3')] },
        counted: 'not counted',
      },
      {
        rule: 'came back into care after an earlier episode ended: counted',
        person: { careEpisodes: [inCare('2020-01-01', '2025-01-01'), inCare('2026-06-01')] },
        counted: 'team-a',
      },
    ],
  },
  {
    rule: 'the team on the as-at date, from the allocation history (allocation end exclusive), not today’s team',
    rows: [
      {
        rule: 'moved from A to B before the as-at date: counted in B',
        person: { allocations: [allocated(TEAM_A, '2024-01-01', '2026-11-01'), allocated(TEAM_B, '2026-11-01')] },
        counted: 'team-b',
      },
      {
        rule: 'moved from A to B after the as-at date: counted in A',
        person: { allocations: [allocated(TEAM_A, '2024-01-01', '2026-12-10'), allocated(TEAM_B, '2026-12-10')] },
        counted: 'team-a',
      },
      {
        rule: 'moved to B on the as-at date: counted in B',
        person: { allocations: [allocated(TEAM_A, '2024-01-01', AS_AT), allocated(TEAM_B, AS_AT)] },
        counted: 'team-b',
      },
      {
        rule: 'allocated to no team on the as-at date: counted in the no-team row (and in All teams)',
        person: { allocations: [allocated(TEAM_A, '2024-01-01', '2026-11-01')] },
        counted: 'no team',
      },
    ],
  },
  {
    rule: 'with a pathway plan: one approved on or before the as-at date',
    rows: [
      { rule: 'no plan ever', approved: [], counted: 'team-a', withPlan: false, inDate: false },
      { rule: 'approved on the as-at date', approved: [AS_AT], counted: 'team-a', withPlan: true, inDate: true },
      {
        rule: 'approved only after the as-at date: not with a plan',
        approved: ['2026-12-01'],
        counted: 'team-a',
        withPlan: false,
        inDate: false,
      },
      {
        rule: 'an old plan, and a newer one after the as-at date: the old one is the latest on the day',
        approved: ['2025-12-01', '2026-12-01'],
        counted: 'team-a',
        withPlan: true,
        inDate: false,
      },
    ],
  },
  {
    rule: 'in date: latest plan approved within 7 months (policy), the last day counting (isPlanInDate, §2.2(5) calendar months)',
    rows: [
      {
        rule: 'approved exactly 7 months before (30 Apr → 30 Nov): in date',
        approved: ['2026-04-30'],
        counted: 'team-a',
        withPlan: true,
        inDate: true,
      },
      {
        rule: 'approved 7 months and a day before: out of date',
        approved: ['2026-04-29'],
        counted: 'team-a',
        withPlan: true,
        inDate: false,
      },
      {
        rule: 'the latest plan decides, not the first',
        approved: ['2025-01-01', '2026-05-01'],
        counted: 'team-a',
        withPlan: true,
        inDate: true,
      },
      {
        rule: 'end-of-month clamping: 31 Jul 2025 + 7 months = 28 Feb 2026, in date that day',
        approved: ['2025-07-31'],
        asAt: '2026-02-28',
        counted: 'team-a',
        withPlan: true,
        inDate: true,
      },
      {
        rule: 'a council 6-month window: exactly 6 months before is in date',
        approved: ['2026-05-30'],
        policy: { ...DEFAULT_POLICY, inDateWindowMonths: 6 },
        counted: 'team-a',
        withPlan: true,
        inDate: true,
      },
      {
        rule: 'a council 6-month window: 7 months before is out of date',
        approved: ['2026-04-30'],
        policy: { ...DEFAULT_POLICY, inDateWindowMonths: 6 },
        counted: 'team-a',
        withPlan: true,
        inDate: false,
      },
    ],
  },
])('$rule', ({ rows }) => {
  it.each(rows)('$rule', ({ person, approved = RECENT, asAt = AS_AT, policy, counted, withPlan, inDate }) => {
    const yp = buildYoungPerson(person);
    const council = facts([yp], [buildPlanHistory(yp.id, approved)]);
    const table = plansForLookedAfter16And17(council, asAt, policy);
    const where = whereCounted(table, yp.id);
    expect(where.counted).toBe(counted);
    if (withPlan !== undefined) expect(where.withPlan).toBe(withPlan);
    if (inDate !== undefined) expect(where.inDate).toBe(inDate);
  });
});

describe('a restricted record is counted, and its id is in the list flagged restricted (issue 10 §1)', () => {
  it('counts it and flags it in every list it is in', () => {
    const yp = buildYoungPerson({ id: 'yp-r', restricted: true });
    const open = buildYoungPerson({ id: 'yp-o' });
    const table = plansForLookedAfter16And17(
      facts([yp, open], [buildPlanHistory('yp-r', RECENT), buildPlanHistory('yp-o', RECENT)]),
      AS_AT,
    );
    expect(table.allTeams.youngPeople.count).toBe(2);
    for (const measure of [table.teams[0].youngPeople, table.allTeams.withPlan, table.allTeams.planInDate]) {
      expect(measure.people).toEqual([
        { id: 'yp-o', restricted: false },
        { id: 'yp-r', restricted: true },
      ]);
    }
  });
});

describe('percent in date: plan in date ÷ young people 16–17 (Dorset Table 2: 81 of 103 = 79 %), one decimal, half up', () => {
  it.each<[number, number, number | null]>([
    [81, 103, 78.6],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 16, 6.3], // 6.25 rounds half up
    [0, 5, 0],
    [5, 5, 100],
    [0, 0, null], // nobody to measure: neither 0 % nor 100 %
  ])('%i of %i → %s', (part, whole, expected) => {
    expect(percentOf(part, whole)).toBe(expected);
  });
});

describe('Dorset’s table on a hand-computed council', () => {
  // Team A: 3 in scope (one with no plan, one out of date, one in date) and one too young.
  // Team B: 2 in scope, both in date, one restricted; one moved here from A before the as-at date.
  // Not counted: a closed case in B, an 18-year-old in A.
  const people = [
    buildYoungPerson({ id: 'a1' }),
    buildYoungPerson({ id: 'a2' }),
    buildYoungPerson({ id: 'a3' }),
    buildYoungPerson({ id: 'a4', dateOfBirth: '2011-01-01' }),
    buildYoungPerson({ id: 'b1', restricted: true, allocations: [allocated(TEAM_B, '2024-01-01')] }),
    buildYoungPerson({
      id: 'b2',
      allocations: [allocated(TEAM_A, '2024-01-01', '2026-06-01'), allocated(TEAM_B, '2026-06-01')],
    }),
    buildYoungPerson({ id: 'b3', caseClosedOn: '2026-09-01', allocations: [allocated(TEAM_B, '2024-01-01')] }),
    buildYoungPerson({ id: 'a5', dateOfBirth: '2008-01-01' }),
  ];
  const histories = [
    buildPlanHistory('a2', ['2025-11-01']),
    buildPlanHistory('a3', ['2026-09-01']),
    buildPlanHistory('b1', ['2026-08-01']),
    buildPlanHistory('b2', ['2026-05-01']),
    buildPlanHistory('b3', ['2026-08-01']),
  ];
  const table = plansForLookedAfter16And17(facts(people, histories), AS_AT);

  it('counts per team on the as-at date and for all teams', () => {
    const summary = [...table.teams, table.allTeams].map((r) => [
      r === table.allTeams ? 'All teams' : r.team?.id,
      r.youngPeople.count,
      r.withPlan.count,
      r.planInDate.count,
      r.percentInDate,
    ]);
    expect(summary).toEqual([
      ['team-a', 3, 2, 1, 33.3],
      ['team-b', 2, 2, 2, 100],
      ['All teams', 5, 4, 3, 60],
    ]);
    expect(table.teams[0].planInDate.people).toEqual([{ id: 'a3', restricted: false }]);
    expect(table.teams[0].youngPeople.people.map((p) => p.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('writes the CSV with exactly the issue’s header and All teams last (RFC 4180, CRLF)', () => {
    expect(plans16To17Csv(table)).toBe(
      [
        'team,young_people_16_17,with_plan,plan_in_date,percent_in_date',
        '13-25 LAC Team 1,3,2,1,33.3',
        '13-25 LAC Team 2,2,2,2,100.0',
        'All teams,5,4,3,60.0',
        '',
      ].join('\r\n'),
    );
  });

  it('with nobody in scope: no team rows, All teams of zeros and an empty percentage', () => {
    const empty = plansForLookedAfter16And17(facts([]), AS_AT);
    expect(empty.teams).toEqual([]);
    expect(empty.allTeams.percentInDate).toBeNull();
    expect(plans16To17Csv(empty)).toBe(
      'team,young_people_16_17,with_plan,plan_in_date,percent_in_date\r\nAll teams,0,0,0,\r\n',
    );
  });

  it('quotes a team name with a comma or a quote (RFC 4180 §2.6, §2.7); the no-team row is "No team"', () => {
    const odd = { id: 't', name: 'Leaving care, "North"' };
    const t = plansForLookedAfter16And17(
      facts([
        buildYoungPerson({ id: 'x', allocations: [allocated(odd, '2024-01-01')] }),
        buildYoungPerson({ id: 'y', allocations: [] }),
      ]),
      AS_AT,
    );
    expect(plans16To17Csv(t).split('\r\n').slice(1, 3)).toEqual([
      '"Leaving care, ""North""",1,0,0,0.0',
      'No team,1,0,0,0.0',
    ]);
  });
});
