// A council's local policy: it may make the statutory timescales stricter,
// never laxer. validatePolicy rejects any laxer value with a message that names
// the provision it would break.

import type { LeapDayPolicy } from './dates.ts';

export interface LocalPolicy {
  /** Reference §2.2(1): 29 February birthdays fall on 1 March (default) or 28 February. */
  readonly leapDayBirthday: LeapDayPolicy;
  /** CPPCR 2010 reg 42(1); Care Leavers Regs reg 4: needs assessment within 3 months. */
  readonly needsAssessmentWithinMonths: number;
  /** CPPCR 2010 reg 43 / Care Leavers Regs reg 6 "as soon as possible after the assessment": first plan within N ≤ 3 months. */
  readonly firstPlanWithinMonths: number;
  /** Care Leavers Regs reg 7(1)(c); CPPCR reg 33: review at intervals of no more than 6 months. */
  readonly reviewIntervalMonths: number;
  /** Care Leavers Regs reg 7(1)(a),(b): review after a request or significant change, within N working days. */
  readonly significantChangeReviewWorkingDays: number;
  /** Councils' performance measure: a plan is "in date" if reviewed within N months. */
  readonly inDateWindowMonths: number;
  /** s23CZB: assessment after a request for support at 21–25 (no statutory deadline found). */
  readonly supportRequestAssessmentWithinMonths: number;
  /** Care Leavers Regs reg 7: while the council provides accommodation, review at least every 3 months. */
  readonly accommodationReviewIntervalMonths: number;
  /** Care Leavers Regs reg 8: PA visits within 7 days of accommodation first being provided. */
  readonly personalAdviserFirstVisitDays: number;
  /** Care Leavers Regs reg 8: then PA visits at intervals of no more than 2 months. */
  readonly personalAdviserVisitIntervalMonths: number;
  /** CPPCR reg 48 as made capped each short break at 17 days; null follows the amended text (no cap). Used only to flag. */
  readonly shortBreakMaxSingleStayDays: number | null;
}

export const DEFAULT_POLICY: LocalPolicy = Object.freeze({
  leapDayBirthday: 'MAR_1',
  needsAssessmentWithinMonths: 3,
  firstPlanWithinMonths: 3,
  reviewIntervalMonths: 6,
  significantChangeReviewWorkingDays: 20,
  inDateWindowMonths: 7,
  supportRequestAssessmentWithinMonths: 3,
  accommodationReviewIntervalMonths: 3,
  personalAdviserFirstVisitDays: 7,
  personalAdviserVisitIntervalMonths: 2,
  shortBreakMaxSingleStayDays: 17,
});

export interface PolicyError {
  field: keyof LocalPolicy;
  message: string;
}

export type PolicyResult = { ok: true; policy: LocalPolicy } | { ok: false; errors: PolicyError[] };

type WholeNumberField = Exclude<keyof LocalPolicy, 'leapDayBirthday' | 'shortBreakMaxSingleStayDays'>;

