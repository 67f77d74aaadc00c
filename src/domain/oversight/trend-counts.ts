// The trend lines' counts on many dates from one preparation per young person (issue 10 §1: "a 12-month
// trend for each measure"; §6: "the 12-month trend must not cost 12 single dates"). Each count keeps
// the definition of the table it comes from — Dorset's All teams row (`plansForLookedAfter16And17`),
// the care leavers' total row and the unaccompanied first plans (`careLeaversByCategory`), Bradford's
// cohort (`cohortByAgeBand`), the outcomes at 19 to 21 (`outcomesAt19To21`) and the flow of plans
// (`planFlow`) — and a test holds them equal on every date. Only the work is shared: each young
// person's birthdays, episodes without short breaks, approvals with the day each stops being in date,
// unaccompanied deadline, outcome birthdays and reviews are worked out once, not once a date. Only the
// care leavers' status (`careLeaverStatusOn`) is derived on a date, as its category moves with it, and
// only when one of its flags can hold (`statusFlagsCannotHold`);
// nothing is listed or sorted (the counts have no young people behind them: the lists are the tables').

import {
  addMonths,
  birthday,
  compareDates,
  daysBetween,
  DEFAULT_POLICY,
  isLookedAfterOn,
  isShortBreak,
  type IsoDate,
  type LocalPolicy,
} from '../statutory/index.ts';
import { AGE_BANDS, type AgeBand, ageBandOn } from './age-bands.ts';
import {
  careLeaverStatusOn,
  statusFlagsCannotHold,
  UNACCOMPANIED_FIRST_PLAN_MONTHS,
  unaccompaniedDeadline,
} from './care-leavers.ts';
import {
  historiesById,
  isCaseOpenOn,
  type OversightFacts,
  personalAdviserOn,
  type YoungPersonRecord,
} from './facts.ts';
import { median, twelveMonthsTo, waitingSinceOn } from './flow.ts';
import {
  inEetOn,
  inSuitableAccommodationOn,
  inTouchAroundBirthday,
  isFormerRelevantOn,
  OUTCOME_AGES,
  type OutcomeRecord,
  outcomePeriod,
} from './outcomes.ts';

export interface TrendCounts {
  readonly on: IsoDate;
  /** Dorset's All teams row: looked after and 16 or 17, of them with a plan, and with one in date. */
  readonly lookedAfter16To17: { readonly youngPeople: number; readonly withPlan: number; readonly planInDate: number };
  /** The care leavers' total row: open cases, and of them each column of the table. */
  readonly openCases: {
    readonly youngPeople: number;
    readonly planInDate: number;
    readonly reviewOverdue: number;
    readonly needsAssessmentOverdue: number;
    readonly firstPlanOverdue: number;
    readonly noPersonalAdviser: number;
  };
  /** Unaccompanied young people whose first plan was due by the date, and of them those with one on time. */
  readonly unaccompanied: { readonly due: number; readonly onTime: number };
  /** Bradford's cohort: open cases aged 15½ and over by band, and all of them. */
  readonly cohort: { readonly youngPeople: number; readonly byBand: Readonly<Record<AgeBand, number>> };
  /** The outcomes' All row: care leavers with a 19th to 21st birthday in the period, and of them each outcome. */
  readonly outcomes: {
    readonly careLeavers: number;
    readonly inTouch: number;
    readonly inEet: number;
    readonly inSuitableAccommodation: number;
  };
  /** The flow on the date: young people with a plan waiting for approval; reviews approved in the 12 months and their median days. */
  readonly flow: {
    readonly waitingForApproval: number;
    readonly reviewsApproved: number;
    readonly medianDaysStartToApproval: number | null;
  };
}

export interface TrendCountOptions {
  /** The outcome records (contacts since `outcomeContactsSince` of the earliest date); none: every outcome false. */
  readonly outcomeRecords?: readonly OutcomeRecord[];
  /** `inScope` narrows who is counted on a date (a team manager's own team by the allocation that day). */
  readonly inScope?: (person: YoungPersonRecord, on: IsoDate) => boolean;
  /** The unaccompanied first plan's months (`careLeaversByCategory`'s option), default 3. */
  readonly unaccompaniedFirstPlanWithinMonths?: number;
}

const onOrBefore = (a: IsoDate, b: IsoDate) => compareDates(a, b) <= 0;

