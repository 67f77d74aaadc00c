import { describe, it, expect } from 'vitest';
import {
  accommodationReviewDue,
  ageMilestones,
  coreSupportEndsOn,
  DEFAULT_POLICY,
  deriveCareLeaverStatus,
  firstPlanDue,
  formerRelevantFromOn,
  isPlanInDate,
  lookedAfterReviewDue,
  needsAssessmentDueAfterSupportRequest,
  needsAssessmentDueForEligible,
  needsAssessmentDueForRelevant,
  nextReviewDue,
  outstandingTriggers,
  personalAdviserAvailableUntilOn,
  personalAdviserVisitDue,
  planTwentyOnePlusOfferOn,
  regularReviewDue,
  startPathwayPlanningOn,
  type LocalPolicy,
  type ReviewTrigger,
  type StatusInput,
} from '../../../src/domain/statutory/index.ts';

const strict: LocalPolicy = {
  ...DEFAULT_POLICY,
  needsAssessmentWithinMonths: 2,
  firstPlanWithinMonths: 2,
  reviewIntervalMonths: 4,
  significantChangeReviewWorkingDays: 10,
};

interface DeadlineRule {
  rule: string;
  fn: (from: string, policy: LocalPolicy) => string;
  rows: [string, LocalPolicy, string][];
}

describe.each<DeadlineRule>([
  {
    rule: 'CPPCR 2010 reg 42(1) — needs assessment within 3 months of 16 / becoming eligible',
    fn: needsAssessmentDueForEligible,
    rows: [
      ['2026-03-15', DEFAULT_POLICY, '2026-06-15'],
      ['2025-11-30', DEFAULT_POLICY, '2026-02-28'],
      ['2026-03-15', strict, '2026-05-15'],
    ],
  },
  {
    rule: 'CA 1989 s23B(3); Care Leavers Regs reg 4 — within 3 months of becoming relevant',
    fn: needsAssessmentDueForRelevant,
    rows: [
      ['2026-02-01', DEFAULT_POLICY, '2026-05-01'],
      ['2025-10-01', DEFAULT_POLICY, '2026-01-01'],
    ],
  },
  {
    rule: 'CA 1989 s23CZB — after a request for support at 21–25 (policy default 3 months)',
    fn: needsAssessmentDueAfterSupportRequest,
    rows: [['2025-09-15', DEFAULT_POLICY, '2025-12-15']],
  },
  {
    rule: 'CPPCR reg 43 / Care Leavers Regs reg 6 — first plan (policy N ≤ 3 months)',
    fn: firstPlanDue,
    rows: [
      ['2026-03-15', DEFAULT_POLICY, '2026-06-15'],
      ['2026-03-15', strict, '2026-05-15'],
    ],
  },
  {
    rule: 'Care Leavers Regs reg 7(1)(c); CPPCR reg 33 — review at most 6 months after the last',
    fn: regularReviewDue,
    rows: [
      ['2026-04-01', DEFAULT_POLICY, '2026-10-01'],
      ['2025-08-31', DEFAULT_POLICY, '2026-02-28'],
      ['2026-04-01', strict, '2026-08-01'],
    ],
  },
])('$rule', ({ fn, rows }) => {
  it.each(rows)('from %s → %s', (from, policy, expected) => {
    expect(fn(from, policy)).toBe(expected);
  });
});

describe('Care Leavers Regs reg 7(1)(a),(b) — review on request or significant change', () => {
  const change = (on: string): ReviewTrigger => ({ on, kind: 'SIGNIFICANT_CHANGE' });
  const request = (on: string): ReviewTrigger => ({ on, kind: 'YOUNG_PERSON_REQUEST' });
  it.each<[string, string | null, ReviewTrigger[], LocalPolicy, string | null]>([
    ['no review known, no trigger: nothing to compute', null, [], DEFAULT_POLICY, null],
    ['last review only: + 6 months', '2026-04-01', [], DEFAULT_POLICY, '2026-10-01'],
    ['eviction notice (Sunday): 20 working days', '2026-04-01', [change('2026-05-10')], DEFAULT_POLICY, '2026-06-05'],
    ['young person asks: 20 working days', '2026-04-01', [request('2026-05-12')], DEFAULT_POLICY, '2026-06-09'],
    ['stricter council: 10 working days', '2026-04-01', [change('2026-05-11')], strict, '2026-05-25'],
    [
      'a trigger answered by a later review is spent',
      '2026-05-20',
      [change('2026-05-10')],
      DEFAULT_POLICY,
      '2026-11-20',
    ],
    [
      'a trigger on the day of the review is answered by it',
      '2026-05-10',
      [change('2026-05-10')],
      DEFAULT_POLICY,
      '2026-11-10',
    ],
    [
      'asked on the day of the review but after it was recorded: 20 working days',
      '2026-05-12',
      [{ ...request('2026-05-12'), afterReviewThatDay: true }],
      DEFAULT_POLICY,
      '2026-06-09',
    ],
    [
      'regular review sooner than the trigger deadline wins',
      '2025-11-20',
      [change('2026-05-10')],
      DEFAULT_POLICY,
      '2026-05-20',
    ],
    ['a trigger after asOf is not yet known', '2026-04-01', [change('2026-06-01')], DEFAULT_POLICY, '2026-10-01'],
  ])('%s', (_name, lastReviewOn, triggers, policy, expected) => {
    expect(nextReviewDue({ lastReviewOn, triggers, asOf: '2026-05-31' }, policy)).toBe(expected);
  });

  it('outstandingTriggers keeps only triggers after the last review and by asOf', () => {
    const triggers = [change('2026-03-01'), request('2026-05-01'), change('2026-07-01')];
    expect(outstandingTriggers(triggers, '2026-04-01', '2026-06-01')).toEqual([request('2026-05-01')]);
    expect(outstandingTriggers(triggers, null, '2026-06-01')).toHaveLength(2);
  });
});