// Each limit: the laxest value the law (or, where marked, the product) allows, and why.
const LIMITS: Record<WholeNumberField, { min: number; max: number; unit: string; why: string }> = {
  needsAssessmentWithinMonths: {
    min: 1,
    max: 3,
    unit: 'months',
    why: 'CPPCR 2010 reg 42(1) and Care Leavers Regs reg 4 require the needs assessment within 3 months',
  },
  firstPlanWithinMonths: {
    min: 1,
    max: 3,
    unit: 'months',
    why: 'the first pathway plan must be in place within 3 months of the 16th birthday or of becoming eligible or relevant (CPPCR reg 43, §2.2(7))',
  },
  reviewIntervalMonths: {
    min: 1,
    max: 6,
    unit: 'months',
    why: 'Care Leavers Regs reg 7 and CPPCR reg 33 require a review at least every 6 months',
  },
  significantChangeReviewWorkingDays: {
    min: 1,
    max: 20,
    unit: 'working days',
    why: 'a review after a request or significant change (Care Leavers Regs reg 7) may not wait longer than the product floor of 20 working days',
  },
  inDateWindowMonths: {
    min: 1,
    max: 7,
    unit: 'months',
    why: 'the "in date" measure allows at most the 6-month review interval plus one month',
  },
  supportRequestAssessmentWithinMonths: {
    min: 1,
    max: 3,
    unit: 'months',
    why: 'the assessment after a request for support at 21–25 (s23CZB) is due within 3 months, the same as any other leaving-care assessment',
  },
  accommodationReviewIntervalMonths: {
    min: 1,
    max: 3,
    unit: 'months',
    why: 'Care Leavers Regs reg 7 requires a review at least every 3 months while the council provides accommodation',
  },
  personalAdviserFirstVisitDays: {
    min: 1,
    max: 7,
    unit: 'days',
    why: 'Care Leavers Regs reg 8 requires a PA visit within 7 days of accommodation first being provided',
  },
  personalAdviserVisitIntervalMonths: {
    min: 1,
    max: 2,
    unit: 'months',
    why: 'Care Leavers Regs reg 8 requires PA visits at least every 2 months while the council provides accommodation',
  },
};

/**
 * Checks a council's policy (missing fields take the defaults) and rejects any
 * value laxer than the law, with a message naming the provision.
 */
export function validatePolicy(candidate: Partial<Record<keyof LocalPolicy, unknown>> = {}): PolicyResult {
  const merged: Record<keyof LocalPolicy, unknown> = { ...DEFAULT_POLICY, ...definedOnly(candidate) };
  const errors: PolicyError[] = [];

  if (merged.leapDayBirthday !== 'MAR_1' && merged.leapDayBirthday !== 'FEB_28') {
    errors.push({
      field: 'leapDayBirthday',
      message: `leapDayBirthday must be "MAR_1" or "FEB_28" (got ${JSON.stringify(merged.leapDayBirthday)})`,
    });
  }

  for (const field of Object.keys(LIMITS) as WholeNumberField[]) {
    const { min, max, unit, why } = LIMITS[field];
    const value = merged[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      errors.push({ field, message: `${field} must be a whole number of ${unit} (got ${JSON.stringify(value)})` });
    } else if (value > max) {
      errors.push({
        field,
        message: `${field} cannot be more than ${max} ${unit}: ${why} (got ${value}). A council may be stricter, never laxer.`,
      });
    } else if (value < min) {
      errors.push({ field, message: `${field} must be at least ${min} ${unit} (got ${value})` });
    }
  }

  const cap = merged.shortBreakMaxSingleStayDays;
  if (cap !== null && (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 1 || cap > 17)) {
    errors.push({
      field: 'shortBreakMaxSingleStayDays',
      message: `shortBreakMaxSingleStayDays must be null (amended CPPCR reg 48) or a whole number from 1 to 17 (reg 48 as made) (got ${JSON.stringify(cap)})`,
    });
  }

  const {
    needsAssessmentWithinMonths: na,
    firstPlanWithinMonths: plan,
    reviewIntervalMonths: review,
    inDateWindowMonths: window,
  } = merged;
  if (typeof na === 'number' && typeof plan === 'number' && plan < na) {
    errors.push({
      field: 'firstPlanWithinMonths',
      message: `firstPlanWithinMonths (${plan}) cannot be earlier than needsAssessmentWithinMonths (${na}): the plan follows the assessment`,
    });
  }
  if (typeof review === 'number' && typeof window === 'number' && window < review) {
    errors.push({
      field: 'inDateWindowMonths',
      message: `inDateWindowMonths (${window}) cannot be shorter than reviewIntervalMonths (${review}): a plan reviewed on time would count as out of date`,
    });
  }

  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, policy: Object.freeze(merged as unknown as LocalPolicy) };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
