// The trend lines' counts (issue 10 §1, §6): on every date, exactly the numbers of the tables they
// come from — Dorset's All teams row (§1a), the care leavers' total row and the unaccompanied first
// plans (§1b), Bradford's cohort (§1c), the outcomes at 19 to 21 (§1f) and the flow (§1g) — for the
// whole council and for one team by the allocation on each date, over councils made at random with the
// edge cases the tables' own tests name (birthdays on the date, a plan approved exactly 7 months
// before, short breaks, closed cases, team moves); then each new count on a council worked by hand.
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  careLeaversByCategory,
  cohortByAgeBand,
  type OutcomeRecord,
  outcomesAt19To21,
  planFlow,
  plansForLookedAfter16And17,
  trendCounts,
  trendDates,
  type OversightFacts,
  type YoungPersonRecord,
} from '../../../src/domain/oversight/index.ts';
import { addDays, addMonths, DEFAULT_POLICY, type LocalPolicy } from '../../../src/domain/statutory/index.ts';
import { seededRandom } from '../../../src/seed/random.ts';
import {
  AS_AT,
  allocated,
  buildPlanHistory,
  buildReview,
  buildYoungPerson,
  facts,
  inCare,
  TEAM_A,
  TEAM_B,
} from './builders.ts';

/** A council of `n` young people around AS_AT, with the edges on the trend dates themselves. */
function randomCouncil(seed: number, n: number): OversightFacts & { records: OutcomeRecord[] } {
  const rng = seededRandom(seed);
  const dates = trendDates(AS_AT);
  const near = () => addDays(rng.pick(dates), rng.pick([-1, 0, 0, 1]));
  const people: YoungPersonRecord[] = [];
  const histories = [];
  const records: OutcomeRecord[] = [];
  for (let i = 0; i < n; i++) {
    const id = `yp-${seed}-${i}`;
    // Birthdays on and around the trend dates: 16th or 18th falls on one of them.
    // and 19th to 21st birthdays around the outcome periods' ends (a month before each date).
    const dateOfBirth = rng.chance(0.4)
      ? addMonths(near(), -12 * rng.pick([16, 18]))
      : rng.chance(0.3)
        ? addMonths(addMonths(near(), -1), -12 * rng.pick([19, 20, 21]))
        : addDays(AS_AT, -rng.int(14 * 365, 22 * 365));
    const inCareFrom = addDays(dateOfBirth, rng.int(2 * 365, 15 * 365));
    // Some have only short breaks (903 legal status V3/V4), open across the trend dates.
    const episodes = rng.chance(0.15)
      ? [inCare(addDays(near(), -30), rng.chance(0.5) ? near() : null, rng.pick(['V3', 'V4']))]
      : [inCare(inCareFrom, rng.chance(0.5) ? near() : null, rng.pick(['C2', 'V2', 'J2']))];
    const unaccompanied = rng.chance(0.3);
    const moves = rng.chance(0.3) ? near() : null;
    const allocations = moves
      ? [allocated(TEAM_A, '2020-01-01', moves), allocated(TEAM_B, moves, null, rng.chance(0.2) ? null : 'pa-2')]
      : rng.chance(0.1)
        ? []
        : [allocated(rng.pick([TEAM_A, TEAM_B]), '2020-01-01')];
    people.push(
      buildYoungPerson({
        id,
        dateOfBirth,
        caseOpenedOn: rng.chance(0.2) ? near() : '2020-01-01',
        caseClosedOn: rng.chance(0.15) ? near() : null,
        restricted: rng.chance(0.05),
        unaccompanied,
        needsAssessedOn: rng.chance(0.5) ? near() : null,
        // An education programme running past the 21st birthday keeps some former relevant (s23C(7)).
        categoryFacts: rng.chance(0.2) ? { educationProgrammeEndsOn: addMonths(dateOfBirth, 12 * 22) } : undefined,
        careEpisodes: episodes,
        allocations,
      }),
    );
    // Contacts, activity and accommodation around the birthdays (some on the edges of their windows).
    const birthdayNear = addMonths(dateOfBirth, 12 * rng.pick([19, 20, 21]));
    records.push({
      youngPersonId: id,
      contactDates: rng.chance(0.6) ? [addMonths(birthdayNear, rng.pick([-3, -1, 0, 1, 2]))] : [],
      activity: rng.chance(0.7)
        ? [{ on: addDays(birthdayNear, rng.pick([-30, 0, 1])), code: rng.pick(['F1', 'G4', 'P2']) }]
        : [],
      accommodation: rng.chance(0.7)
        ? [{ on: addDays(birthdayNear, rng.pick([-30, 0, 1])), code: 'S', suitable: rng.chance(0.6) }]
        : [],
    });
    // Approvals, some exactly the window before a trend date, some on it.
    const approved = Array.from({ length: rng.int(0, 4) }, () =>
      rng.chance(0.3) ? addMonths(rng.pick(dates), -DEFAULT_POLICY.inDateWindowMonths) : near(),
    );
    // Reviews started, sent, returned, approved on and around the dates: some waiting on a date.
    const reviews = Array.from({ length: rng.int(0, 3) }, (_, r) => {
      const startedOn = addDays(near(), -rng.int(0, 60));
      const sent = rng.chance(0.7) ? [addDays(startedOn, rng.int(0, 40))] : [];
      return buildReview({
        id: `${id}-r${r}`,
        startedOn,
        submittedForApprovalOn: sent,
        returnedOn: sent.length > 0 && rng.chance(0.2) ? [addDays(sent[0], 2)] : [],
        approvedOn: sent.length > 0 && rng.chance(0.6) ? near() : null,
      });
    });
    // An unaccompanied young person's first plan: before, exactly on or after the 3 months' deadline.
    if (unaccompanied && rng.chance(0.7)) approved.push(addMonths(episodes[0].start, rng.pick([1, 3, 4])));
    histories.push(buildPlanHistory(id, approved, reviews));
  }
  return { ...facts(people, histories), records };
}

