// One young person's statutory position on a day: the category (categories.ts)
// plus the deadlines that follow from it (timescales.ts) and prompts.

import { compareDates, NO_BANK_HOLIDAYS, type BankHolidays, type IsoDate } from './dates.ts';
import { deriveCategory, type CareHistory, type CategoryDerivation } from './categories.ts';
import { DEFAULT_POLICY, type LocalPolicy } from './policy.ts';
import type { FlagCode, RuleId } from './rules.ts';
import {
  accommodationReviewDue,
  ageMilestones,
  firstPlanDue,
  needsAssessmentDueAfterSupportRequest,
  needsAssessmentDueForEligible,
  needsAssessmentDueForRelevant,
  nextReviewDue,
  outstandingTriggers,
  personalAdviserAvailableUntilOn,
  personalAdviserVisitDue,
  planTwentyOnePlusOfferOn,
  startPathwayPlanningOn,
  type Milestone,
  type ReviewTrigger,
} from './timescales.ts';

export interface CouncilAccommodation {
  /** Day the council first provided the accommodation (s23B(8) or s24B). */
  readonly since: IsoDate;
  readonly lastAccommodationReviewOn?: IsoDate | null;
  readonly lastPersonalAdviserVisitOn?: IsoDate | null;
}

export interface StatusInput extends CareHistory {
  /** Last looked-after or pathway plan review (approved). */
  readonly lastReviewOn?: IsoDate | null;
  readonly hasPathwayPlan?: boolean | null;
  /** s23CZB: has asked for support after 21. */
  readonly requestedSupportAfter21?: boolean | null;
  readonly supportRequestedOn?: IsoDate | null;
  readonly reviewTriggers?: readonly ReviewTrigger[];
  readonly councilAccommodation?: CouncilAccommodation | null;
}

export interface CareLeaverStatus extends CategoryDerivation {
  readonly needsAssessmentDue: IsoDate | null;
  readonly firstPlanDue: IsoDate | null;
  readonly nextReviewDue: IsoDate | null;
  /** The day core duties end (exclusive): 21st birthday, education extension, or 21 for qualifying. */
  readonly supportEndsOn: IsoDate | null;
  readonly personalAdviserAvailableUntil: IsoDate | null;
  /** s23CZB: the day they asked for support after 21, as the input gave it (null: not asked, or not known). */
  readonly supportRequestedOn: IsoDate | null;
  readonly accommodation: {
    readonly nextReviewDue: IsoDate | null;
    readonly nextPersonalAdviserVisitDue: IsoDate;
  } | null;
  readonly milestones: Milestone[];
}

const PLAN_REVIEWED = new Set([
  'LOOKED_AFTER_UNDER_16',
  'LOOKED_AFTER_NOT_YET_ELIGIBLE',
  'ELIGIBLE',
  'RELEVANT',
  'FORMER_RELEVANT',
]);

/**
 * Derives the category, legal route, deadlines and prompts for one young
 * person on `input.asOf` (reference §2.3, §6). Pure: the day and the bank
 * holidays are passed in.
 */
