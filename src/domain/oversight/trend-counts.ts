// The trend lines' counts on many dates from one preparation per young person (issue 10 §6: "the
// 12-month trend must not cost 12 single dates"). Each count keeps the definition of the table it
// comes from: Dorset's All teams row (`plansForLookedAfter16And17`) and the care leavers' total row
// (`careLeaversByCategory`); a test holds them equal on every date. Only the work is shared: each
// young person's 16th and 18th birthdays, their episodes without short breaks and their approvals
// with the day each stops being in date are worked out once, not once a date, and the full statutory
// status (which neither row needs) is never derived.

import {
  addMonths,
  birthday,
  compareDates,
  DEFAULT_POLICY,
  isLookedAfterOn,
  isShortBreak,
  type IsoDate,
  type LocalPolicy,
} from '../statutory/index.ts';
import { historiesById, isCaseOpenOn, type OversightFacts, type YoungPersonRecord } from './facts.ts';

export interface TrendCounts {
  readonly on: IsoDate;
  /** Dorset's All teams row: looked after and 16 or 17, of them with a plan, and with one in date. */
  readonly lookedAfter16To17: { readonly youngPeople: number; readonly withPlan: number; readonly planInDate: number };
  /** The care leavers' total row: open cases, and of them those with a plan in date. */
  readonly openCases: { readonly youngPeople: number; readonly planInDate: number };
}

/**
 * The counts on each of `dates`. `inScope` narrows who is counted on a date (a team manager's own
 * team by the allocation that day); everyone with an open case is counted without it.
 */
export function trendCounts(
  facts: OversightFacts,
  dates: readonly IsoDate[],
  policy: LocalPolicy = DEFAULT_POLICY,
  inScope?: (person: YoungPersonRecord, on: IsoDate) => boolean,
): TrendCounts[] {
  const histories = historiesById(facts);
  const prepared = facts.youngPeople.map((person) => ({
    person,
    turns16: birthday(person.dateOfBirth, 16, policy.leapDayBirthday),
    turns18: birthday(person.dateOfBirth, 18, policy.leapDayBirthday),
    planning: person.careEpisodes.filter((e) => !isShortBreak(e)),
    // Oldest first; each in date up to and including `until` (isPlanInDate).
    approvals: (histories.get(person.id)?.approvedPlans ?? [])
      .map((plan) => plan.approvedOn)
      .sort(compareDates)
      .map((on) => ({ on, until: addMonths(on, policy.inDateWindowMonths) })),
  }));
  return dates.map((on) => {
    const lookedAfter16To17 = { youngPeople: 0, withPlan: 0, planInDate: 0 };
    const openCases = { youngPeople: 0, planInDate: 0 };
    for (const { person, turns16, turns18, planning, approvals } of prepared) {
      if (!isCaseOpenOn(person, on) || (inScope && !inScope(person, on))) continue;
      let latest: { on: IsoDate; until: IsoDate } | null = null;
      for (let i = approvals.length - 1; i >= 0 && latest === null; i--)
        if (compareDates(approvals[i].on, on) <= 0) latest = approvals[i];
      const inDate = latest !== null && compareDates(on, latest.until) <= 0;
      openCases.youngPeople += 1;
      if (inDate) openCases.planInDate += 1;
      if (compareDates(turns16, on) <= 0 && compareDates(on, turns18) < 0 && isLookedAfterOn(planning, on)) {
        lookedAfter16To17.youngPeople += 1;
        if (latest) lookedAfter16To17.withPlan += 1;
        if (inDate) lookedAfter16To17.planInDate += 1;
      }
    }
    return { on, lookedAfter16To17, openCases };
  });
}