const teamOnDate = (teamId: string) => (person: YoungPersonRecord, on: string) => {
  let found = null;
  for (const a of person.allocations)
    if (a.from <= on && (a.to === null || on < a.to) && (found === null || a.from > found.from)) found = a;
  return found?.team.id === teamId;
};

/** Every count but Dorset's from the tables computed on `on` (the total rows, the flow, the outcomes' All row). */
function tablesOn(council: OversightFacts, records: readonly OutcomeRecord[], on: string, policy: LocalPolicy) {
  const leavers = careLeaversByCategory(council, on, policy);
  const cohort = cohortByAgeBand(council, on, policy);
  const outcomes = outcomesAt19To21(council, records, on, policy).total;
  const flow = planFlow(council, on);
  return {
    on,
    openCases: {
      youngPeople: leavers.total.youngPeople.count,
      planInDate: leavers.total.planInDate.count,
      reviewOverdue: leavers.total.reviewOverdue.count,
      needsAssessmentOverdue: leavers.total.needsAssessmentOverdue.count,
      firstPlanOverdue: leavers.total.firstPlanOverdue.count,
      noPersonalAdviser: leavers.total.noPersonalAdviser.count,
    },
    unaccompanied: {
      due: leavers.unaccompaniedFirstPlan.due.count,
      onTime: leavers.unaccompaniedFirstPlan.onTime.count,
    },
    cohort: {
      youngPeople: cohort.total.youngPeople.count,
      byBand: Object.fromEntries(cohort.bands.map((b) => [b.band, b.youngPeople.count])),
    },
    outcomes: {
      careLeavers: outcomes.careLeavers.count,
      inTouch: outcomes.inTouch.count,
      inEet: outcomes.inEet.count,
      inSuitableAccommodation: outcomes.inSuitableAccommodation.count,
    },
    flow: {
      waitingForApproval: flow.waitingForApproval.count,
      reviewsApproved: flow.reviewsApproved,
      medianDaysStartToApproval: flow.medianDaysStartToApproval,
    },
  };
}

