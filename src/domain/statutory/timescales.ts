// Statutory deadlines and age milestones. Each function is one rule; the
// council's policy may shorten a timescale, never lengthen it (policy.ts).

import {
  addDays,
  addMonths,
  addWorkingDays,
  birthday,
  compareDates,
  earliest,
  latest,
  NO_BANK_HOLIDAYS,
  type BankHolidays,
  type IsoDate,
} from './dates.ts';
import { DEFAULT_POLICY, type LocalPolicy } from './policy.ts';

/** CPPCR 2010 reg 42(1): needs assessment within 3 months of the 16th birthday or of becoming eligible if later. */
export function needsAssessmentDueForEligible(eligibleFrom: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return addMonths(eligibleFrom, policy.needsAssessmentWithinMonths);
}

/** Children Act 1989 s23B(3); Care Leavers (England) Regs 2010 reg 4: relevant child without a plan — assessment within 3 months of becoming relevant. */
export function needsAssessmentDueForRelevant(relevantFrom: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return addMonths(relevantFrom, policy.needsAssessmentWithinMonths);
}

/** Children Act 1989 s23CZB: assessment after a request for support at 21–25 (no statutory deadline found; policy, default 3 months). */
export function needsAssessmentDueAfterSupportRequest(
  requestedOn: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
): IsoDate {
  return addMonths(requestedOn, policy.supportRequestAssessmentWithinMonths);
}

/**
 * CPPCR 2010 reg 43; Care Leavers Regs reg 6: the plan follows the assessment
 * "as soon as possible"; deadline = N months (policy, ≤ 3) from the day the
 * assessment clock starts (16th birthday, becoming eligible or relevant).
 */
export function firstPlanDue(clockStartsOn: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return addMonths(clockStartsOn, policy.firstPlanWithinMonths);
}

/** Care Leavers Regs reg 7(1)(c); CPPCR 2010 reg 33: next review at most 6 months after the last. */
export function regularReviewDue(lastReviewOn: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return addMonths(lastReviewOn, policy.reviewIntervalMonths);
}

export type ReviewTriggerKind = 'YOUNG_PERSON_REQUEST' | 'PA_OR_COUNCIL_JUDGEMENT' | 'SIGNIFICANT_CHANGE';

export interface ReviewTrigger {
  readonly on: IsoDate;
  readonly kind: ReviewTriggerKind;
  /** Raised on the day of the last review but after it was recorded (a plan approved in the morning, asked about after). */
  readonly afterReviewThatDay?: boolean;
}

/** Care Leavers Regs reg 7(1)(a),(b): a review on request or significant change — within N working days (policy, default 20). */
export function unscheduledReviewDue(
  trigger: ReviewTrigger,
  policy: LocalPolicy = DEFAULT_POLICY,
  bankHolidays: BankHolidays = NO_BANK_HOLIDAYS,
): IsoDate {
  return addWorkingDays(trigger.on, policy.significantChangeReviewWorkingDays, bankHolidays);
}

/**
 * Triggers raised after the last review and by `asOf` — a review held on or after a trigger answers it,
 * except one recorded earlier on the day the trigger was raised.
 */
export function outstandingTriggers(
  triggers: readonly ReviewTrigger[],
  lastReviewOn: IsoDate | null,
  asOf: IsoDate,
): ReviewTrigger[] {
  const afterReview = (t: ReviewTrigger) => {
    if (lastReviewOn === null) return true;
    const order = compareDates(t.on, lastReviewOn);
    return order > 0 || (order === 0 && t.afterReviewThatDay === true);
  };
  return triggers.filter((t) => compareDates(t.on, asOf) <= 0 && afterReview(t));
}

/**
 * Care Leavers Regs reg 7: the next review is due at most 6 months after the
 * last one, or sooner after a request or significant change since then.
 */
export function nextReviewDue(
  props: { lastReviewOn: IsoDate | null; triggers?: readonly ReviewTrigger[]; asOf: IsoDate },
  policy: LocalPolicy = DEFAULT_POLICY,
  bankHolidays: BankHolidays = NO_BANK_HOLIDAYS,
): IsoDate | null {
  const regular = props.lastReviewOn ? regularReviewDue(props.lastReviewOn, policy) : null;
  const unscheduled = outstandingTriggers(props.triggers ?? [], props.lastReviewOn, props.asOf).map((t) =>
    unscheduledReviewDue(t, policy, bankHolidays),
  );
  return earliest(regular, ...unscheduled);
}

/**
 * CPPCR 2010 reg 33: looked-after reviews — the first within 20 working days
 * of becoming looked after, the second within 3 months of the first, then at
 * most every 6 months (a council may shorten the last interval).
 */
export function lookedAfterReviewDue(
  lookedAfterFrom: IsoDate,
  reviewsHeld: readonly IsoDate[],
  policy: LocalPolicy = DEFAULT_POLICY,
  bankHolidays: BankHolidays = NO_BANK_HOLIDAYS,
): IsoDate {
  const held = [...reviewsHeld].sort(compareDates);
  if (held.length === 0) return addWorkingDays(lookedAfterFrom, 20, bankHolidays);
  const last = held[held.length - 1];
  return held.length === 1 ? addMonths(last, 3) : addMonths(last, policy.reviewIntervalMonths);
}