/** The counts on each of `dates`; everyone in the facts is in scope without `options.inScope`. */
export function trendCounts(
  facts: OversightFacts,
  dates: readonly IsoDate[],
  policy: LocalPolicy = DEFAULT_POLICY,
  options: TrendCountOptions = {},
): TrendCounts[] {
  const { inScope } = options;
  const histories = historiesById(facts);
  const records = new Map((options.outcomeRecords ?? []).map((r) => [r.youngPersonId, r]));
  const withinMonths = options.unaccompaniedFirstPlanWithinMonths ?? UNACCOMPANIED_FIRST_PLAN_MONTHS;
  const prepared = facts.youngPeople.map((person) => {
    const history = histories.get(person.id);
    const record = records.get(person.id);
    return {
      person,
      turns16: birthday(person.dateOfBirth, 16, policy.leapDayBirthday),
      turns18: birthday(person.dateOfBirth, 18, policy.leapDayBirthday),
      planning: person.careEpisodes.filter((e) => !isShortBreak(e)),
      later: {
        b21: birthday(person.dateOfBirth, 21, policy.leapDayBirthday),
        b25: birthday(person.dateOfBirth, 25, policy.leapDayBirthday),
      },
      // Oldest first; each in date up to and including `until` (isPlanInDate).
      approvals: (history?.approvedPlans ?? [])
        .map((plan) => plan.approvedOn)
        .sort(compareDates)
        .map((on) => ({ on, until: addMonths(on, policy.inDateWindowMonths) })),
      unaccompanied: unaccompaniedDeadline(person, history, withinMonths),
      // Each birthday's outcomes depend on the birthday only: worked out the first time a date needs them.
      birthdays: OUTCOME_AGES.map((age) => {
        const on = birthday(person.dateOfBirth, age, policy.leapDayBirthday);
        let outcome: { counted: boolean; inTouch: boolean; inEet: boolean; suitable: boolean } | null = null;
        return {
          on,
          outcome: () => {
            outcome ??= {
              counted: isFormerRelevantOn(person, on, policy),
              inTouch: inTouchAroundBirthday(record?.contactDates ?? [], on),
              inEet: inEetOn(record?.activity ?? [], on),
              suitable: inSuitableAccommodationOn(record?.accommodation ?? [], on),
            };
            return outcome;
          },
        };
      }),
      reviews: (history?.reviews ?? []).map((review) => ({
        review,
        days: review.approvedOn === null ? null : daysBetween(review.startedOn, review.approvedOn),
        // Not waiting before it was first sent (waitingSinceOn): most dates need no more.
        firstSent: [...review.submittedForApprovalOn].sort(compareDates)[0] ?? null,
      })),
    };
  });
  return dates.map((on) => {
    const lookedAfter16To17 = { youngPeople: 0, withPlan: 0, planInDate: 0 };
    const openCases = {
      youngPeople: 0,
      planInDate: 0,
      reviewOverdue: 0,
      needsAssessmentOverdue: 0,
      firstPlanOverdue: 0,
      noPersonalAdviser: 0,
    };
    const unaccompanied = { due: 0, onTime: 0 };
    const byBand = Object.fromEntries(AGE_BANDS.map((band) => [band, 0])) as Record<AgeBand, number>;
    const outcomes = { careLeavers: 0, inTouch: 0, inEet: 0, inSuitableAccommodation: 0 };
    let waitingForApproval = 0;
    const reviewDays: number[] = [];
    const period = outcomePeriod(on);
    const approvedFrom = twelveMonthsTo(on)[0].from;
    for (const {
      person,
      turns16,
      turns18,
      later,
      planning,
      approvals,
      unaccompanied: first,
      birthdays,
      reviews,
    } of prepared) {
      if (inScope && !inScope(person, on)) continue;

      // The flow and the outcomes count open cases and closed alike (planFlow, outcomesAt19To21).
      let waiting = false;
      for (const { review, days, firstSent } of reviews) {
        if (!waiting && firstSent !== null && onOrBefore(firstSent, on) && waitingSinceOn(review, on) !== null)
          waiting = true;
        const approved = review.approvedOn;
        if (days !== null && approved !== null && onOrBefore(approvedFrom, approved) && onOrBefore(approved, on))
          reviewDays.push(days);
      }
      if (waiting) waitingForApproval += 1;
      // birthdayInPeriod: the first of the 19th, 20th and 21st birthdays after `from`, on or before `to`.
      const inPeriod = birthdays.find((b) => compareDates(period.from, b.on) < 0 && onOrBefore(b.on, period.to));
      const outcome = inPeriod?.outcome();
      if (outcome?.counted) {
        outcomes.careLeavers += 1;
        if (outcome.inTouch) outcomes.inTouch += 1;
        if (outcome.inEet) outcomes.inEet += 1;
        if (outcome.suitable) outcomes.inSuitableAccommodation += 1;
      }

      if (!isCaseOpenOn(person, on)) continue;
      let latest: { on: IsoDate; until: IsoDate } | null = null;
      for (let i = approvals.length - 1; i >= 0 && latest === null; i--)
        if (onOrBefore(approvals[i].on, on)) latest = approvals[i];
      const inDate = latest !== null && onOrBefore(on, latest.until);
      if (compareDates(turns16, on) <= 0 && compareDates(on, turns18) < 0 && isLookedAfterOn(planning, on)) {
        lookedAfter16To17.youngPeople += 1;
        if (latest) lookedAfter16To17.withPlan += 1;
        if (inDate) lookedAfter16To17.planInDate += 1;
      }
      openCases.youngPeople += 1;
      if (inDate) openCases.planInDate += 1;
      if (personalAdviserOn(person, on) === null) openCases.noPersonalAdviser += 1;
      // The status is derived only when one of its flags can hold (most people's cannot on most dates).
      if (!statusFlagsCannotHold(person, latest?.on ?? null, on, policy, { ...later, b18: turns18, planning })) {
        const status = careLeaverStatusOn(person, latest?.on ?? null, on, policy);
        if (status.reviewOverdue) openCases.reviewOverdue += 1;
        if (status.needsAssessmentOverdue) openCases.needsAssessmentOverdue += 1;
        if (status.firstPlanOverdue) openCases.firstPlanOverdue += 1;
      }
      if (first && onOrBefore(first.deadline, on)) {
        unaccompanied.due += 1;
        if (first.onTime) unaccompanied.onTime += 1;
      }
      const band = ageBandOn(person.dateOfBirth, on, policy);
      if (band !== null) byBand[band] += 1;
    }
    return {
      on,
      lookedAfter16To17,
      openCases,
      unaccompanied,
      cohort: { youngPeople: AGE_BANDS.reduce((sum, band) => sum + byBand[band], 0), byBand },
      outcomes,
      flow: {
        waitingForApproval,
        reviewsApproved: reviewDays.length,
        medianDaysStartToApproval: median(reviewDays),
      },
    };
  });
}
