// Quality and involvement (issue 10 §1d and §1e): plans approved in the 12 months to the as-at date,
// by rating, by team and month; the share passing each check; plans returned and why; and how
// involved the young person felt, beside the Bright Spots figures. Hand-counted tables.
import { describe, expect, it } from 'vitest';
import {
  type ApprovedPlanQuality,
  approvedPlanQuality,
  BRIGHT_SPOTS,
  goodOrBetterTrend,
  involvementByMonth,
  involvementByTeam,
  type PlanQualityFacts,
  type PlanReturn,
  planChecksByTeam,
  planQualityFigures,
  qualityTable,
  qualityWindow,
  ratingsByMonth,
  ratingsByTeam,
  ratingsByTeamAndMonth,
  returnsByTeam,
  PLAN_CHECKS,
  type QualityFigure,
  qualityPeopleBehind,
} from '../../../src/domain/oversight/index.ts';
import { areaContentOf, INVOLVEMENT_ANSWERS, QUALITY_RATINGS, type Review } from '../../../src/domain/plan/index.ts';
import { completeArea, didNotTakePart, reviewIn } from '../plan/builders.ts';
import { AS_AT, allocated, buildYoungPerson, TEAM_A, TEAM_B } from './builders.ts';

// AS_AT is 2026-11-30: the 12 months run from 1 December 2025.
const A1 = buildYoungPerson({ id: 'a1' });
const A2 = buildYoungPerson({ id: 'a2', restricted: true });
const B1 = buildYoungPerson({ id: 'b1', allocations: [allocated(TEAM_B, '2024-01-01')] });
// Moved from team A to team B during the year: counted in team B, where they are on the as-at date.
const MOVED = buildYoungPerson({
  id: 'moved',
  allocations: [allocated(TEAM_A, '2024-01-01', '2026-06-01'), allocated(TEAM_B, '2026-06-01')],
});
const NONE = buildYoungPerson({ id: 'none', allocations: [] });

function plan(youngPersonId: string, approvedOn: string, over: Partial<ApprovedPlanQuality> = {}): ApprovedPlanQuality {
  return {
    versionId: `${youngPersonId}-${approvedOn}`,
    youngPersonId,
    approvedOn,
    rating: 'good',
    ownWordsEveryArea: true,
    signedByBoth: true,
    youngPersonTookPart: true,
    disagreementRecorded: false,
    involvement: null,
    ...over,
  };
}
const returned = (youngPersonId: string, on: string, reason: string, reviewId = `r-${youngPersonId}`): PlanReturn => ({
  reviewId,
  youngPersonId,
  on,
  reason,
});
const facts = (approvedPlans: ApprovedPlanQuality[], returns: PlanReturn[] = []): PlanQualityFacts => ({
  youngPeople: [A1, A2, B1, MOVED, NONE],
  approvedPlans,
  returns,
});

describe('issue 10 §1d: the 12 months to the as-at date', () => {
  it.each([
    ['a month-end as-at date: from the 1st, 11 months back', '2026-11-30', '2025-12-01'],
    ['mid-month: the same calendar months as the flow figures', '2026-11-15', '2025-12-01'],
  ])('%s', (_rule, asAt, from) => {
    expect(qualityWindow(asAt)).toEqual({ from, to: asAt });
  });
});