describe('CPPCR 2010 reg 33 — looked-after reviews: 20 working days, then 3 months, then ≤ 6 months', () => {
  it.each<[string, string[], string]>([
    ['2026-01-05', [], '2026-02-02'],
    ['2026-01-05', ['2026-01-30'], '2026-04-30'],
    ['2026-01-05', ['2026-04-28', '2026-01-30'], '2026-10-28'],
  ])('looked after from %s, reviews %j → next due %s', (from, held, expected) => {
    expect(lookedAfterReviewDue(from, held)).toBe(expected);
  });
});

describe('Care Leavers Regs regs 7 and 8 — council-provided accommodation', () => {
  it.each<[string, string | null, string]>([
    ['2026-02-10', null, '2026-03-10'], // as soon as practicable after 28 days
    ['2026-02-10', '2026-03-12', '2026-06-12'], // then at least every 3 months
    ['2026-01-31', '2026-05-31', '2026-08-31'],
  ])('accommodation review: accommodated %s, last review %s → %s (reg 7)', (since, last, expected) => {
    expect(accommodationReviewDue(since, last)).toBe(expected);
  });

  it.each<[string, string | null, string]>([
    ['2026-02-10', null, '2026-02-17'], // within 7 days
    ['2026-02-10', '2026-02-15', '2026-04-15'], // then at most every 2 months
    ['2025-12-31', '2025-12-31', '2026-02-28'],
  ])('PA visit: accommodated %s, last visit %s → %s (reg 8)', (since, last, expected) => {
    expect(personalAdviserVisitDue(since, last)).toBe(expected);
  });
});

describe('age milestones (reference §6)', () => {
  it.each([
    ['statutory guidance vol 3 — start planning at 15¾', startPathwayPlanningOn, '2010-09-01', '2026-06-01'],
    ['CA 1989 s23C(1) — former relevant from 18', formerRelevantFromOn, '2010-03-15', '2028-03-15'],
    ['s23CZB — plan the 21+ offer at 20½', planTwentyOnePlusOfferOn, '2004-09-01', '2025-03-01'],
    ['s23CZB — 20½ for a 31 August birthday clamps', planTwentyOnePlusOfferOn, '2004-08-31', '2025-02-28'],
    ['s23CZB — PA on request until 25', personalAdviserAvailableUntilOn, '2010-03-15', '2035-03-15'],
    ['s23CZB — 25th birthday of a 29 Feb birth (MAR_1)', personalAdviserAvailableUntilOn, '2008-02-29', '2033-03-01'],
  ] as const)('%s: %s', (_rule, fn, dob, expected) => {
    expect(fn(dob)).toBe(expected);
  });

  it.each<[string, string | null, string]>([
    ['no programme: the 21st birthday', null, '2025-09-01'],
    ['programme ends before 21: the 21st birthday', '2025-06-30', '2025-09-01'],
    ['programme runs past 21: its end', '2026-06-30', '2026-06-30'],
    ['programme runs past 25: capped at the 25th birthday', '2030-06-30', '2029-09-01'],
  ])('CA 1989 s23C(6),(7) core support ends — %s', (_name, programmeEnd, expected) => {
    expect(coreSupportEndsOn('2004-09-01', programmeEnd)).toBe(expected);
  });

  it('lists the transitions in date order', () => {
    const milestones = ageMilestones('2010-03-15');
    expect(milestones.map((m) => [m.code, m.on])).toEqual([
      ['START_PATHWAY_PLANNING', '2025-12-15'],
      ['SIXTEENTH_BIRTHDAY', '2026-03-15'],
      ['SEVENTEENTH_BIRTHDAY', '2027-03-15'],
      ['EIGHTEENTH_BIRTHDAY', '2028-03-15'],
      ['PLAN_21_PLUS_OFFER', '2030-09-15'],
      ['CORE_SUPPORT_ENDS', '2031-03-15'],
      ['PERSONAL_ADVISER_ENDS', '2035-03-15'],
    ]);
    for (const m of milestones) expect(m.rule).not.toBe('');
  });
});

