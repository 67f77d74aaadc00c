// Public API of the statutory rules: pure functions, 'today' always passed in.

export {
  addDays,
  addMonths,
  addWorkingDays,
  birthday,
  compareDates,
  daysBetween,
  daysInMonth,
  earliest,
  isIsoDate,
  isLeapYear,
  isWorkingDay,
  latest,
  NO_BANK_HOLIDAYS,
  parseIsoDate,
  type BankHolidays,
  type IsoDate,
  type LeapDayPolicy,
} from './dates.ts';
export {
  daysLookedAfter,
  firstDayThirteenWeeksMet,
  isLookedAfterOn,
  isShortBreak,
  lastCareEnd,
  shortBreaksExceedReg48,
  SHORT_BREAK_LEGAL_STATUSES,
  SHORT_BREAK_MAX_DAYS_IN_12_MONTHS,
  THIRTEEN_WEEKS_IN_DAYS,
  type CareEpisode,
} from './episodes.ts';
export { FLAGS, RULES, type FlagCode, type RuleId } from './rules.ts';
export { DEFAULT_POLICY, validatePolicy, type LocalPolicy, type PolicyError, type PolicyResult } from './policy.ts';
export {
  birthdaysOf,
  deriveCategory,
  type Birthdays,
  type CareHistory,
  type CareLeaverCategory,
  type CategoryDerivation,
  type LegalRoute,
} from './categories.ts';
export {
  accommodationReviewDue,
  ageMilestones,
  coreSupportEndsOn,
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
  unscheduledReviewDue,
  type Milestone,
  type MilestoneCode,
  type ReviewTrigger,
  type ReviewTriggerKind,
} from './timescales.ts';
export {
  deriveCareLeaverStatus,
  type CareLeaverStatus,
  type CouncilAccommodation,
  type StatusInput,
} from './status.ts';
export {
  isTimelineError,
  parseTimelineInput,
  timeline,
  timelineLine,
  TIMELINE_CATEGORY,
  type TimelineCategory,
  type TimelineError,
  type TimelineInput,
  type TimelineOutput,
  type TimelineParse,
} from './timeline.ts';
export {
  CATEGORY_NAMES,
  DUE_SOON_DAYS,
  closureDueItem,
  dueItems,
  explainCategory,
  shortDate,
  URGENCY_TEXT,
  urgencyOf,
  type DueCode,
  type DueItem,
  type Urgency,
  type WorkDone,
} from './due.ts';
export { statutoryHistory, TRIGGER_NAMES, WORK_NAMES, type HistoryEvent } from './history.ts';
export { bankHolidaysFor, easterSunday, ENGLAND_AND_WALES, englandAndWalesBankHolidays } from './bank-holidays.ts';
