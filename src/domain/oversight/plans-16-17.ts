// Dorset's table (issue 10, part 1a): looked-after 16- and 17-year-olds with a
// pathway plan, and with one approved within the council's "in date" window,
// per team on the as-at date and for all teams. Source: Dorset's Corporate
// Parenting report, Table 2 ("No of 16/17yr olds with pathway plan within 7
// months"; the percentage is of all 16/17-year-olds, 81 of 103 = 79 %).

import {
  birthday,
  compareDates,
  DEFAULT_POLICY,
  isPlanInDate,
  type IsoDate,
  type LocalPolicy,
} from '../statutory/index.ts';
import { type CsvField, toCsv } from './csv.ts';
import {
  allocationOn,
  historiesById,
  isCaseOpenOn,
  isLookedAfterForPlanningOn,
  latestApprovedOn,
  measureOf,
  type Measure,
  type OversightFacts,
  type TeamRef,
  type YoungPersonRecord,
} from './facts.ts';

export interface Plans16To17Row {
  /** null: on the as-at date the young person was allocated to no team. */
  readonly team: TeamRef | null;
  readonly youngPeople: Measure;
  readonly withPlan: Measure;
  readonly planInDate: Measure;
  /** planInDate ÷ youngPeople × 100 to one decimal; null when there is nobody to measure. */
  readonly percentInDate: number | null;
}

export interface Plans16To17Table {
  readonly asAt: IsoDate;
  readonly inDateWindowMonths: number;
  /** One row per team with anyone in scope, by team name; the no-team row last. */
  readonly teams: readonly Plans16To17Row[];
  readonly allTeams: Plans16To17Row;
}

export const ALL_TEAMS = 'All teams';
export const NO_TEAM = 'No team';
export const PLANS_16_17_CSV_HEADER = [
  'team',
  'young_people_16_17',
  'with_plan',
  'plan_in_date',
  'percent_in_date',
] as const;

/** 16 or 17 on `asAt`: on or after the 16th birthday and before the 18th (Family Law Reform Act 1969 s9). */
export function isAged16Or17On(dateOfBirth: IsoDate, asAt: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): boolean {
  const b16 = birthday(dateOfBirth, 16, policy.leapDayBirthday);
  const b18 = birthday(dateOfBirth, 18, policy.leapDayBirthday);
  return compareDates(b16, asAt) <= 0 && compareDates(asAt, b18) < 0;
}

/** Percentage to one decimal, half up; null for an empty denominator (0 of 0 is not 0 % nor 100 %). */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/**
 * Dorset's table on `asAt`. In scope: an open case, 16 or 17, looked after
 * (an open care episode, short breaks aside). With a plan: a plan approved on
 * or before `asAt`. In date: the latest such plan is within
 * `policy.inDateWindowMonths` (default 7) by `isPlanInDate` — the last day of
 * the window counts. Team: the allocation on `asAt`, not today's.
 */
export function plansForLookedAfter16And17(
  facts: OversightFacts,
  asAt: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
): Plans16To17Table {
  const histories = historiesById(facts);
  const inScope = facts.youngPeople.filter(
    (p) => isCaseOpenOn(p, asAt) && isAged16Or17On(p.dateOfBirth, asAt, policy) && isLookedAfterForPlanningOn(p, asAt),
  );
  const rowOf = (team: TeamRef | null, people: readonly YoungPersonRecord[]): Plans16To17Row => {
    const latest = people.map((p) => ({ p, on: latestApprovedOn(histories.get(p.id), asAt) }));
    const withPlan = latest.filter((x) => x.on !== null).map((x) => x.p);
    const inDate = latest.filter((x) => isPlanInDate(x.on, asAt, policy)).map((x) => x.p);
    return {
      team,
      youngPeople: measureOf(people),
      withPlan: measureOf(withPlan),
      planInDate: measureOf(inDate),
      percentInDate: percentOf(inDate.length, people.length),
    };
  };

  const byTeam = new Map<string | null, { team: TeamRef | null; people: YoungPersonRecord[] }>();
  for (const person of inScope) {
    const team = allocationOn(person, asAt)?.team ?? null;
    const key = team?.id ?? null;
    const group = byTeam.get(key) ?? { team, people: [] };
    group.people.push(person);
    byTeam.set(key, group);
  }
  const teams = [...byTeam.values()]
    .sort((a, b) => {
      if (a.team === null || b.team === null) return a.team === null ? 1 : -1;
      return a.team.name.localeCompare(b.team.name, 'en-GB') || a.team.id.localeCompare(b.team.id);
    })
    .map((g) => rowOf(g.team, g.people));

  return { asAt, inDateWindowMonths: policy.inDateWindowMonths, teams, allTeams: rowOf(null, inScope) };
}

/** The table's rows for a file, under `PLANS_16_17_CSV_HEADER`: a row per team, `All teams` last. */
export function plans16To17Rows(table: Plans16To17Table): CsvField[][] {
  const line = (label: string, row: Plans16To17Row) => [
    label,
    row.youngPeople.count,
    row.withPlan.count,
    row.planInDate.count,
    row.percentInDate === null ? null : row.percentInDate.toFixed(1),
  ];
  return [...table.teams.map((row) => line(row.team?.name ?? NO_TEAM, row)), line(ALL_TEAMS, table.allTeams)];
}

/** The table as CSV (RFC 4180), with exactly the header and `All teams` as the last row. */
export function plans16To17Csv(table: Plans16To17Table): string {
  return toCsv(PLANS_16_17_CSV_HEADER, plans16To17Rows(table));
}