describe('trendCounts gives, on every date, the numbers of the tables it stands for', () => {
  const policies: [string, LocalPolicy][] = [
    ['the default policy (7 months in date, 1 March birthdays)', DEFAULT_POLICY],
    [
      'a 6-month window and 28 February birthdays',
      { ...DEFAULT_POLICY, inDateWindowMonths: 6, leapDayBirthday: 'FEB_28' },
    ],
  ];
  it.each(policies)('%s', (_, policy) => {
    for (const seed of [1, 2, 3, 4]) {
      const council = randomCouncil(seed, 150);
      const dates = trendDates(AS_AT);
      const { records } = council;
      const counts = trendCounts(council, dates, policy, { outcomeRecords: records });
      const team = trendCounts(council, dates, policy, { outcomeRecords: records, inScope: teamOnDate(TEAM_B.id) });
      for (const [i, on] of dates.entries()) {
        const dorset = plansForLookedAfter16And17(council, on, policy);
        expect(counts[i], `${on}, seed ${seed}`).toEqual({
          ...tablesOn(council, records, on, policy),
          lookedAfter16To17: {
            youngPeople: dorset.allTeams.youngPeople.count,
            withPlan: dorset.allTeams.withPlan.count,
            planInDate: dorset.allTeams.planInDate.count,
          },
        });
        // One team, by the allocation on the date: its row of Dorset's table; the other tables of its people.
        const row = dorset.teams.find((r) => r.team?.id === TEAM_B.id);
        const ids = new Set(council.youngPeople.filter((p) => teamOnDate(TEAM_B.id)(p, on)).map((p) => p.id));
        const inTeam = {
          youngPeople: council.youngPeople.filter((p) => ids.has(p.id)),
          planHistories: council.planHistories.filter((h) => ids.has(h.youngPersonId)),
        };
        expect(team[i], `${on}, seed ${seed}, team B`).toEqual({
          ...tablesOn(inTeam, records, on, policy),
          lookedAfter16To17: {
            youngPeople: row?.youngPeople.count ?? 0,
            withPlan: row?.withPlan.count ?? 0,
            planInDate: row?.planInDate.count ?? 0,
          },
        });
      }
      // The councils reach the edges of every new count on most dates.
      const reached = (count: (c: (typeof counts)[number]) => number) => counts.filter((c) => count(c) > 0).length;
      expect(reached((c) => c.openCases.reviewOverdue)).toBeGreaterThan(6);
      expect(reached((c) => c.openCases.needsAssessmentOverdue)).toBeGreaterThan(6);
      expect(reached((c) => c.openCases.firstPlanOverdue)).toBeGreaterThan(6);
      expect(reached((c) => c.openCases.noPersonalAdviser)).toBeGreaterThan(6);
      expect(reached((c) => c.unaccompanied.onTime)).toBeGreaterThan(6);
      expect(reached((c) => c.outcomes.inTouch)).toBeGreaterThan(6);
      expect(reached((c) => c.outcomes.inEet)).toBeGreaterThan(6);
      expect(reached((c) => c.flow.waitingForApproval)).toBeGreaterThan(6);
      expect(reached((c) => c.flow.reviewsApproved)).toBeGreaterThan(6);
      // The councils reach the edges: someone counted, someone with a plan in date, on most dates.
      expect(counts.filter((c) => c.lookedAfter16To17.planInDate > 0).length).toBeGreaterThan(6);
    }
  });

  it('the edges by hand: a plan approved exactly 7 months before the date is in date, the day after it is not', () => {
    const person = buildYoungPerson({ dateOfBirth: '2009-06-01' });
    const council = facts([person], [buildPlanHistory(person.id, ['2026-04-30'])]);
    const [onLastDay, dayAfter] = trendCounts(council, ['2026-11-30', '2026-12-01']);
    expect(onLastDay.lookedAfter16To17).toEqual({ youngPeople: 1, withPlan: 1, planInDate: 1 });
    expect(dayAfter.lookedAfter16To17).toEqual({ youngPeople: 1, withPlan: 1, planInDate: 0 });
  });

  it('the edges by hand: counted from the 16th birthday, not on the 18th, not once the case closes', () => {
    const person = buildYoungPerson({ dateOfBirth: '2010-11-30', caseClosedOn: '2026-12-15' });
    const council = facts([person], [buildPlanHistory(person.id, ['2026-11-29'])]);
    const counted = trendCounts(council, ['2026-11-29', '2026-11-30', '2026-12-14', '2026-12-15']).map(
      (c) => `${c.lookedAfter16To17.youngPeople}/${c.openCases.youngPeople}`,
    );
    expect(counted).toEqual(['0/1', '1/1', '1/1', '0/0']);
    const adult = buildYoungPerson({ dateOfBirth: '2008-11-30' });
    expect(
      trendCounts(facts([adult]), ['2026-11-29', '2026-11-30']).map((c) => c.lookedAfter16To17.youngPeople),
    ).toEqual([1, 0]);
  });
});

