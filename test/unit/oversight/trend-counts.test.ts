// The trend lines' counts (issue 10 §1, §6): on every date, exactly the numbers of the tables they
// come from — Dorset's All teams row (§1a) and the care leavers' total row (§1b) — for the whole
// council and for one team by the allocation on each date, over councils made at random with the
// edge cases the tables' own tests name (birthdays on the date, a plan approved exactly 7 months
// before, short breaks, closed cases, team moves).
import { describe, expect, it } from 'vitest';
import {
  careLeaversByCategory,
  plansForLookedAfter16And17,
  trendCounts,
  trendDates,
  type OversightFacts,
  type YoungPersonRecord,
} from '../../../src/domain/oversight/index.ts';
import { addDays, addMonths, DEFAULT_POLICY, type LocalPolicy } from '../../../src/domain/statutory/index.ts';
import { seededRandom } from '../../../src/seed/random.ts';
import { AS_AT, allocated, buildPlanHistory, buildYoungPerson, facts, inCare, TEAM_A, TEAM_B } from './builders.ts';

/** A council of `n` young people around AS_AT, with the edges on the trend dates themselves. */
function randomCouncil(seed: number, n: number): OversightFacts {
  const rng = seededRandom(seed);
  const dates = trendDates(AS_AT);
  const near = () => addDays(rng.pick(dates), rng.pick([-1, 0, 0, 1]));
  const people: YoungPersonRecord[] = [];
  const histories = [];
  for (let i = 0; i < n; i++) {
    const id = `yp-${seed}-${i}`;
    // Birthdays on and around the trend dates: 16th or 18th falls on one of them.
    const dateOfBirth = rng.chance(0.4)
      ? addMonths(near(), -12 * rng.pick([16, 18]))
      : addDays(AS_AT, -rng.int(14 * 365, 22 * 365));
    const inCareFrom = addDays(dateOfBirth, rng.int(2 * 365, 15 * 365));
    // Some have only short breaks (903 legal status V3/V4), open across the trend dates.
    const episodes = rng.chance(0.15)
      ? [inCare(addDays(near(), -30), rng.chance(0.5) ? near() : null, rng.pick(['V3', 'V4']))]
      : [inCare(inCareFrom, rng.chance(0.5) ? near() : null, rng.pick(['C2', 'V2', 'J2']))];
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
        careEpisodes: episodes,
        allocations,
      }),
    );
    // Approvals, some exactly the window before a trend date, some on it.
    const approved = Array.from({ length: rng.int(0, 4) }, () =>
      rng.chance(0.3) ? addMonths(rng.pick(dates), -DEFAULT_POLICY.inDateWindowMonths) : near(),
    );
    histories.push(buildPlanHistory(id, approved));
  }
  return facts(people, histories);
}

const teamOnDate = (teamId: string) => (person: YoungPersonRecord, on: string) => {
  let found = null;
  for (const a of person.allocations)
    if (a.from <= on && (a.to === null || on < a.to) && (found === null || a.from > found.from)) found = a;
  return found?.team.id === teamId;
};

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
      const counts = trendCounts(council, dates, policy);
      const team = trendCounts(council, dates, policy, teamOnDate(TEAM_B.id));
      for (const [i, on] of dates.entries()) {
        const dorset = plansForLookedAfter16And17(council, on, policy);
        const leavers = careLeaversByCategory(council, on, policy).total;
        expect(counts[i], `${on}, seed ${seed}`).toEqual({
          on,
          lookedAfter16To17: {
            youngPeople: dorset.allTeams.youngPeople.count,
            withPlan: dorset.allTeams.withPlan.count,
            planInDate: dorset.allTeams.planInDate.count,
          },
          openCases: { youngPeople: leavers.youngPeople.count, planInDate: leavers.planInDate.count },
        });
        // One team, by the allocation on the date: its row of Dorset's table; the care leavers of its people.
        const row = dorset.teams.find((r) => r.team?.id === TEAM_B.id);
        const inTeam = { ...council, youngPeople: council.youngPeople.filter((p) => teamOnDate(TEAM_B.id)(p, on)) };
        const teamLeavers = careLeaversByCategory(inTeam, on, policy).total;
        expect(team[i], `${on}, seed ${seed}, team B`).toEqual({
          on,
          lookedAfter16To17: {
            youngPeople: row?.youngPeople.count ?? 0,
            withPlan: row?.withPlan.count ?? 0,
            planInDate: row?.planInDate.count ?? 0,
          },
          openCases: { youngPeople: teamLeavers.youngPeople.count, planInDate: teamLeavers.planInDate.count },
        });
      }
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