describe('issue 10 §1d: approved plans by the rating stored at approval, by team', () => {
  const table = ratingsByTeam(
    facts([
      plan('a1', AS_AT, { rating: 'outstanding' }), // on the as-at date: counts
      plan('a1', '2025-12-01', { rating: 'inadequate' }), // first day of the window: counts
      plan('a1', '2025-11-29', { rating: 'inadequate' }), // 12 months and 1 day before: out
      plan('a1', '2025-11-30', { rating: 'inadequate' }), // exactly 12 months before: out (before the 12 months)
      plan('a1', '2026-12-01', { rating: 'good' }), // after the as-at date: out
      plan('a2', '2026-03-10', { rating: 'requires_improvement' }), // restricted: counted
      plan('moved', '2026-02-01', { rating: 'good' }), // approved while in team A; in team B on the as-at date
      plan('b1', '2026-07-15', { rating: 'good' }),
      plan('none', '2026-07-15', { rating: 'good' }),
      plan('stranger', '2026-07-15', { rating: 'good' }), // not among the young people given: not counted
    ]),
    AS_AT,
  );
  const row = (teamId: string | null) => table.teams.find((r) => (r.team?.id ?? null) === teamId)!.figures;
  it.each<[string, string | null, number, Record<string, number>]>([
    [
      'team A: on the as-at date and the first day count; 12 months + 1 day and exactly 12 months do not',
      'team-a',
      3,
      { outstanding: 1, good: 0, requires_improvement: 1, inadequate: 1 },
    ],
    [
      'team B: a young person who moved is counted in the team they are in on the as-at date',
      'team-b',
      2,
      { outstanding: 0, good: 2, requires_improvement: 0, inadequate: 0 },
    ],
    [
      'no team on the as-at date: its own row',
      null,
      1,
      { outstanding: 0, good: 1, requires_improvement: 0, inadequate: 0 },
    ],
  ])('%s', (_rule, teamId, approved, byRating) => {
    expect(row(teamId)).toEqual({ approved, byRating });
  });
  it('adds the teams up to All teams, and lists teams by name with No team last', () => {
    expect(table.allTeams).toEqual({
      approved: 6,
      byRating: { outstanding: 1, good: 3, requires_improvement: 1, inadequate: 1 },
    });
    expect(table.teams.map((r) => r.team?.id ?? null)).toEqual(['team-a', 'team-b', null]);
  });
  it('shows a team with no plans as zero, and no plans at all as zero everywhere', () => {
    const empty = ratingsByTeam(facts([]), AS_AT);
    expect(empty.allTeams).toEqual({
      approved: 0,
      byRating: { outstanding: 0, good: 0, requires_improvement: 0, inadequate: 0 },
    });
    expect(empty.teams).toHaveLength(3);
  });
});