describe('the "in date" measure (councils\' 7-month window, policy)', () => {
  it.each<[string | null, string, number, boolean]>([
    ['2025-08-31', '2026-03-31', 7, true],
    ['2025-08-31', '2026-04-01', 7, false],
    ['2025-10-01', '2026-04-01', 6, true],
    ['2025-10-01', '2026-04-02', 6, false],
    [null, '2026-04-01', 7, false],
  ])('last reviewed %s, on %s, window %i months → in date %s', (last, asOf, months, expected) => {
    expect(isPlanInDate(last, asOf, { ...DEFAULT_POLICY, inDateWindowMonths: months })).toBe(expected);
  });
});

describe('deadlines in the derived status (reference §6 deadline generation)', () => {
  const relevant = (props: Partial<StatusInput>): StatusInput => ({
    dateOfBirth: '2008-11-05',
    asOf: '2026-03-01',
    episodes: [{ start: '2024-01-01', end: '2026-02-01' }],
    ...props,
  });

  it.each<[string, Partial<StatusInput>, LocalPolicy, Record<string, unknown>]>([
    [
      'relevant with a plan: no assessment deadline (s23B(3) only applies without a plan)',
      { hasPathwayPlan: true },
      DEFAULT_POLICY,
      { needsAssessmentDue: null, firstPlanDue: null, rules: ['S23A'] },
    ],
    [
      'relevant without a plan: assessment and plan due (Care Leavers Regs reg 4)',
      { hasPathwayPlan: false },
      DEFAULT_POLICY,
      { needsAssessmentDue: '2026-05-01', firstPlanDue: '2026-05-01', rules: ['S23A', 'CLR_REG4'] },
    ],
    [
      'stricter council: plan within 2 months',
      {},
      strict,
      { needsAssessmentDue: '2026-04-01', firstPlanDue: '2026-04-01' },
    ],
    [
      'no plan and past the deadline: flagged overdue',
      { asOf: '2026-05-02' },
      DEFAULT_POLICY,
      { flags: ['pathway-plan-overdue'] },
    ],
    [
      'review past due: flagged overdue',
      { hasPathwayPlan: true, lastReviewOn: '2025-08-20' },
      DEFAULT_POLICY,
      { nextReviewDue: '2026-02-20', flags: ['review-overdue'] },
    ],
    [
      'council accommodation (regs 7 and 8): PA visit in 7 days, review after 28 days',
      { hasPathwayPlan: true, lastReviewOn: '2026-02-20', councilAccommodation: { since: '2026-02-10' } },
      DEFAULT_POLICY,
      {
        nextReviewDue: '2026-03-10',
        accommodation: { nextReviewDue: '2026-03-10', nextPersonalAdviserVisitDue: '2026-02-17' },
      },
    ],
    [
      'council accommodation, reviewed and visited: 3-monthly review, 2-monthly visits',
      {
        asOf: '2026-04-01',
        hasPathwayPlan: true,
        lastReviewOn: '2026-03-12',
        councilAccommodation: {
          since: '2026-02-10',
          lastAccommodationReviewOn: '2026-03-12',
          lastPersonalAdviserVisitOn: '2026-03-20',
        },
      },
      DEFAULT_POLICY,
      {
        nextReviewDue: '2026-06-12',
        accommodation: { nextReviewDue: '2026-06-12', nextPersonalAdviserVisitDue: '2026-05-20' },
      },
    ],
  ])('%s', (_name, props, policy, expected) => {
    expect(deriveCareLeaverStatus(relevant(props), policy)).toMatchObject(expected);
  });

  it('an eligible child keeps the reg 42 deadline even with a plan (it is the date the plan was due)', () => {
    const status = deriveCareLeaverStatus({
      dateOfBirth: '2009-11-30',
      asOf: '2025-12-10',
      episodes: [{ start: '2022-01-01', end: null }],
      hasPathwayPlan: true,
    });
    expect(status).toMatchObject({
      category: 'ELIGIBLE',
      eligibleFrom: '2025-11-30',
      needsAssessmentDue: '2026-02-28',
      firstPlanDue: '2026-02-28',
    });
  });

  it('s23CZB: a review owed after 21 when support was requested', () => {
    const status = deriveCareLeaverStatus({
      dateOfBirth: '2004-09-01',
      asOf: '2025-08-15',
      episodes: [{ start: '2019-01-01', end: '2022-09-01' }],
      lastReviewOn: '2025-04-01',
      requestedSupportAfter21: true,
    });
    expect(status).toMatchObject({ category: 'FORMER_RELEVANT', nextReviewDue: '2025-10-01' });
    expect(status.flags).not.toContain('review-falls-after-support-ends');
  });

  it('21 to 25 without a request: no review and no assessment owed', () => {
    const status = deriveCareLeaverStatus({
      dateOfBirth: '2003-09-01',
      asOf: '2025-10-01',
      episodes: [{ start: '2018-01-01', end: '2021-09-01' }],
      lastReviewOn: '2025-04-01',
    });
    expect(status).toMatchObject({
      category: 'FORMER_RELEVANT_21_TO_25',
      nextReviewDue: null,
      needsAssessmentDue: null,
      personalAdviserAvailableUntil: '2028-09-01',
    });
  });
});