describe('each new count by hand (the rule it counts, the day before and the day it starts)', () => {
  // Looked after since 2020 and still; 18 on 10 Jan 2026: former relevant (s23C(1)(b)), reviewed every 6 months.
  const formerRelevant = buildYoungPerson({ id: 'fr', dateOfBirth: '2008-01-10' });
  // 16 on 10 Mar 2026, looked after since 2020: eligible, assessment and first plan due 10 Jun 2026 (CPPCR regs 42, 43).
  const eligible = buildYoungPerson({ id: 'el', dateOfBirth: '2010-03-10' });
  // Unaccompanied, looked after from 1 Mar 2026: first plan due by 1 Jun 2026 (issue 10 §1b, policy 3 months).
  const unaccompanied = buildYoungPerson({
    id: 'ua',
    dateOfBirth: '2009-09-01',
    unaccompanied: true,
    careEpisodes: [inCare('2026-03-01')],
  });
  const noAdviser = buildYoungPerson({ id: 'np', allocations: [allocated(TEAM_A, '2024-01-01', null, null)] });
  // 15 and a half on 30 May 2026 (15th birthday + 6 months), 16 on 30 Nov 2026 (Bradford's bands).
  const young = buildYoungPerson({ id: 'yg', dateOfBirth: '2010-11-30' });
  // Looked after until their 18th birthday (15 Jun 2025): former relevant on their 19th, 15 Jun 2026.
  const nineteen = buildYoungPerson({
    id: 'nt',
    dateOfBirth: '2007-06-15',
    careEpisodes: [inCare('2020-01-01', '2025-06-15')],
  });
  const outcomeRecords: OutcomeRecord[] = [
    {
      youngPersonId: 'nt',
      contactDates: ['2026-03-15'], // the first day of the window, 3 months before the birthday
      activity: [{ on: '2026-06-15', code: 'F1' }], // in education from the birthday itself
      accommodation: [{ on: '2026-06-16', code: 'S', suitable: true }], // suitable only from the day after
    },
  ];
  // A review sent, returned, sent again and approved 40 days after it started; another in 14 days.
  const reviews = [
    buildReview({
      id: 'r1',
      startedOn: '2026-01-01',
      submittedForApprovalOn: ['2026-01-20', '2026-02-01'],
      returnedOn: ['2026-01-22'],
      approvedOn: '2026-02-10',
    }),
    buildReview({
      id: 'r2',
      startedOn: '2026-03-01',
      submittedForApprovalOn: ['2026-03-05'],
      approvedOn: '2026-03-15',
    }),
  ];
  const reviewed = buildYoungPerson({ id: 'rv' });

  type Count = (c: ReturnType<typeof trendCounts>[number]) => unknown;
  const cases: [string, OversightFacts, string, Count, unknown][] = [
    [
      'review overdue: not on the day 6 months after the last plan (CLR reg 7(1)(c))',
      facts([formerRelevant], [buildPlanHistory('fr', ['2026-02-15'])]),
      '2026-08-15',
      (c) => c.openCases.reviewOverdue,
      0,
    ],
    [
      'review overdue: the day after',
      facts([formerRelevant], [buildPlanHistory('fr', ['2026-02-15'])]),
      '2026-08-16',
      (c) => c.openCases.reviewOverdue,
      1,
    ],
    [
      'needs assessment and first plan: not overdue on the day due (CPPCR 2010 regs 42, 43)',
      facts([eligible]),
      '2026-06-10',
      (c) => [c.openCases.needsAssessmentOverdue, c.openCases.firstPlanOverdue],
      [0, 0],
    ],
    [
      'needs assessment and first plan: both overdue the day after',
      facts([eligible]),
      '2026-06-11',
      (c) => [c.openCases.needsAssessmentOverdue, c.openCases.firstPlanOverdue],
      [1, 1],
    ],
    [
      'an assessment completed on the day is not overdue; the plan still is',
      facts([{ ...eligible, needsAssessedOn: '2026-06-11' }]),
      '2026-06-11',
      (c) => [c.openCases.needsAssessmentOverdue, c.openCases.firstPlanOverdue],
      [0, 1],
    ],
    [
      'no personal adviser allocated (Children Act 1989 s23B(2)), and one allocated',
      facts([noAdviser, buildYoungPerson({ id: 'pa' })]),
      AS_AT,
      (c) => [c.openCases.youngPeople, c.openCases.noPersonalAdviser],
      [2, 1],
    ],
    [
      'unaccompanied: not due the day before the 3 months end',
      facts([unaccompanied], [buildPlanHistory('ua', ['2026-06-01'])]),
      '2026-05-31',
      (c) => c.unaccompanied,
      { due: 0, onTime: 0 },
    ],
    [
      'unaccompanied: a first plan on the last day of the 3 months is on time',
      facts([unaccompanied], [buildPlanHistory('ua', ['2026-06-01'])]),
      '2026-06-01',
      (c) => c.unaccompanied,
      { due: 1, onTime: 1 },
    ],
    [
      'unaccompanied: a first plan the day after is not',
      facts([unaccompanied], [buildPlanHistory('ua', ['2026-06-02'])]),
      '2026-06-02',
      (c) => c.unaccompanied,
      { due: 1, onTime: 0 },
    ],
    ['cohort: under 15 and a half the day before', facts([young]), '2026-05-29', (c) => c.cohort.youngPeople, 0],
    ['cohort: 15½ from 15th birthday + 6 months', facts([young]), '2026-05-30', (c) => c.cohort.byBand['15½'], 1],
    ['cohort: 16 on the 16th birthday', facts([young]), '2026-11-30', (c) => c.cohort.byBand['16'], 1],
    [
      'outcomes: the 19th birthday not yet in the period (it ends a month before the date)',
      facts([nineteen]),
      '2026-07-14',
      (c) => c.outcomes.careLeavers,
      0,
    ],
    [
      'outcomes: in touch (contact 3 months before), in EET on the birthday, not yet in suitable accommodation',
      facts([nineteen]),
      '2026-07-15',
      (c) => c.outcomes,
      { careLeavers: 1, inTouch: 1, inEet: 1, inSuitableAccommodation: 0 },
    ],
    [
      'flow: waiting once sent',
      facts([reviewed], [buildPlanHistory('rv', [], reviews)]),
      '2026-01-20',
      (c) => c.flow.waitingForApproval,
      1,
    ],
    [
      'flow: not waiting once returned',
      facts([reviewed], [buildPlanHistory('rv', [], reviews)]),
      '2026-01-22',
      (c) => c.flow.waitingForApproval,
      0,
    ],
    [
      'flow: waiting again once sent again; not on the day approved',
      facts([reviewed], [buildPlanHistory('rv', [], reviews)]),
      '2026-02-10',
      (c) => [c.flow.waitingForApproval, c.flow.medianDaysStartToApproval],
      [0, 40],
    ],
    [
      'flow: median of 40 and 14 days is 27',
      facts([reviewed], [buildPlanHistory('rv', [], reviews)]),
      '2026-03-15',
      (c) => [c.flow.reviewsApproved, c.flow.medianDaysStartToApproval],
      [2, 27],
    ],
    [
      'flow: the 12 months begin on the first of the month 11 months back (February 2026 drops out in February 2027)',
      facts([reviewed], [buildPlanHistory('rv', [], reviews)]),
      '2027-02-28',
      (c) => [c.flow.reviewsApproved, c.flow.medianDaysStartToApproval],
      [1, 14],
    ],
  ];
  it.each(cases)('%s', (_, council, on, count, expected) => {
    const [counted] = trendCounts(council, [on], DEFAULT_POLICY, { outcomeRecords });
    expect(count(counted)).toEqual(expected);
  });

  it('a team manager counts their team by the allocation on each date', () => {
    const moved = buildYoungPerson({
      id: 'mv',
      allocations: [allocated(TEAM_A, '2024-01-01', '2026-06-01'), allocated(TEAM_B, '2026-06-01')],
    });
    const counts = trendCounts(facts([moved]), ['2026-05-31', '2026-06-01'], DEFAULT_POLICY, {
      inScope: teamOnDate(TEAM_B.id),
    });
    expect(counts.map((c) => c.cohort.youngPeople)).toEqual([0, 1]);
    expect(AGE_BANDS.map((band) => counts[1].cohort.byBand[band])).toEqual([0, 0, 1, 0, 0, 0, 0]);
  });
});