describe('issue 10 §1d: approved plans by rating, by month', () => {
  const months = ratingsByMonth(
    facts([
      plan('a1', '2025-11-30', { rating: 'inadequate' }),
      plan('a1', '2025-12-01', { rating: 'inadequate' }),
      plan('b1', '2025-12-31', { rating: 'outstanding' }),
      plan('a2', AS_AT, { rating: 'good' }),
      plan('stranger', AS_AT, { rating: 'good' }),
    ]),
    AS_AT,
  );
  it.each<[string, string, number, Partial<Record<string, number>>]>([
    [
      'the first month holds its first and last days, not the day before',
      '2025-12',
      2,
      { inadequate: 1, outstanding: 1 },
    ],
    ['the as-at month holds the as-at date', '2026-11', 1, { good: 1 }],
    ['a month with none', '2026-05', 0, {}],
  ])('%s', (_rule, month, approved, byRating) => {
    const m = months.find((x) => x.month === month)!;
    expect(m.approved).toBe(approved);
    expect(m.byRating).toMatchObject(byRating);
  });
  it('has 12 months, oldest first', () => {
    expect(months.map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
  });
});

describe('issue 10 §1d: approved plans by rating, by team and by month', () => {
  const table = ratingsByTeamAndMonth(
    facts([
      plan('a1', '2025-11-29', { rating: 'inadequate' }), // 12 months + 1 day before: out
      plan('a1', '2025-12-01', { rating: 'inadequate' }),
      plan('moved', '2026-02-01', { rating: 'outstanding' }), // in team B on the as-at date
      plan('b1', AS_AT, { rating: 'good' }),
    ]),
    AS_AT,
  );
  const month = (teamId: string | null, m: string) =>
    table.teams.find((r) => (r.team?.id ?? null) === teamId)!.figures.find((x) => x.month === m)!;
  it.each<[string, string | null, string, number, Partial<Record<string, number>>]>([
    ['team A, the first month', 'team-a', '2025-12', 1, { inadequate: 1 }],
    [
      'team B, a young person who moved counts in the team they are in on the as-at date',
      'team-b',
      '2026-02',
      1,
      { outstanding: 1 },
    ],
    ['team B, the as-at date', 'team-b', '2026-11', 1, { good: 1 }],
    ['team A has none in February', 'team-a', '2026-02', 0, {}],
  ])('%s', (_rule, teamId, m, approved, byRating) => {
    expect(month(teamId, m).approved).toBe(approved);
    expect(month(teamId, m).byRating).toMatchObject(byRating);
  });
  it('gives every team 12 months, and All teams the sum', () => {
    for (const row of table.teams) expect(row.figures).toHaveLength(12);
    expect(table.allTeams.reduce((sum, m) => sum + m.approved, 0)).toBe(3);
  });
});

describe('issue 10 §1d: the checks on each approved plan, from the plan domain', () => {
  const approved = (review: Review) =>
    approvedPlanQuality({
      versionId: 'v',
      youngPersonId: 'yp-1',
      approvedOn: '2026-06-01',
      rating: 'good',
      plan: review,
    });
  const base = reviewIn('approved');
  it.each<[string, Review, Partial<ApprovedPlanQuality>]>([
    [
      'a plan signed on their device, with their words in every area, taking part in person',
      base,
      { ownWordsEveryArea: true, signedByBoth: true, youngPersonTookPart: true, disagreementRecorded: false },
    ],
    [
      'an area without their words or scale (the `young_person_voice_missing` check): not every area',
      {
        ...base,
        content: {
          ...base.content,
          areas: {
            ...base.content.areas,
            'health-and-wellbeing': completeArea({
              youngPersonWords: { goingWell: '', worries: '', wants: '' },
              youngPersonScale: null,
            }),
          },
        },
      },
      { ownWordsEveryArea: false },
    ],
    [
      'signed on paper: signed by both',
      {
        ...base,
        youngPersonSignOff: {
          kind: 'signed_on_paper',
          signedOn: '2026-05-30',
          recordedBy: 'pa-1',
          recordedOn: '2026-06-01',
        },
      },
      { signedByBoth: true },
    ],
    [
      'their disagreement in their words: recorded, and not a signature',
      {
        ...base,
        youngPersonSignOff: {
          kind: 'disagreement',
          inTheirWords: 'Not the flat',
          on: '2026-06-01',
          recordedBy: 'young_person',
        },
      },
      { signedByBoth: false, disagreementRecorded: true },
    ],
    [
      'a disagreement written in one area: recorded',
      {
        ...base,
        content: {
          ...base.content,
          areas: {
            ...base.content.areas,
            'health-and-wellbeing': {
              ...areaContentOf(base.content, 'health-and-wellbeing'),
              youngPersonWords: {
                ...areaContentOf(base.content, 'health-and-wellbeing').youngPersonWords,
                disagreement: 'I do not need a dentist',
              },
            },
          },
        },
      },
      { disagreementRecorded: true, signedByBoth: true },
    ],
    [
      'did not take part, not signed: neither taking part nor signed by both',
      {
        ...base,
        participation: didNotTakePart,
        youngPersonSignOff: { kind: 'not_signed', reason: 'In hospital', recordedBy: 'pa-1', on: '2026-06-01' },
      },
      { youngPersonTookPart: false, signedByBoth: false },
    ],
    ['no worker signature: not signed by both', { ...base, workerSignature: null }, { signedByBoth: false }],
    [
      'the involvement answer comes from their signature',
      {
        ...base,
        youngPersonSignOff: { kind: 'signed_on_device', on: '2026-06-01', involvement: 'hardly_ever_or_never' },
      },
      { involvement: 'hardly_ever_or_never' },
    ],
    [
      'signed before the question was asked: not answered',
      { ...base, youngPersonSignOff: { kind: 'signed_on_device', on: '2026-06-01' } },
      { involvement: null },
    ],
  ])('%s', (_rule, review, expected) => {
    expect(approved(review)).toMatchObject(expected);
  });
});

describe('issue 10 §1d: the share of approved plans passing each check, by team', () => {
  const table = planChecksByTeam(
    facts([
      plan('a1', AS_AT, { ownWordsEveryArea: false }),
      plan('a1', '2026-01-10', { signedByBoth: false, disagreementRecorded: true }),
      plan('a2', '2026-05-10', { youngPersonTookPart: false, signedByBoth: false }),
      plan('a1', '2025-11-29', { ownWordsEveryArea: false }), // 12 months + 1 day before: out
    ]),
    AS_AT,
  );
  const teamA = table.teams.find((r) => r.team?.id === 'team-a')!.figures;
  it.each<[string, keyof typeof teamA, unknown]>([
    ['own words in every area: 2 of 3', 'ownWordsEveryArea', { count: 2, percent: 66.7 }],
    ['signed by both: 1 of 3', 'signedByBoth', { count: 1, percent: 33.3 }],
    ['the young person taking part: 2 of 3', 'youngPersonTookPart', { count: 2, percent: 66.7 }],
    ['disagreement recorded: 1 of 3', 'disagreementRecorded', { count: 1, percent: 33.3 }],
  ])('%s', (_rule, check, expected) => {
    expect(teamA.approved).toBe(3);
    expect(teamA[check]).toEqual(expected);
  });
  it('gives no percentage, not 0 %, for a team with no plans approved', () => {
    const teamB = table.teams.find((r) => r.team?.id === 'team-b')!.figures;
    expect(teamB).toEqual({
      approved: 0,
      ownWordsEveryArea: { count: 0, percent: null },
      signedByBoth: { count: 0, percent: null },
      youngPersonTookPart: { count: 0, percent: null },
      disagreementRecorded: { count: 0, percent: null },
    });
  });
});

describe('issue 10 §1d: plans returned at approval and why, by team', () => {
  const table = returnsByTeam(
    facts(
      [],
      [
        returned('a1', '2026-02-01', 'Health actions need dates', 'r-1'),
        returned('a1', '2026-02-20', 'Still no dates', 'r-1'), // the same plan again: two returns, one plan
        returned('a2', AS_AT, 'Add their words', 'r-2'), // restricted, on the as-at date
        returned('b1', '2025-11-29', 'Too old', 'r-3'), // 12 months + 1 day before: out
        returned('moved', '2026-01-05', 'Contingency is not real', 'r-4'),
      ],
    ),
    AS_AT,
  );
  it('counts returns and plans returned, newest reason first, restricted records marked', () => {
    expect(table.teams.find((r) => r.team?.id === 'team-a')!.figures).toEqual({
      returned: 3,
      plans: 2,
      reasons: [
        { on: AS_AT, reason: 'Add their words', restricted: true },
        { on: '2026-02-20', reason: 'Still no dates', restricted: false },
        { on: '2026-02-01', reason: 'Health actions need dates', restricted: false },
      ],
    });
  });
  it('counts a return in the team the young person is in on the as-at date, and leaves out older ones', () => {
    expect(table.teams.find((r) => r.team?.id === 'team-b')!.figures).toMatchObject({ returned: 1, plans: 1 });
    expect(table.allTeams).toMatchObject({ returned: 4, plans: 3 });
  });
});

describe('issue 10 §1e: how involved young people felt, on the Bright Spots scale', () => {
  const table = involvementByTeam(
    facts([
      plan('a1', AS_AT, { involvement: 'all_or_most' }),
      plan('a1', '2026-01-01', { involvement: 'all_or_most' }),
      plan('a2', '2026-02-01', { involvement: 'sometimes' }),
      plan('a2', '2026-03-01', { involvement: 'dont_know' }),
      plan('a1', '2026-04-01', { involvement: null }), // skipped: not answered, not in the percentages
      plan('a1', '2025-11-29', { involvement: 'hardly_ever_or_never' }), // 12 months + 1 day before: out
    ]),
    AS_AT,
  );
  it('counts each answer, and gives percentages of those who answered, "I don’t know" included', () => {
    expect(table.teams.find((r) => r.team?.id === 'team-a')!.figures).toEqual({
      approved: 5,
      answered: 4,
      notAnswered: 1,
      byAnswer: {
        all_or_most: { count: 2, percent: 50 },
        sometimes: { count: 1, percent: 25 },
        hardly_ever_or_never: { count: 0, percent: 0 },
        dont_know: { count: 1, percent: 25 },
      },
    });
  });
  it('gives no percentage when no one answered, not 0 %', () => {
    const none = involvementByTeam(facts([plan('b1', AS_AT)]), AS_AT).teams.find((r) => r.team?.id === 'team-b')!;
    expect(none.figures).toMatchObject({ approved: 1, answered: 0, notAnswered: 1 });
    expect(none.figures.byAnswer.all_or_most).toEqual({ count: 0, percent: null });
  });
  /** A month's figures: plans approved, of them answered, and answered all or most of the time (percent of answered). */
  const month = (approved: number, answered: number, count: number, percent: number | null) => ({
    approved,
    answered,
    allOrMost: { count, percent },
  });
  it.each<[string, string, ReturnType<typeof month>]>([
    // AS_AT is 30 Nov 2026: the 12 months run from 1 Dec 2025 (twelveMonthsTo).
    ['the as-at month: one answered all or most of the time', '2026-11', month(1, 1, 1, 100)],
    ['January: all or most of the time', '2026-01', month(1, 1, 1, 100)],
    ['February: "sometimes" is answered, not all or most', '2026-02', month(1, 1, 0, 0)],
    ['March: "I don’t know" counts as an answer (as the survey)', '2026-03', month(1, 1, 0, 0)],
    ['April: not answered gives no percentage, not 0 %', '2026-04', month(1, 0, 0, null)],
    ['December 2025, the first month: none (the plan of 29 Nov 2025 is before it)', '2025-12', month(0, 0, 0, null)],
  ])('by month (the trend): %s', (_rule, which, expected) => {
    const months = involvementByMonth(
      facts([
        plan('a1', AS_AT, { involvement: 'all_or_most' }),
        plan('a1', '2026-01-01', { involvement: 'all_or_most' }),
        plan('a2', '2026-02-01', { involvement: 'sometimes' }),
        plan('a2', '2026-03-31', { involvement: 'dont_know' }),
        plan('a1', '2026-04-01', { involvement: null }),
        plan('a1', '2025-11-29', { involvement: 'hardly_ever_or_never' }),
      ]),
      AS_AT,
    );
    expect(months).toHaveLength(12);
    expect(months.find((m) => m.month === which)).toMatchObject(expected);
  });
  it('holds the Bright Spots figures: national 62 %, best council 73 %, Gloucestershire 56/31/7/6', () => {
    expect(BRIGHT_SPOTS.nationalAllOrMost).toBe(62);
    expect(BRIGHT_SPOTS.bestCouncilAllOrMost).toBe(73);
    expect(Object.values(BRIGHT_SPOTS.gloucestershire)).toEqual([56, 31, 7, 6]);
  });
});

describe('issue 10 §2: the quality tables as files, and the rating trend', () => {
  const figures = planQualityFigures(
    facts(
      [
        plan('a1', '2026-11-02', { rating: 'outstanding' }),
        plan('a2', '2026-11-20', { rating: 'requires_improvement', involvement: 'sometimes' }),
        plan('b1', '2026-11-30', { rating: 'good', signedByBoth: false }),
        plan('b1', '2026-10-31', { rating: 'inadequate' }),
        plan('moved', '2026-12-01', { rating: 'good' }), // after the as-at date
      ],
      [returned('a2', '2026-11-10', 'No contingency'), returned('b1', '2026-02-01', 'Money left out')],
    ),
    AS_AT,
  );

  it.each([
    // [month, good or outstanding ÷ approved that month]
    ['2026-11: outstanding and good count, requires improvement does not', 11, 66.7],
    ['2026-10: one inadequate plan', 10, 0],
    ['2026-09: none approved, no figure (not 0 %)', 9, null],
  ])('%s', (_rule, index, value) => {
    expect(goodOrBetterTrend(figures)[index]).toEqual({ on: figures.ratingsByMonth[index].to, value });
  });

  it('ends the trend on the as-at date', () => {
    expect(goodOrBetterTrend(figures).at(-1)?.on).toBe(AS_AT);
  });

  it.each([
    [
      'quality-ratings',
      ['team', 'approved', 'outstanding', 'good', 'requires_improvement', 'inadequate'],
      ['All teams', 4, 1, 1, 1, 1],
    ],
    ['quality-returns', ['team', 'plans_returned', 'times_returned'], ['All teams', 2, 2]],
    [
      'quality-checks',
      [
        'team',
        'approved',
        'own_words_every_area',
        'percent_own_words_every_area',
        'signed_by_both',
        'percent_signed_by_both',
        'young_person_took_part',
        'percent_young_person_took_part',
        'disagreement_recorded',
        'percent_disagreement_recorded',
      ],
      ['All teams', 4, 4, '100.0', 3, '75.0', 4, '100.0', 0, '0.0'],
    ],
  ] as const)('%s: its header, and All teams last', (name, header, last) => {
    const table = qualityTable(figures, name);
    expect(table.header).toEqual(header);
    expect(table.rows.at(-1)).toEqual(last);
  });

  it('gives no reason for a restricted record’s return', () => {
    const reasons = qualityTable(figures, 'quality-return-reasons').rows.map((r) => r[2]);
    expect(reasons).toEqual(expect.arrayContaining(['Not shown: restricted record', 'Money left out']));
    expect(reasons).not.toContain('No contingency');
  });
});

// ---------------------------------------------------------------------------
// Issue 10 §1: "Every number links to the list of young people behind it". Every count on the page
// equals the length of its list (`qualityPeopleBehind`): a young person with two plans approved is
// listed twice; a restricted record is in the list (the service names it only to the staff named on it).

const FACTS: PlanQualityFacts = {
  youngPeople: [A1, A2, B1, MOVED, NONE],
  approvedPlans: [
    plan('a1', AS_AT, { rating: 'outstanding', involvement: 'all_or_most' }),
    plan('a1', '2026-02-03', { rating: 'inadequate', signedByBoth: false, involvement: 'sometimes' }), // a1 twice
    plan('a1', '2025-11-30', { rating: 'inadequate' }), // before the 12 months: in no list
    plan('a2', '2026-03-10', { rating: 'requires_improvement', youngPersonTookPart: false }), // restricted
    plan('b1', '2025-12-01', { ownWordsEveryArea: false, disagreementRecorded: true, involvement: 'dont_know' }),
    plan('moved', '2026-04-20', { rating: 'outstanding' }), // in team A then: counted in team B
    plan('none', '2026-11-01', { involvement: 'hardly_ever_or_never' }),
    plan('stranger', '2026-05-05'), // not in the facts (another team's, for a team manager): in no list
  ],
  returns: [
    returned('a1', '2026-01-10', 'More detail.', 'r-a1'),
    returned('a1', '2026-01-20', 'More detail.', 'r-a1'), // the same plan returned twice
    returned('b1', '2026-06-01', 'More detail.', 'r-b1'),
    returned('b1', '2025-11-01', 'More detail.', 'r-b1-old'), // before the 12 months
    returned('none', '2026-07-07', 'More detail.', 'r-none'),
  ],
};

const FIGURES = planQualityFigures(FACTS, AS_AT);
const behind = (figure: QualityFigure) => qualityPeopleBehind(FACTS, AS_AT, figure);
const ids = (figure: QualityFigure) => behind(figure)?.people.map((p) => p.id);

/** Every row of a by-team table with the key its link uses: a team's id, 'none', or 'all'. */
function rowsOf<T>(byTeam: { teams: readonly { team: { id: string } | null; figures: T }[]; allTeams: T }) {
  return [
    ...byTeam.teams.map((row) => [row.team?.id ?? 'none', row.figures] as const),
    ['all', byTeam.allTeams] as const,
  ];
}

describe('issue 10 §1: every count on the quality page equals the length of its list', () => {
  it('approved plans by rating and team, and by team and month', () => {
    for (const [team, row] of rowsOf(FIGURES.ratingsByTeam)) {
      expect(behind({ table: 'ratings', team, month: 'all', rating: 'all' })?.people.length).toBe(row.approved);
      for (const rating of QUALITY_RATINGS)
        expect(behind({ table: 'ratings', team, month: 'all', rating })?.people.length).toBe(row.byRating[rating]);
    }
    for (const m of FIGURES.ratingsByMonth) {
      expect(behind({ table: 'ratings', team: 'all', month: m.month, rating: 'goodOrBetter' })?.count).toBe(
        m.byRating.good + m.byRating.outstanding,
      );
      expect(behind({ table: 'ratings', team: 'all', month: m.month, rating: 'all' })?.count).toBe(m.approved);
      for (const rating of QUALITY_RATINGS)
        expect(behind({ table: 'ratings', team: 'all', month: m.month, rating })?.people.length).toBe(
          m.byRating[rating],
        );
    }
    for (const [team, months] of rowsOf(FIGURES.ratingsByTeamAndMonth))
      for (const m of months)
        for (const rating of QUALITY_RATINGS)
          expect(behind({ table: 'ratings', team, month: m.month, rating })?.people.length).toBe(m.byRating[rating]);
  });

  it('the checks, the returns and the involvement answers, by team', () => {
    for (const [team, row] of rowsOf(FIGURES.checksByTeam))
      for (const check of PLAN_CHECKS)
        expect(behind({ table: 'checks', team, check })?.people.length).toBe(row[check].count);
    for (const [team, row] of rowsOf(FIGURES.returnsByTeam)) {
      expect(behind({ table: 'returns', team, part: 'plans' })?.people.length).toBe(row.plans);
      expect(behind({ table: 'returns', team, part: 'returned' })?.people.length).toBe(row.returned);
    }
    for (const [team, row] of rowsOf(FIGURES.involvementByTeam)) {
      expect(behind({ table: 'involvement', team, answer: 'answered' })?.people.length).toBe(row.answered);
      expect(behind({ table: 'involvement', team, answer: 'notAnswered' })?.people.length).toBe(row.notAnswered);
      for (const answer of INVOLVEMENT_ANSWERS)
        expect(behind({ table: 'involvement', team, answer })?.people.length).toBe(row.byAnswer[answer].count);
    }
  });
});

describe('issue 10 §1: who is behind a number (hand-counted)', () => {
  it.each<[string, QualityFigure, string[]]>([
    [
      'all approved: a1 twice, the restricted a2, the stranger left out',
      { table: 'ratings', team: 'all', month: 'all', rating: 'all' },
      ['a1', 'a1', 'a2', 'b1', 'moved', 'none'],
    ],
    [
      'team A: a1 twice and a2; moved is in team B on the as-at date',
      { table: 'ratings', team: TEAM_A.id, month: 'all', rating: 'all' },
      ['a1', 'a1', 'a2'],
    ],
    [
      'team B outstanding: the one who moved',
      { table: 'ratings', team: TEAM_B.id, month: 'all', rating: 'outstanding' },
      ['moved'],
    ],
    [
      'good or outstanding (the trend): a1 outstanding, b1 good, moved, none',
      { table: 'ratings', team: 'all', month: 'all', rating: 'goodOrBetter' },
      ['a1', 'b1', 'moved', 'none'],
    ],
    ['no team', { table: 'ratings', team: 'none', month: 'all', rating: 'all' }, ['none']],
    [
      'December 2025: the first day of the window',
      { table: 'ratings', team: 'all', month: '2025-12', rating: 'all' },
      ['b1'],
    ],
    [
      'signed by both: a1’s unsigned plan left out',
      { table: 'checks', team: 'all', check: 'signedByBoth' },
      ['a1', 'a2', 'b1', 'moved', 'none'],
    ],
    ['disagreement recorded', { table: 'checks', team: 'all', check: 'disagreementRecorded' }, ['b1']],
    ['plans returned: each plan once', { table: 'returns', team: 'all', part: 'plans' }, ['a1', 'b1', 'none']],
    ['times returned: each return', { table: 'returns', team: TEAM_A.id, part: 'returned' }, ['a1', 'a1']],
    ['answered', { table: 'involvement', team: 'all', answer: 'answered' }, ['a1', 'a1', 'b1', 'none']],
    ['not answered', { table: 'involvement', team: 'all', answer: 'notAnswered' }, ['a2', 'moved']],
  ])('%s', (_rule, figure, expected) => {
    expect(ids(figure)).toEqual(expected);
  });

  it('keeps the restricted flag for the service to hide the name', () => {
    expect(behind({ table: 'checks', team: 'all', check: 'ownWordsEveryArea' })?.people).toContainEqual({
      id: 'a2',
      restricted: true,
    });
  });

  it.each<[string, QualityFigure]>([
    ['a team with no one in the facts', { table: 'ratings', team: 'some-other-team', month: 'all', rating: 'all' }],
    ['a month outside the 12', { table: 'ratings', team: 'all', month: '2025-11', rating: 'all' }],
    ['a month that is not one', { table: 'ratings', team: 'all', month: '2026-13', rating: 'all' }],
  ])('no such number: %s', (_rule, figure) => {
    expect(behind(figure)).toBeNull();
  });
});