/** Councils' "in date" measure: a plan counts as in date until N months (policy, default 7) after its last review or approval. */
export function isPlanInDate(
  lastReviewedOn: IsoDate | null,
  asOf: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
): boolean {
  return lastReviewedOn !== null && compareDates(asOf, addMonths(lastReviewedOn, policy.inDateWindowMonths)) <= 0;
}

/**
 * Care Leavers Regs reg 7 (accommodation provided by the council to a relevant
 * child): review as soon as practicable after 28 days, then at least every 3 months.
 */
export function accommodationReviewDue(
  accommodatedFrom: IsoDate,
  lastAccommodationReviewOn: IsoDate | null,
  policy: LocalPolicy = DEFAULT_POLICY,
): IsoDate {
  return lastAccommodationReviewOn
    ? addMonths(lastAccommodationReviewOn, policy.accommodationReviewIntervalMonths)
    : addDays(accommodatedFrom, 28);
}

/**
 * Care Leavers Regs reg 8 (accommodation provided under s23B or s24B): the PA
 * visits within 7 days of it first being provided, then at most every 2 months.
 */
export function personalAdviserVisitDue(
  accommodatedFrom: IsoDate,
  lastVisitOn: IsoDate | null,
  policy: LocalPolicy = DEFAULT_POLICY,
): IsoDate {
  return lastVisitOn
    ? addMonths(lastVisitOn, policy.personalAdviserVisitIntervalMonths)
    : addDays(accommodatedFrom, policy.personalAdviserFirstVisitDays);
}

/** Statutory guidance vol 3 ch 3: plan at the last looked-after review before 16 — prompt at 15¾. */
export function startPathwayPlanningOn(dateOfBirth: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return addMonths(birthday(dateOfBirth, 15, policy.leapDayBirthday), 9);
}

/** Children Act 1989 s23C(1): former relevant from the 18th birthday. */
export function formerRelevantFromOn(dateOfBirth: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return birthday(dateOfBirth, 18, policy.leapDayBirthday);
}

/** s23C(6) and s23CZB: prompt at 20½ to plan the offer of support from 21 to 25. */
export function planTwentyOnePlusOfferOn(dateOfBirth: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return addMonths(birthday(dateOfBirth, 20, policy.leapDayBirthday), 6);
}

/**
 * Children Act 1989 s23C(6),(7): core duties to a former relevant child end on
 * the 21st birthday, or later while the education or training programme in
 * the pathway plan runs — never past the 25th birthday.
 */
export function coreSupportEndsOn(
  dateOfBirth: IsoDate,
  educationProgrammeEndsOn: IsoDate | null = null,
  policy: LocalPolicy = DEFAULT_POLICY,
): IsoDate {
  const b21 = birthday(dateOfBirth, 21, policy.leapDayBirthday);
  const b25 = birthday(dateOfBirth, 25, policy.leapDayBirthday);
  const extended = latest(b21, educationProgrammeEndsOn) ?? b21;
  return earliest(extended, b25) ?? b25;
}

/** Children Act 1989 s23CZB: a PA on request until the 25th birthday; also the cap on the s23C(7) education extension. */
export function personalAdviserAvailableUntilOn(dateOfBirth: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): IsoDate {
  return birthday(dateOfBirth, 25, policy.leapDayBirthday);
}

export type MilestoneCode =
  | 'START_PATHWAY_PLANNING'
  | 'SIXTEENTH_BIRTHDAY'
  | 'SEVENTEENTH_BIRTHDAY'
  | 'EIGHTEENTH_BIRTHDAY'
  | 'PLAN_21_PLUS_OFFER'
  | 'CORE_SUPPORT_ENDS'
  | 'PERSONAL_ADVISER_ENDS';

export interface Milestone {
  readonly code: MilestoneCode;
  readonly on: IsoDate;
  readonly rule: string;
}

/** The age transitions of reference §6, in date order. */
export function ageMilestones(dateOfBirth: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): Milestone[] {
  const at = (age: number) => birthday(dateOfBirth, age, policy.leapDayBirthday);
  return [
    {
      code: 'START_PATHWAY_PLANNING',
      on: startPathwayPlanningOn(dateOfBirth, policy),
      rule: 'Statutory guidance vol 3: plan at the last review before 16',
    },
    { code: 'SIXTEENTH_BIRTHDAY', on: at(16), rule: 'Children Act 1989 Sch 2 para 19B; CPPCR reg 42(1)' },
    { code: 'SEVENTEENTH_BIRTHDAY', on: at(17), rule: 'SSDA903 OC3 cohort (17th birthday)' },
    {
      code: 'EIGHTEENTH_BIRTHDAY',
      on: formerRelevantFromOn(dateOfBirth, policy),
      rule: 'Children Act 1989 s23C(1); s23CZA Staying Put',
    },
    {
      code: 'PLAN_21_PLUS_OFFER',
      on: planTwentyOnePlusOfferOn(dateOfBirth, policy),
      rule: 'Children Act 1989 s23CZB (prepare the 21+ offer)',
    },
    { code: 'CORE_SUPPORT_ENDS', on: at(21), rule: 'Children Act 1989 s23C(6)' },
    {
      code: 'PERSONAL_ADVISER_ENDS',
      on: personalAdviserAvailableUntilOn(dateOfBirth, policy),
      rule: 'Children Act 1989 s23CZB',
    },
  ];
}