export function deriveCareLeaverStatus(
  input: StatusInput,
  policy: LocalPolicy = DEFAULT_POLICY,
  bankHolidays: BankHolidays = NO_BANK_HOLIDAYS,
): CareLeaverStatus {
  const derived = deriveCategory(input, policy);
  const { category } = derived;
  const { asOf } = input;
  const rules: RuleId[] = [...derived.rules];
  const flags: FlagCode[] = [...derived.flags];
  const hasPlan = input.hasPathwayPlan === true;
  const after = (a: IsoDate, b: IsoDate) => compareDates(a, b) > 0;

  // Needs assessment and first plan.
  let needsAssessmentDue: IsoDate | null = null;
  let planDue: IsoDate | null = null;
  if (
    derived.eligibleFrom &&
    ['LOOKED_AFTER_UNDER_16', 'LOOKED_AFTER_NOT_YET_ELIGIBLE', 'ELIGIBLE'].includes(category)
  ) {
    needsAssessmentDue = needsAssessmentDueForEligible(derived.eligibleFrom, policy);
    planDue = firstPlanDue(derived.eligibleFrom, policy);
    rules.push('CPPCR_REG42');
  } else if (category === 'RELEVANT' && derived.relevantFrom && !hasPlan) {
    needsAssessmentDue = needsAssessmentDueForRelevant(derived.relevantFrom, policy);
    planDue = firstPlanDue(derived.relevantFrom, policy);
    rules.push('CLR_REG4');
  } else if (category === 'FORMER_RELEVANT_21_TO_25' && input.requestedSupportAfter21 === true) {
    if (input.supportRequestedOn)
      needsAssessmentDue = planDue = needsAssessmentDueAfterSupportRequest(input.supportRequestedOn, policy);
    else flags.push('s23czb-assessment-and-plan-required');
  }

  // Reviews: only while a pathway plan (or looked-after) review duty runs.
  const supportEndsOn = derived.coreSupportEndsOn;
  const s23czbPlan = input.requestedSupportAfter21 === true;
  let reviewDue: IsoDate | null = null;
  if (PLAN_REVIEWED.has(category) || (category === 'FORMER_RELEVANT_21_TO_25' && s23czbPlan)) {
    const triggers = input.reviewTriggers ?? [];
    reviewDue = nextReviewDue({ lastReviewOn: input.lastReviewOn ?? null, triggers, asOf }, policy, bankHolidays);
    if (outstandingTriggers(triggers, input.lastReviewOn ?? null, asOf).length > 0)
      flags.push('unscheduled-review-due');
    // s23C(6): core duties end at 21. The date stays (§7: nextReviewDue = last review + 6 months where
    // one is known), and a flag says the 21+ offer conversation replaces that review.
    if (
      category === 'FORMER_RELEVANT' &&
      reviewDue &&
      supportEndsOn &&
      !after(supportEndsOn, reviewDue) &&
      !s23czbPlan
    ) {
      flags.push('review-falls-after-support-ends');
    }
  }

  // Council-provided accommodation: Care Leavers Regs regs 7 and 8.
  let accommodation: CareLeaverStatus['accommodation'] = null;
  const home = input.councilAccommodation;
  if (home && ['RELEVANT', 'FORMER_RELEVANT', 'FORMER_RELEVANT_21_TO_25'].includes(category)) {
    const accommodationReview =
      category === 'RELEVANT'
        ? accommodationReviewDue(home.since, home.lastAccommodationReviewOn ?? null, policy)
        : null;
    accommodation = {
      nextReviewDue: accommodationReview,
      nextPersonalAdviserVisitDue: personalAdviserVisitDue(home.since, home.lastPersonalAdviserVisitOn ?? null, policy),
    };
    if (accommodationReview && (reviewDue === null || after(reviewDue, accommodationReview)))
      reviewDue = accommodationReview;
  }

  // Prompts and overdue work.
  const dob = input.dateOfBirth;
  if (category === 'LOOKED_AFTER_UNDER_16' && derived.eligibleFrom && !after(startPathwayPlanningOn(dob, policy), asOf))
    flags.push('start-pathway-planning');
  if (
    category === 'FORMER_RELEVANT' &&
    after(derived.birthdays.b21, asOf) &&
    !after(planTwentyOnePlusOfferOn(dob, policy), asOf)
  )
    flags.push('plan-21-plus-offer');
  if (reviewDue && after(asOf, reviewDue)) flags.push('review-overdue');
  if (
    planDue &&
    !hasPlan &&
    after(asOf, planDue) &&
    ['ELIGIBLE', 'RELEVANT', 'FORMER_RELEVANT_21_TO_25'].includes(category)
  )
    flags.push('pathway-plan-overdue');

  return {
    ...derived,
    rules,
    flags,
    needsAssessmentDue,
    firstPlanDue: planDue,
    nextReviewDue: reviewDue,
    supportEndsOn,
    personalAdviserAvailableUntil: derived.formerRelevantFrom ? personalAdviserAvailableUntilOn(dob, policy) : null,
    supportRequestedOn: input.requestedSupportAfter21 === true ? (input.supportRequestedOn ?? asOf) : null,
    accommodation,
    milestones: ageMilestones(dob, policy),
  };
}
