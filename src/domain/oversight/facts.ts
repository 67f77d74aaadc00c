// The facts the oversight measures read: small, explicit records that one
// repository query per council will fill. Every "to" and "closed" date is
// exclusive, as the 903 return's DEC: the record no longer holds on that day.

import {
  birthday,
  compareDates,
  isLookedAfterOn,
  isShortBreak,
  type CareEpisode,
  type CareHistory,
  type IsoDate,
  type LocalPolicy,
} from '../statutory/index.ts';

export interface TeamRef {
  readonly id: string;
  readonly name: string;
}

/** Who held the case from `from` until `to` (exclusive; null while current). */
export interface Allocation {
  readonly team: TeamRef;
  /** null: allocated to the team but to no personal adviser. */
  readonly personalAdviserId: string | null;
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

export interface YoungPersonRecord {
  readonly id: string;
  readonly dateOfBirth: IsoDate;
  readonly caseOpenedOn: IsoDate;
  /** Exclusive: a case closed on a day is not open on that day. */
  readonly caseClosedOn: IsoDate | null;
  /** Counted like any other; only the staff named on it may see it in a list. */
  readonly restricted: boolean;
  readonly unaccompanied: boolean;
  /** 903 episodes: `end` exclusive, `legalStatus` as the 903 LS (V3/V4 are short breaks). */
  readonly careEpisodes: readonly CareEpisode[];
  readonly allocations: readonly Allocation[];
  /**
   * The first needs assessment completed (statutory records of kind `needs_assessment`), as the
   * young person's statutory view reads it; null or absent: none recorded.
   */
  readonly needsAssessedOn?: IsoDate | null;
  /** The rarer facts the category derivation can use; absent means not known to apply. */
  readonly categoryFacts?: Pick<
    CareHistory,
    'homeWithParentSince' | 'detainedOrInHospitalOn16thBirthday' | 'educationProgrammeEndsOn' | 'sgoMadeOn'
  >;
}

export interface ApprovedPlan {
  readonly versionId: string;
  readonly approvedOn: IsoDate;
}

/** One review cycle: started, sent for approval (perhaps more than once), returned, approved. */
export interface ReviewRecord {
  readonly id: string;
  readonly startedOn: IsoDate;
  readonly submittedForApprovalOn: readonly IsoDate[];
  readonly returnedOn: readonly IsoDate[];
  readonly approvedOn: IsoDate | null;
}

export interface PlanHistory {
  readonly youngPersonId: string;
  readonly approvedPlans: readonly ApprovedPlan[];
  readonly reviews: readonly ReviewRecord[];
}

/** Everything one council's measures need, read once. */
export interface OversightFacts {
  readonly youngPeople: readonly YoungPersonRecord[];
  readonly planHistories: readonly PlanHistory[];
}

/** A young person behind a number: the page shows restricted ones only to the staff named on them. */
export interface PersonRef {
  readonly id: string;
  readonly restricted: boolean;
}

/** A count and the young people behind it (sorted by id), so every number drills down to its list. */
export interface Measure {
  readonly count: number;
  readonly people: readonly PersonRef[];
}

export function measureOf(people: readonly PersonRef[]): Measure {
  const refs = people
    .map((p) => ({ id: p.id, restricted: p.restricted }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { count: refs.length, people: refs };
}

const onOrBefore = (a: IsoDate, b: IsoDate) => compareDates(a, b) <= 0;
const within = (from: IsoDate, to: IsoDate | null, on: IsoDate) =>
  onOrBefore(from, on) && (to === null || !onOrBefore(to, on));

/** Open on `on`: opened on or before it, not closed on or before it. */
export function isCaseOpenOn(person: YoungPersonRecord, on: IsoDate): boolean {
  return within(person.caseOpenedOn, person.caseClosedOn, on);
}

/** The allocation in force on `on` (the latest-starting one if records overlap), or null. */
export function allocationOn(person: YoungPersonRecord, on: IsoDate): Allocation | null {
  let found: Allocation | null = null;
  for (const a of person.allocations)
    if (within(a.from, a.to, on) && (found === null || compareDates(a.from, found.from) > 0)) found = a;
  return found;
}

/**
 * The personal adviser allocated on `on` (the latest-starting if records overlap), or null. A social
 * worker allocated since does not take the adviser away: the team follows the latest allocation, the
 * adviser only the adviser's.
 */
export function personalAdviserOn(person: YoungPersonRecord, on: IsoDate): string | null {
  let found: Allocation | null = null;
  for (const a of person.allocations)
    if (
      a.personalAdviserId !== null &&
      within(a.from, a.to, on) &&
      (found === null || compareDates(a.from, found.from) > 0)
    )
      found = a;
  return found?.personalAdviserId ?? null;
}

/**
 * Looked after on `on` in the sense that calls for a pathway plan: an episode
 * open that day, short breaks (903 LS V3/V4) left out — CPPCR 2010 reg 40(2).
 */
export function isLookedAfterForPlanningOn(person: YoungPersonRecord, on: IsoDate): boolean {
  return isLookedAfterOn(
    person.careEpisodes.filter((e) => !isShortBreak(e)),
    on,
  );
}

/** Age in whole years on `on`, birthdays as the council's leap-day policy places them (reference §2.2(1)). */
export function ageOnDate(dateOfBirth: IsoDate, on: IsoDate, policy: LocalPolicy): number {
  const born = Number(dateOfBirth.slice(0, 4));
  let age = Number(on.slice(0, 4)) - born;
  if (compareDates(birthday(dateOfBirth, age, policy.leapDayBirthday), on) > 0) age -= 1;
  return age;
}

export function historiesById(facts: OversightFacts): ReadonlyMap<string, PlanHistory> {
  return new Map(facts.planHistories.map((h) => [h.youngPersonId, h]));
}

/** The latest plan approved on or before `on`, or null. */
export function latestApprovedOn(history: PlanHistory | undefined, on: IsoDate): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const plan of history?.approvedPlans ?? [])
    if (onOrBefore(plan.approvedOn, on) && (latest === null || compareDates(plan.approvedOn, latest) > 0))
      latest = plan.approvedOn;
  return latest;
}
